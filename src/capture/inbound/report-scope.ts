/**
 * Which recipients a report may speak for. A VERP token is visible to everyone who received the mail
 * (it is the Return-Path), so a valid token only vouches for the one recipient it was made for: a report
 * naming anyone else would let a recipient block other people with their own token.
 */
import type { Verdict } from '../../classify/types.js';
import { addressProblem } from '../../service/address.js';
import type { VerpClaims } from '../verp.js';

/**
 * The readable recipients of the verdicts the token was not made for (lower-case, without repeats).
 * Unreadable ones are left out: the service does not apply them either.
 */
export function foreignRecipients(verdicts: readonly Verdict[], claims: VerpClaims): string[] {
  const foreign = new Set<string>();
  for (const verdict of verdicts) {
    const recipient = verdict.recipient.trim().toLowerCase();
    if (addressProblem(recipient) === undefined && !claims.isFor(recipient)) foreign.add(recipient);
  }
  return [...foreign];
}
