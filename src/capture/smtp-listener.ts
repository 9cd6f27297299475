import type { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';

/** A listening SMTP server of ours (inbound bounces, relay): where it listens and how to stop it. */
export interface SmtpListener {
  host: string;
  port: number;
  /** Stops accepting, then waits for the sessions' work still in flight (storing, spooling). */
  close(): Promise<void>;
}

/**
 * Listen on host:port and hand back the listener. `inFlight` holds the promises of work the sessions
 * started (a report being stored, a message being spooled) so that close() lets them finish.
 */
export async function listenSmtp(
  server: SMTPServer,
  where: { host: string; port: number },
  inFlight: Set<Promise<unknown>>,
  onError: (error: Error) => void,
): Promise<SmtpListener> {
  // Socket-level trouble (a client resetting mid-handshake) must not bring the process down.
  server.on('error', onError);
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(where.port, where.host, () => {
      server.server.off('error', reject);
      resolve(server.server.address() as AddressInfo);
    });
  });
  return {
    host: address.address,
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}
