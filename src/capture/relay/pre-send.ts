/**
 * The checks a message passes before it is queued, per the account's sending settings: its sender (when
 * the account lists its own domains or addresses), its size, and, when the server has a spamd, its
 * SpamAssassin score. A refusal is a ReboundError, so the HTTP route answers problem+json and the relay
 * the matching SMTP reply; a score under the threshold (or mode `warn`) is reported, not refused.
 */
import { ReboundError } from '../../errors.js';
import { senderAllowed, type SendingSettings } from '../settings/sending.js';
import { strongestFirst } from '../spam/spam-summary.js';
import type { SpamRule } from '../spam/spamd-report.js';
import type { SpamScore } from '../spam/spamd-client.js';

export type SpamReport =
  | { checked: false; why: string }
  | {
      checked: true;
      score: number;
      threshold: number;
      /** At or above the threshold. */
      spam: boolean;
      action: 'warn' | 'refuse' | 'none';
      rules: SpamRule[];
    };

export interface PreSendDeps {
  settings(accountId: string): Promise<SendingSettings>;
  /** Scores a message with spamd; absent when the server has none (REBOUND_SPAMD). */
  score?: ((raw: Buffer) => Promise<SpamScore>) | undefined;
  /** The most the server reads at all (REBOUND_SMTP_MAX_BYTES): an account's limit cannot go past it. */
  serverMaxBytes: number;
  /** Larger messages are not scored (spamd's own practice). */
  spamMaxBytes: number;
  onSpamdFailure(error: unknown): void;
}

export class PreSendChecks {
  constructor(private readonly deps: PreSendDeps) {}

  /**
   * At MAIL FROM: throws `forbidden` when the account lists its senders and this is not one of them,
   * `payload_too_large` when the size the client declared (SIZE=) is over the account's limit.
   */
  async envelope(accountId: string, from: string, declaredBytes: number | undefined): Promise<void> {
    const settings = await this.deps.settings(accountId);
    checkSender(settings, from);
    const limit = Math.min(settings.maxMessageBytes, this.deps.serverMaxBytes);
    if (declaredBytes !== undefined && declaredBytes > limit) {
      throw new ReboundError(
        'payload_too_large',
        `Message size ${declaredBytes} exceeds this account's limit of ${limit} bytes`,
      );
    }
  }

  /** Throws when the message is refused (sender, size, spam); else the spam report for the response. */
  async message(accountId: string, from: string, raw: Buffer): Promise<SpamReport> {
    const settings = await this.deps.settings(accountId);
    checkSender(settings, from);
    const limit = Math.min(settings.maxMessageBytes, this.deps.serverMaxBytes);
    if (raw.length > limit) {
      throw new ReboundError(
        'payload_too_large',
        `Message of ${raw.length} bytes exceeds this account's size limit of ${limit} bytes`,
      );
    }
    const report = await this.spam(settings, raw);
    if (report.checked && report.action === 'refuse') {
      throw new ReboundError(
        'spam_refused',
        `Refused as spam: score ${report.score} >= ${report.threshold}; rules: ${ruleList(report.rules)}`,
      );
    }
    return report;
  }

  private async spam(settings: SendingSettings, raw: Buffer): Promise<SpamReport> {
    const { mode, threshold } = settings.spamCheck;
    if (this.deps.score === undefined) return { checked: false, why: 'no spamd configured (REBOUND_SPAMD)' };
    if (mode === 'off') return { checked: false, why: 'spam check off for this account' };
    if (raw.length > this.deps.spamMaxBytes) {
      return { checked: false, why: `larger than ${this.deps.spamMaxBytes} bytes: not scored` };
    }
    let scored: SpamScore;
    try {
      scored = await this.deps.score(raw);
    } catch (error) {
      // An outage of the scorer must not stop mail: the message goes, unscored, and the log says so.
      this.deps.onSpamdFailure(error);
      return { checked: false, why: 'spamd did not answer: not scored' };
    }
    const spam = scored.score >= threshold;
    const action = !spam ? 'none' : mode === 'refuse' ? 'refuse' : 'warn';
    return { checked: true, score: scored.score, threshold, spam, action, rules: scored.rules };
  }
}

function checkSender(settings: SendingSettings, from: string): void {
  if (senderAllowed(settings, from)) return;
  throw new ReboundError(
    'forbidden',
    `Sender <${from}> is not one this account may use (allowed: ${settings.allowedSenders.join(', ')})`,
  );
}

/** `RULE (2.5), OTHER (1.0)`: the rules that fired, strongest first. */
export function ruleList(rules: readonly SpamRule[]): string {
  if (rules.length === 0) return 'none';
  return strongestFirst(rules)
    .map((r) => `${r.name} (${r.score})`)
    .join(', ');
}
