/**
 * The outbound path put together: spool, delivery worker, upstream, and the SMTP relay in front. The HTTP
 * route takes the same Outbox.
 */
import type { ReboundService } from '../../service/types.js';
import type { InboundLog } from '../inbound/bounce-server.js';
import { DeliveryWorker, DEFAULT_RETRY, type RetryPolicy } from './delivery-worker.js';
import type { SendingSettings } from '../settings/sending.js';
import { DEFAULT_SPAMD_OPTIONS, scoreWithSpamd, type SpamdAddress } from '../spam/spamd-client.js';
import { Outbox } from './outbox.js';
import { PreSendChecks } from './pre-send.js';
import { startRelayServer } from './relay-server.js';
import { Spool } from './spool.js';
import { openUpstream } from './upstream.js';

export { Outbox } from './outbox.js';
export type { GateDecision } from './gate.js';

export interface RelayDeps {
  service: Pick<ReboundService, 'authenticate' | 'check' | 'ingestEvents'>;
  /** The account's pre-send checks and delivery rates (GET/PUT /v1/settings/sending). */
  sendingSettings(accountId: string): Promise<SendingSettings>;
  log: InboundLog;
}

export interface RelayOptions {
  host: string;
  port: number;
  maxBytes: number;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  closeTimeoutMs: number;
  spoolDir: string;
  /** smtp://host:port or smtps://host:port, optionally with user:password. */
  upstream: string;
  /** The signing half of the VERP settings: the bounce domain and the current secret. */
  verp: { domain: string; secret: string };
  retry?: Partial<RetryPolicy>;
  /** SpamAssassin's spamd (REBOUND_SPAMD); absent: messages are not scored. */
  spamd?: SpamdAddress | undefined;
}

export interface Relay {
  host: string;
  port: number;
  outbox: Outbox;
  /** Stops the SMTP listener, waits for sessions and deliveries in progress; the spool keeps the rest. */
  close(): Promise<void>;
}

export async function startRelay(deps: RelayDeps, options: RelayOptions): Promise<Relay> {
  const spool = await Spool.open(options.spoolDir);
  const upstream = openUpstream(options.upstream);
  const worker = new DeliveryWorker(
    {
      spool,
      upstream,
      rateLimits: async (accountId) => (await deps.sendingSettings(accountId)).rateLimits,
      ingestEvents: (a, e) => deps.service.ingestEvents(a, e),
      verp: options.verp,
      log: deps.log,
    },
    { ...DEFAULT_RETRY, ...options.retry },
  );
  const { spamd } = options;
  const checks = new PreSendChecks({
    settings: (accountId) => deps.sendingSettings(accountId),
    score: spamd === undefined ? undefined : (raw) => scoreWithSpamd(spamd, raw),
    serverMaxBytes: options.maxBytes,
    spamMaxBytes: DEFAULT_SPAMD_OPTIONS.maxBytes,
    onSpamdFailure: (error) => deps.log.warn({ err: error }, 'relay: spamd failed; message sent unscored'),
  });
  const outbox = new Outbox({
    check: (a, addresses, campaign) => deps.service.check(a, addresses, campaign),
    spool,
    onSpooled: (id) => worker.enqueue(id),
    messageIdDomain: options.verp.domain,
    checks,
  });
  await worker.start();
  try {
    const server = await startRelayServer(
      { authenticate: (secret) => deps.service.authenticate(secret), outbox, checks, log: deps.log },
      options,
    );
    return {
      host: server.host,
      port: server.port,
      outbox,
      close: async () => {
        await server.close();
        await worker.stop();
        upstream.close();
        await spool.close();
      },
    };
  } catch (error) {
    await worker.stop();
    upstream.close();
    await spool.close();
    throw error;
  }
}
