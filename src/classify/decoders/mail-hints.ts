import type { ParsedMessage } from '../types.js';

/**
 * Header values that many decoders' recognises() (and the dispatch digest) look at, derived once per
 * mail. A mail is offered to several decoders in turn; without this each of them re-reads,
 * re-lower-cases and re-scans the same From and Received fields.
 *
 * Each value is computed on first use.
 */
export class MailHints {
  private cachedFromLower: string | undefined;
  private cachedReceived: readonly string[] | undefined;
  private cachedReceivedText: string | undefined;
  private cachedReceivedLower: string | undefined;

  constructor(private readonly mail: ParsedMessage) {}

  /** The From value lower-cased, '' when there is none. */
  get fromLower(): string {
    this.cachedFromLower ??= (this.mail.headers.get('from') ?? '').toLowerCase();
    return this.cachedFromLower;
  }

  /** Every Received value, in order. */
  get received(): readonly string[] {
    this.cachedReceived ??= this.mail.headers.getAll('received');
    return this.cachedReceived;
  }

  /**
   * The Received values joined with '\n'. A needle without '\n' occurs in this text exactly when it
   * occurs in one of the values (a match across a join would have to contain the '\n'), so one
   * includes() replaces a loop over the values.
   */
  get receivedText(): string {
    this.cachedReceivedText ??= this.received.join('\n');
    return this.cachedReceivedText;
  }

  /** receivedText lower-cased: the join of the lower-cased values, since '\n' lower-cases to itself. */
  get receivedLower(): string {
    this.cachedReceivedLower ??= this.receivedText.toLowerCase();
    return this.cachedReceivedLower;
  }
}

/**
 * The hints of the mail being classified. Mails are classified one at a time, so one entry is enough;
 * a WeakMap keyed by mail made garbage collection dearer than the hints saved.
 */
let lastMail: ParsedMessage | undefined;
let lastHints: MailHints | undefined;

export function hintsOf(mail: ParsedMessage): MailHints {
  if (mail !== lastMail || lastHints === undefined) {
    lastHints = new MailHints(mail);
    lastMail = mail;
  }
  return lastHints;
}

/** Does a Received field of the mail contain `needle` (which must not contain '\n')? */
export function receivedIncludes(mail: ParsedMessage, needle: string): boolean {
  return hintsOf(mail).receivedText.includes(needle);
}
