/**
 * A small POP3 client (RFC 1939) for the mailbox reader: byte-exact messages (dot-unstuffed, never decoded
 * as text), one command at a time, and any drop, timeout or garbled reply fails the session at once, so a
 * caller never waits on a dead connection. The npm client (node-pop3 0.11) decodes messages as UTF-8, does
 * not unstuff dots, finds the end of a message per TCP chunk and never rejects a command on a drop.
 */
import { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface Pop3Options {
  host: string;
  port: number;
  /** TLS from the first byte (pop3s); otherwise plain. */
  secure: boolean;
  user: string;
  password: string;
  /** The longest silence of the server before the session is given up. */
  timeoutMs: number;
}

export interface Pop3Listed {
  number: number;
  size: number;
}

export interface Pop3Session {
  list(): Promise<Pop3Listed[]>;
  /** Message number -> unique id; undefined when the server does not offer UIDL. */
  uidl(): Promise<Map<number, string> | undefined>;
  /** The message's bytes; 'too-large' when it has more than maxBytes (read to its end and dropped). */
  retr(number: number, maxBytes: number): Promise<Uint8Array | 'too-large'>;
  /** Marks it deleted; the server removes it only at a QUIT. */
  dele(number: number): Promise<void>;
  /** Ends the session: the server commits the deletions now, and only now. */
  quit(): Promise<void>;
  destroy(): void;
}

/** A -ERR reply: the session is still usable. */
export class Pop3Refusal extends Error {}

const CRLF = Buffer.from('\r\n');
/** A reply line longer than this is not POP3: the session is ended rather than buffering without end. */
const MAX_LINE_BYTES = 1024 * 1024;

export async function openPop3(options: Pop3Options): Promise<Pop3Session> {
  const socket = options.secure
    ? tlsConnect({ host: options.host, port: options.port, servername: options.host })
    : new Socket().connect(options.port, options.host);
  const connection = new Connection(socket, options.timeoutMs);
  try {
    await connection.reply();
    await connection.command(`USER ${options.user}`);
    await connection.command(`PASS ${options.password}`).catch((error: unknown) => {
      throw error instanceof Pop3Refusal ? new Error(`login refused: ${error.message}`) : error;
    });
  } catch (error) {
    connection.destroy();
    throw error;
  }
  return sessionOn(connection);
}

function sessionOn(connection: Connection): Pop3Session {
  const pairs = async (verb: string): Promise<[number, string][]> =>
    (await connection.multiline(verb, Number.MAX_SAFE_INTEGER)).lines.map((line) => {
      const [number, value] = line.toString('latin1').split(' ');
      const n = Number(number);
      if (!Number.isSafeInteger(n) || n < 1 || value === undefined || value === '') {
        throw connection.broken(`a garbled ${verb} line`);
      }
      return [n, value];
    });
  return {
    async list() {
      return (await pairs('LIST')).map(([number, size]) => ({ number, size: Number(size) }));
    },
    async uidl() {
      try {
        return new Map(await pairs('UIDL'));
      } catch (error) {
        if (error instanceof Pop3Refusal) return undefined;
        throw error;
      }
    },
    async retr(number, maxBytes) {
      const { lines, overflow } = await connection.multiline(`RETR ${number}`, maxBytes);
      if (overflow) return 'too-large';
      return Buffer.concat(lines.flatMap((line) => [line, CRLF]));
    },
    async dele(number) {
      await connection.command(`DELE ${number}`);
    },
    async quit() {
      await connection.command('QUIT');
      connection.destroy();
    },
    destroy: () => connection.destroy(),
  };
}

interface Pending {
  /** Called with each complete line; true when the reply is complete. */
  line(line: Buffer): boolean;
  resolve(): void;
  reject(error: Error): void;
}

/** The socket as a sequence of lines, read by one reply at a time. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly socket: Socket,
    timeoutMs: number,
  ) {
    socket.setTimeout(timeoutMs, () => this.fail(new Error(`no answer from the server in ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  /** A single-line reply: its text after +OK; -ERR is a Pop3Refusal. */
  async reply(): Promise<string> {
    let status: Buffer = Buffer.alloc(0);
    await this.read((line) => {
      status = line;
      return true;
    });
    return this.status(status);
  }

  async command(line: string): Promise<string> {
    this.write(line);
    return this.reply();
  }

  /** A multi-line reply, dot-unstuffed; lines past maxBytes are read and dropped (overflow). */
  async multiline(command: string, maxBytes: number): Promise<{ lines: Buffer[]; overflow: boolean }> {
    this.write(command);
    await this.reply();
    const lines: Buffer[] = [];
    let bytes = 0;
    let overflow = false;
    await this.read((line) => {
      if (line.length === 1 && line[0] === 0x2e) return true;
      const text = line[0] === 0x2e ? line.subarray(1) : line;
      bytes += text.length + 2;
      if (bytes > maxBytes) overflow = true;
      else lines.push(text);
      return false;
    });
    return { lines: overflow ? [] : lines, overflow };
  }

  broken(what: string): Error {
    const error = new Error(`the server sent ${what}`);
    this.fail(error);
    return error;
  }

  destroy(): void {
    this.fail(new Error('the session was closed'));
  }

  private status(line: Buffer): string {
    const text = line.toString('latin1');
    if (text.startsWith('+OK')) return text.slice(4);
    if (text.startsWith('-ERR')) throw new Pop3Refusal(text.slice(5) || 'refused');
    throw this.broken(`an unexpected reply: '${text.slice(0, 80)}'`);
  }

  private write(line: string): void {
    if (this.failure !== undefined) throw this.failure;
    this.socket.write(`${line}\r\n`, 'latin1');
  }

  private read(line: Pending['line']): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { line, resolve, reject };
      this.drain();
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.drain();
  }

  /** Hands complete lines to the reply being read; what follows waits for the next one. */
  private drain(): void {
    let start = 0;
    while (this.pending !== undefined) {
      const end = this.buffer.indexOf(CRLF, start);
      if (end < 0) break;
      const line = this.buffer.subarray(start, end);
      start = end + 2;
      const pending = this.pending;
      if (pending.line(line)) {
        this.pending = undefined;
        pending.resolve();
      }
    }
    this.buffer = this.buffer.subarray(start);
    if (this.buffer.length > MAX_LINE_BYTES) this.broken(`a line longer than ${MAX_LINE_BYTES} bytes`);
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.socket.destroy();
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
