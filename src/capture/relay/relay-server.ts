import { listenSmtp } from '../smtp-listener.js';
/**
 * The SMTP relay a CRM points its SMTP settings at. AUTH PLAIN or LOGIN with an API key as the password
 * (the user name is ignored); nothing before AUTH. Each RCPT goes through the send gate: a blocked
 * address is refused with 550 and the reason. The mail is answered 250 only once it is in the durable
 * spool; the upstream's verdicts come later and are applied as events (docs/relay.md).
 */
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { isReboundError } from '../../errors.js';
import type { Principal, ReboundService } from '../../service/types.js';
import type { InboundLog } from '../inbound/bounce-server.js';
import { readMessage } from '../inbound/read-message.js';
import { campaignHeader } from './campaign-header.js';
import { refusalText } from './gate.js';
import { honourReplyContexts, refusal, type ReplyError } from '../reply-context.js';
import type { Outbox } from './outbox.js';
import { ruleList, type PreSendChecks, type SpamReport } from './pre-send.js';

export interface RelayServerDeps {
  authenticate: ReboundService['authenticate'];
  outbox: Outbox;
  /** Sender and size are checked as early as the envelope allows (MAIL FROM, its SIZE=). */
  checks: PreSendChecks;
  log: InboundLog;
}

export interface RelayServerOptions {
  host: string;
  /** 0 asks the system for a free port (tests). */
  port: number;
  maxBytes: number;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  closeTimeoutMs: number;
}

export interface RelayServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const MAX_CLIENTS = 64;
const MAX_RECIPIENTS = 1000;

const reply = refusal;

export async function startRelayServer(
  deps: RelayServerDeps,
  options: RelayServerOptions,
): Promise<RelayServer> {
  const principals = new Map<string, Principal>();
  const inFlight = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    banner: 'Rebound relay',
    size: options.maxBytes,
    rejectOversized: true,
    hideENHANCEDSTATUSCODES: false,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    // Without a certificate there is no STARTTLS, and an API key crosses in clear: meant for loopback or
    // a private network only (docs/relay.md). With one, AUTH waits for STARTTLS.
    allowInsecureAuth: options.tls === undefined,
    disabledCommands: options.tls === undefined ? ['STARTTLS'] : [],
    ...(options.tls === undefined ? {} : { cert: options.tls.cert, key: options.tls.key }),
    maxRecipients: MAX_RECIPIENTS,
    maxClients: MAX_CLIENTS,
    closeTimeout: options.closeTimeoutMs,
    logger: false,
    onAuth: (auth, session, callback) => {
      deps.authenticate(auth.password ?? '').then(
        (principal) => {
          if (principal === undefined) return callback(reply(535, 'API key unknown or revoked'));
          principals.set(session.id, principal);
          callback(null, { user: principal.keyId });
        },
        (error: unknown) => {
          deps.log.error({ err: error }, 'relay: could not check an API key');
          callback(reply(454, 'Cannot check the key now; try again later'));
        },
      );
    },
    onClose: (session) => void principals.delete(session.id),
    onMailFrom: (address, session, callback) => {
      checkEnvelope(address, principals.get(session.id), deps).then(
        () => callback(),
        (error: ReplyError) => callback(error),
      );
    },
    onRcptTo: (address, session, callback) => {
      gateRecipient(address.address, principals.get(session.id), deps).then(
        () => callback(),
        (error: ReplyError) => callback(error),
      );
    },
    onData: (stream, session, callback) => {
      const work = receive(stream, session, principals.get(session.id), deps, options).then(
        (text) => callback(null, text),
        (error: ReplyError) => callback(error),
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
  });
  honourReplyContexts(server);
  return listenSmtp(server, options, inFlight, (error) =>
    deps.log.warn({ err: error }, 'relay SMTP: connection error'),
  );
}

/** MAIL FROM: the account may use this sender, and a declared SIZE= fits its limit. */
async function checkEnvelope(
  address: SMTPServerAddress,
  principal: Principal | undefined,
  deps: RelayServerDeps,
): Promise<void> {
  if (principal === undefined) throw reply(530, 'Authentication required');
  const declared = Number(address.args === false ? NaN : (address.args.SIZE ?? NaN));
  try {
    await deps.checks.envelope(
      principal.accountId,
      address.address,
      Number.isFinite(declared) ? declared : undefined,
    );
  } catch (error) {
    throw asRefusal(error, deps, { accountId: principal.accountId, from: address.address });
  }
}

/** A pre-send refusal as its SMTP reply (with the right enhanced code); anything else is ours: 451. */
function asRefusal(error: unknown, deps: RelayServerDeps, context: object): ReplyError {
  if (isReboundError(error) && error.code === 'payload_too_large') {
    return reply(552, error.message, 'MESSAGE_TOO_BIG');
  }
  if (isReboundError(error) && error.code === 'forbidden')
    return reply(553, error.message, 'POLICY_VIOLATION');
  if (isReboundError(error) && error.code === 'spam_refused')
    return reply(550, error.message, 'SPAM_REJECTED');
  deps.log.error({ err: error, ...context }, 'relay: a pre-send check failed');
  return reply(451, 'Cannot check this message now; try again later');
}

async function gateRecipient(
  address: string,
  principal: Principal | undefined,
  deps: RelayServerDeps,
): Promise<void> {
  if (principal === undefined) throw reply(530, 'Authentication required');
  let decision;
  try {
    [decision] = await deps.outbox.gate(principal.accountId, [address]);
  } catch (error) {
    // A malformed address is the client's mistake; anything else is ours and worth a retry.
    if (isReboundError(error) && error.code === 'invalid_address') {
      throw reply(553, `Invalid address: ${error.message}`);
    }
    deps.log.error({ err: error, rcpt: address }, 'relay: send gate failed');
    throw reply(451, 'Cannot check this recipient now; try again later');
  }
  if (decision === undefined || decision.kind === 'accept') return;
  deps.log.info({ accountId: principal.accountId, rcpt: address, reason: decision.reason }, 'relay: refused');
  throw reply(decision.code, refusalText(decision));
}

async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  principal: Principal | undefined,
  deps: RelayServerDeps,
  options: RelayServerOptions,
): Promise<string> {
  const read = await readMessage(stream, options.maxBytes);
  if (read.kind === 'aborted') throw reply(451, 'Message not received in full; nothing was queued');
  if (read.kind === 'oversized') {
    throw reply(552, `Message exceeds the size limit of ${options.maxBytes} bytes`);
  }
  if (principal === undefined) throw reply(530, 'Authentication required');
  const recipients = session.envelope.rcptTo.map((r) => r.address);
  const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  const campaign = campaignHeader(read.raw);
  // A campaign's pause is only known once the header is read: the whole message waits (4xx, not lost).
  if (campaign !== undefined) await holdCampaign(principal.accountId, recipients, campaign, deps);
  let queued;
  try {
    queued = await deps.outbox.submit({
      accountId: principal.accountId,
      from,
      recipients,
      raw: read.raw,
      campaign,
    });
  } catch (error) {
    if (isReboundError(error) && error.status < 500) {
      deps.log.info({ accountId: principal.accountId, from, why: error.message }, 'relay: message refused');
      throw asRefusal(error, deps, { session: session.id });
    }
    deps.log.error({ err: error, session: session.id }, 'relay: could not spool a message');
    throw reply(451, 'Could not queue the message now; try again later');
  }
  const { spam, ...ids } = queued;
  deps.log.info(
    { accountId: principal.accountId, ...ids, recipients: recipients.length, spam },
    'relay: queued',
  );
  return `Queued as ${queued.spoolId} ${queued.messageId}${spamSummary(spam)}`;
}

/** The score and the rules that fired, in the 250 line the CRM logs. */
function spamSummary(spam: SpamReport): string {
  if (!spam.checked) return '';
  return `; spam score ${spam.score}/${spam.threshold}${spam.spam ? ' (over the threshold)' : ''}: ${ruleList(spam.rules)}`;
}

async function holdCampaign(
  accountId: string,
  recipients: string[],
  campaign: string,
  deps: RelayServerDeps,
): Promise<void> {
  let decisions;
  try {
    decisions = await deps.outbox.gate(accountId, recipients, campaign);
  } catch (error) {
    deps.log.error({ err: error, campaign }, 'relay: send gate failed');
    throw reply(451, 'Cannot check this message now; try again later');
  }
  const held = decisions.find((d) => d.kind === 'defer');
  if (held !== undefined && held.kind === 'defer') throw reply(held.code, refusalText(held));
}
