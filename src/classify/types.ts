import type { Kind, Reason } from './reasons.js';

/** Read-only access to a header block. Names are case-insensitive; values are unfolded and RFC 2047-decoded. */
export interface HeaderView {
  /** The first value of the header, or undefined. */
  get(name: string): string | undefined;
  /** Every value of the header, in order of appearance. */
  getAll(name: string): string[];
  has(name: string): boolean;
  /** All header names (lower-case) in order of appearance, duplicates kept. */
  names(): string[];
}

/** One leaf of the MIME tree, decoded on demand. */
export interface MimeLeaf {
  /** Lower-case type/subtype, e.g. 'text/plain', 'message/delivery-status'. */
  readonly contentType: string;
  readonly headers: HeaderView;
  /** Body after transfer decoding and charset conversion (for text/* and message/*). Cached. */
  text(): string;
}

/** The attached original message (message/rfc822, text/rfc822-headers, or an inline copy). */
export interface OriginalMessage {
  readonly headers: HeaderView;
}

/** A bounce mail after MIME parsing: what decoders read. */
export interface ParsedMessage {
  readonly headers: HeaderView;
  /** Every leaf in document order, the parts of an attached original message excluded. */
  readonly leaves: readonly MimeLeaf[];
  /**
   * The human-readable part of the report: the first text/plain leaf (or the tag-stripped text/html
   * leaf when there is no plain one); for a single-part mail, its whole body.
   */
  text(): string;
  /** The text of message/delivery-status (or message/global-delivery-status) leaves, joined. '' when none. */
  deliveryStatus(): string;
  /** The returned original message, when the report carries one. */
  readonly original: OriginalMessage | undefined;
}

/** What a decoder knows about one recipient. The reason is resolved centrally unless the decoder knows it. */
export interface RecipientFact {
  recipient: string;
  status?: string | undefined;
  replyCode?: number | undefined;
  action?: string | undefined;
  diagnosticCode?: string | undefined;
  remoteMta?: string | undefined;
  reportingMta?: string | undefined;
  smtpCommand?: string | undefined;
  /** RFC 5322 date text or ISO string of the attempt, when known. */
  date?: string | undefined;
  /** A reason the decoder knows for certain (a provider's own code), with the rule that said so. */
  reason?: Reason | undefined;
  rule?: string | undefined;
  feedbackType?: string | undefined;
}

export interface DecodedReport {
  recipients: RecipientFact[];
  /** Headers of the original message when the decoder found them somewhere the parser did not. */
  original?: HeaderView | undefined;
}

/** Every decoder has the same tiny interface; `index.ts` holds the one ordered list. */
export interface Decoder {
  /** Equals the file name: 'postfix', 'exim', 'office365'. */
  readonly id: string;
  /** Cheap test on the headers only: may this mail be mine? */
  recognises(mail: ParsedMessage): boolean;
  /**
   * Lower-case strings, at least one of which occurs in the mail's head (dispatch.ts: its field names,
   * its From, Subject, To, Message-ID, X-Mailer, X-MimeOLE and X-MLServer values and its Received
   * values, lower-cased) whenever recognises() can be true: a necessary condition, so that one scan of
   * the head spares the mail the decoders it cannot be for. Left out: the decoder is always asked.
   */
  readonly cues?: readonly string[];
  /** The facts, or undefined for "not mine". Never throws. */
  decode(mail: ParsedMessage): DecodedReport | undefined;
}

export interface Evidence {
  /** Which rule decided: 'status 5.1.1', 'phrase mailboxfull', 'decoder gmail: code ...', 'reply 550'. */
  rule: string;
  /** The text the rule matched (a phrase, a status code, a header). */
  matched: string;
}

/** What is needed to tie a bounce back to the send that caused it. */
export interface OriginalRef {
  messageId: string | null;
  /** Envelope sender or From of the original: where a VERP token lives. */
  sender: string | null;
  subject: string | null;
  /** X- headers of the original (lower-case names), e.g. a CRM's campaign or contact id. */
  xHeaders: Record<string, string>;
}

export interface Verdict {
  recipient: string;
  reason: Reason;
  kind: Kind;
  hardBounce: boolean;
  status: string | null;
  replyCode: number | null;
  action: string | null;
  diagnosticCode: string | null;
  remoteMta: string | null;
  reportingMta: string | null;
  smtpCommand: string | null;
  /** ISO 8601, when the report gives a date. */
  date: string | null;
  /** The blocklist a sender-side rejection names ('Spamhaus', 'SpamCop', ...), else null. */
  blocklist: string | null;
  /** ARF feedback type (abuse, fraud, ...) for complaints, else null. */
  feedbackType: string | null;
  original: OriginalRef;
  decoder: string;
  evidence: Evidence;
}
