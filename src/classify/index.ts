/** The classifier's public surface: pure functions and the one taxonomy table. */
export { classify } from './classify.js';
export { classifySmtpReply, type ReplyVerdict } from './smtp-reply.js';
export { REASONS, REASON_NAMES, isReason, kindOf, type Kind, type Reason } from './reasons.js';
export type { Evidence, OriginalRef, Verdict } from './types.js';
