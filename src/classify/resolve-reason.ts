import { domainOf, findAddress } from './address.js';
import { matchPhrases, normalise } from './phrase-match.js';
import { REASONS, type Reason } from './reasons.js';
import { reasonOfStatus } from './status-code.js';
import { rhostReason } from './rhosts/index.js';
import type { Evidence } from './types.js';

export interface ReasonInput {
  decoderReason?: Reason | undefined;
  decoderRule?: string | undefined;
  status?: string | undefined;
  replyCode?: number | undefined;
  action?: string | undefined;
  smtpCommand?: string | undefined;
  /** The server's reply text for this recipient. */
  diagnostic: string;
  /** normalise(diagnostic), when the caller has it already. */
  text?: string | undefined;
  remoteMta?: string | undefined;
  recipientDomain?: string | undefined;
  /**
   * The original's sender (its Return-Path, else its From, else where the bounce came back to),
   * lower-case; left out when it is the recipient itself.
   */
  sender?: string | undefined;
}

export interface Resolution {
  reason: Reason;
  evidence: Evidence;
}

/**
 * One place decides the reason of a recipient, in this order:
 * 1. a reason the decoder knows for certain (a provider's own code);
 * 2. a receiving provider's own words or codes (rhosts/), when the host or domain is theirs;
 * 3. what the server said, by phrase (the text is more specific than the code: servers send
 *    5.7.1 or 5.0.0 for everything);
 * 4. an enhanced status code with a single meaning;
 * 5. the SMTP command that failed, the action, or nothing at all.
 * A reply whose subject is the envelope sender then overrides any reason that would fall on the
 * recipient (see refusesTheSender).
 */
export function resolveReason(input: ReasonInput): Resolution {
  const resolved = resolveInOrder(input);
  const kind = REASONS[resolved.reason].kind;
  const aboutSender = kind === 'hard' || kind === 'soft' || kind === 'undetermined';
  const subject = aboutSender ? refusesTheSender(input) : undefined;
  if (subject === undefined) return resolved;
  return {
    reason: 'rejected',
    evidence: {
      rule: "the reply refuses the original's envelope sender, not the recipient",
      matched: subject,
    },
  };
}

function resolveInOrder(input: ReasonInput): Resolution {
  if (input.decoderReason) {
    return {
      reason: input.decoderReason,
      evidence: { rule: input.decoderRule ?? 'decoder', matched: input.diagnostic },
    };
  }
  const text = input.text ?? normalise(input.diagnostic);
  const provider = rhostReason({
    remoteMta: input.remoteMta?.toLowerCase() ?? '',
    recipientDomain: input.recipientDomain ?? '',
    status: input.status,
    replyCode: input.replyCode,
    smtpCommand: input.smtpCommand,
    text,
  });
  if (provider) {
    return {
      reason: provider.reason,
      evidence: { rule: `provider ${provider.id}`, matched: provider.matched },
    };
  }
  const byStatus =
    replyContradictsNoAnswer(input) || mailboxStatusBeforeRecipient(input)
      ? undefined
      : reasonOfStatus(input.status);
  const hit = matchPhrases(text)[0];
  if (hit && !(byStatus && statusOutranksPhrase(byStatus, hit.reason, input.status))) {
    if (REASONS[hit.reason].kind === 'hard' && aboutTheSender(input, text)) {
      return {
        reason: 'rejected',
        evidence: {
          rule: `"${hit.phrase}" said of the envelope sender, not the recipient`,
          matched: hit.phrase,
        },
      };
    }
    if (hit.reason === 'userunknown' && !refusedTheAddress(input)) {
      return {
        reason: 'filtered',
        evidence: {
          rule: `"${hit.phrase}" neither at RCPT nor with an address status (x.1.y): a filter's words`,
          matched: hit.phrase,
        },
      };
    }
    return { reason: hit.reason, evidence: { rule: `phrase ${hit.reason}`, matched: hit.phrase } };
  }
  if (byStatus) {
    return { reason: byStatus, evidence: { rule: `status ${input.status}`, matched: input.status ?? '' } };
  }
  return fallback(input);
}

/**
 * A refusal of the connection or the greeting came before any recipient was named: an address
 * (x.1.y) or mailbox (x.2.y) status in it ('220-laposte 421 4.2.1 Service refuse') cannot be about
 * the recipient's mailbox, so it decides nothing.
 */
function mailboxStatusBeforeRecipient(input: ReasonInput): boolean {
  const command = input.smtpCommand;
  if (command !== 'CONN' && command !== 'HELO' && command !== 'EHLO') return false;
  const subject = input.status?.slice(1, 3);
  return subject === '.1' || subject === '.2';
}

/**
 * x.4.1 "no answer from host" is a code for the reporting MTA to give. Inside a permanent refusal the
 * remote server sent itself ('541 5.4.1 Mail rejected by destination domain', Exchange Online's
 * '550 5.4.1 ... Access denied') the host did answer, so the code says nothing of the cause.
 */
function replyContradictsNoAnswer(input: ReasonInput): boolean {
  return input.status?.slice(1) === '.4.1' && input.replyCode !== undefined && input.replyCode >= 500;
}

/**
 * A mailbox-status code (x.2.y) refines a phrase of the same kind: '552 5.2.3 message size exceeds'
 * is the recipient's own limit, exceedlimit, not the system's, mesgtoobig. Other codes do not: servers
 * reuse them loosely ('4.4.1 connection timed out' is a delivery that expired, '5.6.0 scored as spam').
 */
function statusOutranksPhrase(byStatus: Reason, phraseReason: Reason, status: string | undefined): boolean {
  if (status?.slice(1, 3) !== '.2' || status.endsWith('.0') || byStatus === phraseReason) return false;
  return REASONS[byStatus].kind === REASONS[phraseReason].kind;
}

/**
 * "User unknown" blocks an address for good, and filters say it too: Japanese carriers' domain
 * filters answer refused mail with it after DATA, appliances and gateways with no code at all. The
 * words count only when the reply itself concerns the address: a status about the address (x.1.y),
 * or a refusal at RCPT, where a server judges recipients. Otherwise they are a filter's refusal
 * (soft: it counts toward the streak, it never blocks on its own).
 */
function refusedTheAddress(input: ReasonInput): boolean {
  if (input.status?.slice(1, 3) === '.1') return true;
  return input.smtpCommand?.toUpperCase() === 'RCPT';
}

const SENDER_MARKERS = ['sender address rejected', 'sender verify failed', 'sender verification'];

/**
 * "User unknown" or "No such domain" about the envelope sender (Postfix's "Sender address rejected",
 * Exim's "Sender verify failed", a 5.1.7/5.1.8 code, a MAIL FROM refusal): the recipient is not dead.
 */
function aboutTheSender(input: ReasonInput, text: string): boolean {
  if (input.smtpCommand?.toUpperCase() === 'MAIL') return true;
  if (input.status !== undefined && /^[45]\.1\.[78]$/.test(input.status)) return true;
  return SENDER_MARKERS.some((marker) => text.includes(marker));
}

/** What may stand before the address a reply is about: reply codes, a status code, quoting. */
const REPLY_LEAD = /^[\d.\s'"<:#-]*/;

/**
 * The reply is about the envelope sender when the sender's address opens it, the way servers name the
 * address they refuse ('550 5.7.1 <bounces+x@example.net>... Access denied' is sendmail's access table
 * refusing MAIL FROM), or when the sender's domain does ('553 news.example.net does not exist': the
 * domain of the return path failed a check) and it is not the recipient's. Relays often report such a
 * refusal without the command that failed. The recipient was never judged: nothing may count against
 * it. Returns the address or domain the reply is about, or undefined.
 */
function refusesTheSender(input: ReasonInput): string | undefined {
  const sender = input.sender;
  if (!sender) return undefined;
  const text = input.diagnostic;
  const subject = mayName(input, sender) ? findAddress(text) : undefined;
  if (subject?.address === sender) {
    return (REPLY_LEAD.exec(text)?.[0].length ?? 0) >= subject.start ? sender : undefined;
  }
  const domain = domainOf(sender);
  if (domain === input.recipientDomain) return undefined;
  const start = REPLY_LEAD.exec(text)?.[0].length ?? 0;
  const end = start + domain.length;
  const after = text[end];
  const opens = text.slice(start, end).toLowerCase() === domain && (after === undefined || after === ' ');
  return opens ? domain : undefined;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Can the reply's first address be the sender's? Only where the lower-cased reply contains the sender:
 * an address is lower-cased from a slice of the reply, and of the code units outside ASCII only U+212A
 * (Kelvin sign) lower-cases to ASCII alone, the same in a slice as in the whole. One includes() spares
 * most replies a findAddress(), which scans them character by character.
 */
function mayName(input: ReasonInput, sender: string): boolean {
  if (NON_ASCII.test(sender)) return true;
  return (input.text ?? input.diagnostic.toLowerCase()).includes(sender);
}

function fallback(input: ReasonInput): Resolution {
  const command = input.smtpCommand?.toUpperCase();
  if (command === 'MAIL') {
    return { reason: 'rejected', evidence: { rule: 'command MAIL FROM refused', matched: command } };
  }
  // Refused before any address was given: the receiving server does not want the sending host.
  if (command === 'CONN' || command === 'HELO' || command === 'EHLO') {
    return {
      reason: 'blocked',
      evidence: { rule: `refused at ${command}, before any recipient`, matched: command },
    };
  }
  if (input.action === 'delayed') {
    return { reason: 'expired', evidence: { rule: 'action delayed', matched: 'delayed' } };
  }
  if (input.action === 'delivered' || input.action === 'relayed' || input.action === 'expanded') {
    return { reason: 'delivered', evidence: { rule: `action ${input.action}`, matched: input.action } };
  }
  // The report says delivery failed but nothing tells why: held for a person (or more signals) to decide.
  const shown = input.status ?? (input.replyCode ? String(input.replyCode) : '');
  return { reason: 'onhold', evidence: { rule: 'no rule matched', matched: shown } };
}
