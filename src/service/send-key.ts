/**
 * The key under which one send's bounce or complaint counts once, whichever way it reaches Rebound: a DSN
 * mail (inbound SMTP, a mailbox, POST /v1/bounces), a provider webhook or POST /v1/events. What both sides
 * can name is the send: the original message's Message-ID header (a DSN quotes it in the returned headers,
 * the providers pass it on) and the recipient. The time is left out on purpose: the DSN's date and the
 * provider's timestamp never agree. The kind stays in: a "delayed" report (soft) and the final failure
 * (hard) of the same send are two signals, and a disagreement between two paths counts twice rather than
 * losing one.
 */
import type { Kind } from '../classify/reasons.js';
import type { EventType } from '../store/store.js';

const SEND_KEY_PREFIX = 'send:';
const COUNTED_ONCE_PER_SEND: ReadonlySet<EventType> = new Set(['bounced', 'complained']);

/** Undefined when the signal cannot be tied to a send (no Message-ID) or is not a bounce or complaint. */
export function sendSignalKey(
  type: EventType,
  kind: Kind | null,
  address: string,
  messageId: string | null | undefined,
): string | undefined {
  if (!COUNTED_ONCE_PER_SEND.has(type) || kind === null) return undefined;
  const id = normalMessageId(messageId);
  return id === undefined ? undefined : `${SEND_KEY_PREFIX}${kind}:${address}:${id}`;
}

/** Whether a dedupe key is one of sendSignalKey's. */
export function isSendKey(key: string | null): boolean {
  return key !== null && key.startsWith(SEND_KEY_PREFIX);
}

/**
 * `<Id@Host>`, ` id@host `, `<id@host>` all name the same send: brackets and white space (a folded
 * header) dropped, lower case (some gateways change the case of the domain part).
 */
export function normalMessageId(messageId: string | null | undefined): string | undefined {
  if (messageId === null || messageId === undefined) return undefined;
  const bare = messageId.replace(/\s+/g, '').replace(/^<+/, '').replace(/>+$/, '').toLowerCase();
  return bare.length === 0 ? undefined : bare;
}
