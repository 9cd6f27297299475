import { listenSmtp } from '../smtp-listener.js';
/**
 * The inbound bounce server: the MX of the bounce domain. It takes mail only for valid VERP addresses
 * (anything else is refused at RCPT, so nothing is ever bounced back to a forged sender), reads the report,
 * and answers 250 only once the service has stored it; a failure to store is a 451, and the sending MTA
 * retries. Ingestion is idempotent on the mail's bytes, so a retry after a lost 250 counts once.
 */
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { classify } from '../../classify/classify.js';
import type { Verdict } from '../../classify/types.js';
import { isReboundError } from '../../errors.js';
import type { ReboundService } from '../../service/types.js';
import { verifyVerp, type VerpVerifying } from '../verp.js';
import { readMessage } from './read-message.js';
import { foreignRecipients } from './report-scope.js';
import { smtpError, type SmtpError } from './smtp-error.js';

/** Structured logging, as pino (Fastify's logger) takes it. */
export interface InboundLog {
  debug(data: object, message: string): void;
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface BounceServerDeps {
  ingestBounce: ReboundService['ingestBounce'];
  log: InboundLog;
}

export interface BounceServerOptions {
  host: string;
  /** 0 asks the system for a free port (tests). */
  port: number;
  verp: VerpVerifying;
  /** Announced with SIZE (RFC 1870); a larger mail is refused with 552 and never kept. */
  maxBytes: number;
  /** PEM certificate and key: STARTTLS is offered only with them. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** How long a stop waits for open sessions before closing them with 421. */
  closeTimeoutMs: number;
}

export interface BounceServer {
  host: string;
  port: number;
  /** Stops accepting, lets sessions finish (up to closeTimeoutMs), then waits for reports being stored. */
  close(): Promise<void>;
}

/** Each session holds at most one message in memory: this bounds memory to about maxClients * maxBytes. */
const MAX_CLIENTS = 64;

export async function startBounceServer(
  deps: BounceServerDeps,
  options: BounceServerOptions,
): Promise<BounceServer> {
  const inFlight = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    banner: 'Rebound bounce receiver',
    size: options.maxBytes,
    rejectOversized: true,
    // Enhanced status codes (RFC 3463) tell the sending MTA a permanent refusal from a retry.
    hideENHANCEDSTATUSCODES: false,
    // Bounces come from the world's MTAs, which never authenticate; the VERP token is the credential.
    authOptional: true,
    disabledCommands: options.tls === undefined ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    ...(options.tls === undefined ? {} : { cert: options.tls.cert, key: options.tls.key }),
    // A DSN goes to the one return path of the mail that failed; a second one is answered 452 4.5.3
    // (RFC 5321 4.5.3.1.10), and the client sends it in its own transaction.
    maxRecipients: 1,
    maxClients: MAX_CLIENTS,
    closeTimeout: options.closeTimeoutMs,
    logger: false,
    onRcptTo: (address, session, callback) =>
      callback(checkRecipient(address.address, session, deps, options)),
    onData: (stream, session, callback) => {
      const work = receive(stream, session, deps, options).then(
        (reply) => callback(null, reply),
        (error: unknown) => callback(asSmtpError(error, deps.log)),
      );
      inFlight.add(work);
      const done = (): boolean => inFlight.delete(work);
      void work.then(done, done);
    },
  });
  return listenSmtp(server, options, inFlight, (error) =>
    deps.log.warn({ err: error }, 'bounce SMTP: connection error'),
  );
}

function checkRecipient(
  address: string,
  session: SMTPServerSession,
  deps: BounceServerDeps,
  options: BounceServerOptions,
): SmtpError | null {
  const result = verifyVerp(address, options.verp);
  if (result.ok) return null;
  // Debug only: spam to made-up addresses of the bounce domain would flood the log.
  deps.log.debug(
    { rcpt: address, why: result.reason, client: session.remoteAddress },
    'bounce SMTP: refused a recipient that is not a valid VERP address',
  );
  return smtpError('not_found', 'No such bounce address');
}

/** The whole DATA phase: resolves with the 250 text, rejects with the refusal to send. */
async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  deps: BounceServerDeps,
  options: BounceServerOptions,
): Promise<string> {
  const read = await readMessage(stream, options.maxBytes);
  if (read.kind === 'aborted') {
    deps.log.info(
      { client: session.remoteAddress, session: session.id },
      'bounce SMTP: message cut off, nothing stored',
    );
    throw smtpError('internal', 'Message not received in full; nothing was stored');
  }
  if (read.kind === 'oversized') {
    throw smtpError('payload_too_large', `Message exceeds the size limit of ${options.maxBytes} bytes`);
  }
  const rcpt = session.envelope.rcptTo[0]?.address ?? '';
  const verified = verifyVerp(rcpt, options.verp);
  // Checked at RCPT already; this keeps a wrong state from reaching the store should the two ever differ.
  if (!verified.ok) throw smtpError('not_found', 'No such bounce address');
  const { accountId } = verified.claims;
  // Classified once: the verdicts both decide the refusal below and go to the service as they are.
  const verdicts = classify(read.raw);
  const foreign = foreignRecipients(verdicts, verified.claims);
  if (foreign.length > 0) {
    deps.log.warn(
      { accountId, rcpt, foreign, client: session.remoteAddress },
      'bounce SMTP: refused a report about recipients its return address was not made for',
    );
    throw smtpError('forbidden', 'This report names recipients this return address was not issued for');
  }
  return store(deps, accountId, read.raw, verdicts, session);
}

async function store(
  deps: BounceServerDeps,
  accountId: string,
  raw: Buffer,
  verdicts: Verdict[],
  session: SMTPServerSession,
): Promise<string> {
  try {
    const result = await deps.ingestBounce(accountId, raw, verdicts);
    deps.log.info(
      {
        accountId,
        bounceId: result.bounceId,
        duplicate: result.duplicate,
        verdicts: result.verdicts.map((v) => ({ recipient: v.recipient, reason: v.reason })),
      },
      'bounce SMTP: report stored',
    );
    return result.duplicate ? `Already stored as ${result.bounceId}` : `Stored as ${result.bounceId}`;
  } catch (error) {
    if (isReboundError(error) && error.status < 500) {
      deps.log.info(
        { accountId, code: error.code, client: session.remoteAddress },
        `bounce SMTP: ${error.message}`,
      );
      throw smtpError(error.code, error.message);
    }
    deps.log.error({ err: error, accountId, session: session.id }, 'bounce SMTP: could not store a report');
    const code = isReboundError(error) ? error.code : 'internal';
    throw smtpError(code, 'Could not store the report now; try again later');
  }
}

/** A refusal from this module passes as it is; anything else is a fault of ours: 451, the MTA retries. */
function asSmtpError(error: unknown, log: InboundLog): SmtpError {
  if (error instanceof Error && typeof (error as Partial<SmtpError>).responseCode === 'number') {
    return error as SmtpError;
  }
  log.error({ err: error }, 'bounce SMTP: unexpected failure while receiving a report');
  return smtpError('internal', 'Could not take the report now; try again later');
}
