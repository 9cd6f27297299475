/**
 * The one way into the outbound path, shared by the SMTP relay and POST /v1/messages: the send gate for
 * recipients, the pre-send checks for the message, then the durable spool. Once `submit` resolves, the message is on disk and the worker has it.
 */
import type { ReboundService } from '../../service/types.js';
import { spamSummary } from '../spam/spam-summary.js';
import { decide, type GateDecision } from './gate.js';
import { ensureMessageId } from './message-id.js';
import type { PreSendChecks, SpamReport } from './pre-send.js';
import { Spool, type Envelope } from './spool.js';

export interface Submission {
  accountId: string;
  from: string;
  /** Already through the gate. */
  recipients: string[];
  raw: Buffer;
  campaign?: string | undefined;
}

export interface Submitted {
  spoolId: string;
  messageId: string;
  /** What the content check found (score and rules), or why it did not run. */
  spam: SpamReport;
}

export interface OutboxDeps {
  check: ReboundService['check'];
  spool: Spool;
  /** Told about each new message, so delivery starts at once. */
  onSpooled(id: string): void;
  /** The domain of Message-IDs Rebound adds: the bounce domain. */
  messageIdDomain: string;
  /** Sender, size and content, per the account's sending settings. */
  checks: PreSendChecks;
}

export class Outbox {
  constructor(private readonly deps: OutboxDeps) {}

  /** One decision per address, in order. */
  async gate(accountId: string, addresses: string[], campaign?: string): Promise<GateDecision[]> {
    const results = await this.deps.check(accountId, addresses, campaign);
    return results.map(decide);
  }

  /** Throws a ReboundError when a pre-send check refuses the message: nothing is queued then. */
  async submit(submission: Submission): Promise<Submitted> {
    if (submission.recipients.length === 0) throw new TypeError('a message needs a recipient');
    const spam = await this.deps.checks.message(submission.accountId, submission.from, submission.raw);
    const { messageId, raw } = ensureMessageId(submission.raw, this.deps.messageIdDomain);
    const now = new Date().toISOString();
    const summary = spamSummary(spam);
    const envelope: Envelope = {
      version: 1,
      id: Spool.newId(),
      accountId: submission.accountId,
      from: submission.from,
      recipients: submission.recipients,
      messageId,
      ...(submission.campaign === undefined ? {} : { campaign: submission.campaign }),
      ...(summary === undefined ? {} : { spam: summary }),
      verp: 'per-recipient',
      queuedAt: now,
      attempts: 0,
      nextAttemptAt: now,
    };
    await this.deps.spool.write(envelope, raw);
    this.deps.onSpooled(envelope.id);
    return { spoolId: envelope.id, messageId, spam };
  }
}
