/**
 * The composition root: the one place (with local.ts, which opens the store and builds the service and
 * the guard on it) that wires parts together: it puts the HTTP API and the SMTP and mailbox capture in
 * front of what local.ts builds. Every other module receives its collaborators as arguments.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { AccessService } from './access/access-service.js';
import { buildApi } from './api/app.js';
import { fetchTextOverHttps } from './capture/webhooks/index.js';
import { drainAndClose } from './api/drain.js';
import { startBounceServer, type BounceServer } from './capture/inbound/bounce-server.js';
import { startImapWatcher, type ImapWatcher } from './capture/mailbox/imap-watcher.js';
import { startPop3Watcher, type Pop3Watcher } from './capture/mailbox/pop3-watcher.js';
import { startRelay, type Relay } from './capture/relay/index.js';
import { CaptureSettings } from './capture/settings/capture-settings.js';
import { ConfigError, type Config, type TlsFiles } from './config.js';
import { openLocal, STDERR_LOG, type Local } from './local.js';
import { startGuardScheduler } from './guard/guard-scheduler.js';
import { startSweep } from './guard/unblock/index.js';
import { StoreReboundService } from './service/rebound-service.js';

/** How long a stop waits for requests in flight: longer than a 100,000-recipient check takes. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Reconnecting to a mailbox server: after 1 s, doubling, at most every 5 minutes. */
const MAILBOX_BACKOFF_FIRST_MS = 1000;
const MAILBOX_BACKOFF_MAX_MS = 300_000;
/** A POP3 server silent this long within a session is given up on; the next pass reconnects. */
const POP3_TIMEOUT_MS = 60_000;

export interface Server {
  app: FastifyInstance;
  /** The URL it listens on, with the port the system chose when PORT=0. */
  url: string;
  /** The admin key created on this start, to show once; undefined when keys existed or were configured. */
  createdAdminKey: string | undefined;
  /** Where the inbound bounce SMTP listens; undefined when it is off (no bounce domain configured). */
  bounce: { host: string; port: number } | undefined;
  /** Where the SMTP relay listens; undefined when sending is off (no REBOUND_UPSTREAM). */
  relay: { host: string; port: number } | undefined;
  /** Stops accepting, lets in-flight requests and SMTP sessions finish, then closes the store. */
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<Server> {
  // The guard logs through the API's logger, which exists only once the API is built below.
  let appLog: FastifyBaseLogger | undefined;
  const log = {
    warn: (o: object, m: string) => (appLog ?? STDERR_LOG).warn(o, m),
    error: (o: object, m: string) => (appLog ?? STDERR_LOG).error(o, m),
  };
  const local = await openLocal(config.store, {
    unblock: config.unblock,
    log,
    guard: { alertSmtp: config.alertSmtp, alertFrom: config.alertFrom },
  });
  try {
    const createdAdminKey = (await local.service.bootstrapAdminKey(config.adminKey)).secret ?? undefined;
    // Asked per request, so the route sees the relay started below (before the API listens).
    let relay: Relay | undefined = undefined;
    const captureSettings = new CaptureSettings(local.store.captureSettings, config.webhookSecrets);
    const app = await buildApi(
      {
        service: local.service,
        outbox: () => relay?.outbox,
        checkStore: async () => void (await local.store.firstAccount()),
        webhooks: {
          secrets: config.webhookSecrets,
          storedSecrets: (accountId) => captureSettings.storedSecrets(accountId),
          fetchText: fetchTextOverHttps,
        },
        captureSettings,
        unblockRequests: local.unblockRequests,
        access: new AccessService(local.store),
        webRoot: fileURLToPath(new URL('../web', import.meta.url)),
        incidents: { store: local.store, tracker: local.sender.tracker, checker: local.sender.checker },
        guard: local.guard.guard,
      },
      { logger: { level: config.logLevel }, version: packageVersion(), trustProxy: config.trustProxy },
    );
    appLog = app.log.child({ component: 'guard' });
    relay = await startOutbound(config, local.service, captureSettings, app.log).catch(
      async (error: unknown) => {
        await app.close();
        throw error;
      },
    );
    const url = await app.listen({ host: config.host, port: config.port }).catch(async (error: unknown) => {
      await relay?.close();
      throw error;
    });
    const bounce = await startBounce(config, local.service, app.log).catch(async (error: unknown) => {
      await Promise.all([app.close(), relay?.close()]);
      throw error;
    });
    const mailbox = await startMailbox(config, local, app.log).catch(async (error: unknown) => {
      await Promise.all([app.close(), relay?.close(), bounce?.close()]);
      throw error;
    });
    const sweep = startSweep(local.guard.store, config.unblock, (error) =>
      app.log.error({ err: error }, 'block-expiry sweep failed; it runs again at the next interval'),
    );
    const stopGuard = startGuardScheduler({
      store: local.store,
      tracker: local.sender.tracker,
      checker: local.sender.checker,
      log: app.log.child({ component: 'guard' }),
    });
    local.guard.start();
    const close = async (): Promise<void> => {
      // Every part stops even when one cannot (the database gone during the stop): its failure is
      // logged, and the store is closed last whatever happened.
      const stopped = await Promise.allSettled([
        stopGuard(),
        drainAndClose(app, SHUTDOWN_GRACE_MS),
        bounce?.close(),
        relay?.close(),
        mailbox?.close(),
        sweep.close(),
      ]);
      for (const step of stopped)
        if (step.status === 'rejected')
          app.log.error({ err: step.reason }, 'stopping: a part failed to stop');
      await local.close();
    };
    const bounceAddress = bounce === undefined ? undefined : { host: bounce.host, port: bounce.port };
    const relayAddress = relay === undefined ? undefined : { host: relay.host, port: relay.port };
    return { app, url, createdAdminKey, bounce: bounceAddress, relay: relayAddress, close };
  } catch (error) {
    await local.close();
    throw error;
  }
}

/** The inbound bounce SMTP listener, when a bounce domain and a VERP secret are configured. */
async function startBounce(
  config: Config,
  service: StoreReboundService,
  log: FastifyBaseLogger,
): Promise<BounceServer | undefined> {
  if (config.verp === undefined) {
    log.info(
      'inbound bounce SMTP is off: set REBOUND_BOUNCE_DOMAIN and REBOUND_VERP_SECRET to receive bounces',
    );
    return undefined;
  }
  const bounce = await startBounceServer(
    {
      ingestBounce: (accountId, raw, verdicts) => service.ingestBounce(accountId, raw, verdicts),
      log: log.child({ component: 'bounce-smtp' }),
    },
    {
      ...config.bounce,
      verp: config.verp,
      tls: config.tls === undefined ? undefined : readTls(config.tls),
      closeTimeoutMs: SHUTDOWN_GRACE_MS,
    },
  );
  log.info(
    { host: bounce.host, port: bounce.port, domain: config.verp.domain, starttls: config.tls !== undefined },
    'inbound bounce SMTP listening',
  );
  return bounce;
}

/** The SMTP relay and the spool behind POST /v1/messages, when REBOUND_UPSTREAM is set. */
async function startOutbound(
  config: Config,
  service: StoreReboundService,
  captureSettings: CaptureSettings,
  appLog: FastifyBaseLogger,
): Promise<Relay | undefined> {
  if (config.relay === undefined || config.verp === undefined) return undefined;
  const log = appLog.child({ component: 'relay-smtp' });
  const relay = await startRelay(
    { service, sendingSettings: (accountId) => captureSettings.sending(accountId), log },
    {
      ...config.relay,
      tls: config.tls === undefined ? undefined : readTls(config.tls),
      closeTimeoutMs: SHUTDOWN_GRACE_MS,
      verp: { domain: config.verp.domain, secret: config.verp.secrets[0] ?? '' },
    },
  );
  log.info(
    {
      host: relay.host,
      port: relay.port,
      upstream: new URL(config.relay.upstream).host,
      spool: config.relay.spoolDir,
    },
    'SMTP relay listening',
  );
  return relay;
}

/** The IMAP or POP3 watcher, when REBOUND_IMAP_URL or REBOUND_POP3_URL is set. It connects in the
 * background: a server that is down at start is retried, and does not keep the API from starting. */
async function startMailbox(
  config: Config,
  local: Local,
  appLog: FastifyBaseLogger,
): Promise<ImapWatcher | Pop3Watcher | undefined> {
  const mailbox = config.imap ?? config.pop3;
  if (mailbox === undefined) return undefined;
  const accountId = mailbox.accountId ?? local.accountId;
  if ((await local.store.getAccount(accountId)) === undefined) {
    const name = config.imap === undefined ? 'REBOUND_POP3_ACCOUNT' : 'REBOUND_IMAP_ACCOUNT';
    throw new ConfigError(`${name}: there is no account with id '${accountId}'`);
  }
  const log = appLog.child({ component: 'mailbox' });
  log.info({ mailbox: mailbox.label, accountId }, 'mailbox: watching for bounces');
  const deps = { ingest: (raw: Uint8Array) => local.service.ingestBounce(accountId, raw), log };
  const backoff = { firstMs: MAILBOX_BACKOFF_FIRST_MS, maxMs: MAILBOX_BACKOFF_MAX_MS };
  if (config.pop3 !== undefined) {
    return startPop3Watcher(deps, {
      mailbox: config.pop3,
      maxBytes: config.bounce.maxBytes,
      backoff,
      closeTimeoutMs: SHUTDOWN_GRACE_MS,
      timeoutMs: POP3_TIMEOUT_MS,
    });
  }
  if (config.imap === undefined) return undefined;
  return startImapWatcher(deps, {
    mailbox: config.imap,
    maxBytes: config.bounce.maxBytes,
    backoff,
    closeTimeoutMs: SHUTDOWN_GRACE_MS,
  });
}

function readTls(files: TlsFiles): { cert: Buffer; key: Buffer } {
  const read = (path: string, name: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConfigError(`${name}: cannot read '${path}': ${(error as Error).message}`);
    }
  };
  return { cert: read(files.certPath, 'REBOUND_TLS_CERT'), key: read(files.keyPath, 'REBOUND_TLS_KEY') };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
