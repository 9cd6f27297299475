/** `rebound serve`: the HTTP API on PORT until SIGINT or SIGTERM, then a graceful stop. */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { EXIT_OK, EXIT_READ_ERROR, usageError } from './usage.js';

export const SERVE_USAGE = `Usage: rebound serve

Serves the HTTP API (OpenAPI at /docs). Settings come from the environment:
  PORT                 port to listen on (default 8025; 0 picks a free one)
  HOST                 address to bind (default 127.0.0.1)
  REBOUND_DB           SQLite file (default ./data/rebound.db)
  DATABASE_URL         postgres://... to use PostgreSQL instead of SQLite
  REBOUND_ADMIN_KEY    the first admin key; without it the first start prints a new one, once
  LOG_LEVEL            fatal, error, warn, info (default), debug, trace or silent

Inbound bounce SMTP (off unless both of the first two are set; see docs/bounce-domain.md):
  REBOUND_BOUNCE_DOMAIN     the bounce domain whose MX points here
  REBOUND_VERP_SECRET       signing secret(s) of the VERP return paths, comma-separated
  REBOUND_BOUNCE_PORT       SMTP port (default 2525); REBOUND_BOUNCE_HOST (default HOST)
  REBOUND_BOUNCE_MAX_BYTES  largest report accepted (default 10 MiB)
  REBOUND_TLS_CERT, REBOUND_TLS_KEY   PEM files: offer STARTTLS
SMTP relay and POST /v1/messages (off unless REBOUND_UPSTREAM is set; needs the two
bounce settings above; see docs/relay.md):
  REBOUND_UPSTREAM          smtp://host:port or smtps://host:port of the MTA that delivers
  REBOUND_SMTP_PORT         relay port (default 2587); REBOUND_SMTP_HOST (default HOST)
  REBOUND_SPOOL             spool directory (default ./data/spool)
  REBOUND_SMTP_MAX_BYTES    largest message accepted (default 25 MiB)
Provider webhooks (see docs/webhooks.md):
  REBOUND_WEBHOOK_SECRETS   JSON: per account, the providers' keys and secrets
A mailbox bounces land in, read over IMAP (off unless REBOUND_IMAP_URL is set; see docs/mailboxes.md):
  REBOUND_IMAP_URL          imaps://user:password@host:993/INBOX (imap:// uses STARTTLS)
  REBOUND_IMAP_ACCOUNT      account id the bounces belong to (default: the default account)
  REBOUND_IMAP_PROCESSED    folder for read mail (default Rebound/Processed; created if missing)
  REBOUND_IMAP_FAILED       folder for mail that cannot be read (default Rebound/Failed)
  REBOUND_IMAP_INTERVAL     seconds between rescans (default 60; with IDLE, new mail is read at once)
Or a POP3 mailbox (off unless REBOUND_POP3_URL is set; read mail is DELETED from the server):
  REBOUND_POP3_URL          pop3s://user:password@host:995 (pop3:// only on loopback)
  REBOUND_POP3_ACCOUNT      account id the bounces belong to (default: the default account)
  REBOUND_POP3_INTERVAL     seconds between passes (default 60)

SIGINT or SIGTERM stops it: no new connections, requests in flight finish, the
database is closed, exit status 0.
`;

const HELP = 'rebound serve --help';
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function runServe(args: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(SERVE_USAGE);
      return EXIT_OK;
    }
  } catch (error) {
    return usageError((error as Error).message, HELP);
  }
  // Listening before the handlers are in place would let an early SIGTERM kill the process outright.
  const stop = stopped();
  let server;
  try {
    server = await startServer(loadConfig(process.env));
  } catch (error) {
    process.stderr.write(`rebound: cannot start: ${startError(error)}\n`);
    return EXIT_READ_ERROR;
  }
  if (server.createdAdminKey !== undefined) {
    process.stderr.write(
      `rebound: created the first admin key of the default account. It is shown this once; keep it:\n` +
        `  ${server.createdAdminKey}\n`,
    );
  }
  await stop;
  server.app.log.info('stopping: finishing requests in flight');
  await server.close();
  return EXIT_OK;
}

/** Resolves on the first SIGINT or SIGTERM; a second one means "now": exit without waiting. */
function stopped(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      for (const signal of SIGNALS) process.once(signal, () => process.exit(130));
      resolve();
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
  });
}

function startError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `the port is already in use (${(error as Error).message}); set PORT`;
  return error instanceof Error ? error.message : String(error);
}
