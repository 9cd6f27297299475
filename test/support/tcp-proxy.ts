/**
 * A loopback TCP proxy in front of a real server, which a test can cut (every open connection dropped,
 * as a restart or a network fault does), stop (new connections refused too) and restore on the same port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private readonly open = new Set<Socket>();
  private server: Server = createServer();
  private listening = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    proxy.listening = await proxy.listen(0);
    return proxy;
  }

  get port(): number {
    return this.listening;
  }

  /** How many client connections are open through the proxy. */
  get connections(): number {
    return this.open.size / 2;
  }

  /** Drops every open connection; new ones still go through. */
  cut(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  /** Drops every open connection and refuses new ones until restore(). */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.cut();
    await closed;
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    this.server = createServer();
    await this.listen(this.port);
  }

  private listen(port: number): Promise<number> {
    this.server.on('connection', (client) => this.pipe(client));
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(a);
      a.pipe(b);
      // A reset is how a cut reaches the other side: errors here are the point, not a fault.
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.open.delete(a);
        b.destroy();
      });
    }
  }
}
