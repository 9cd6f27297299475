/**
 * Holds applied to the send gate's answers: an allowed recipient that a hold covers becomes
 * `allowed: false` with the hold and its sentence; its address state is left as it is. Pure.
 */
import { domainOf } from '../store/store.js';
import type { CheckResult } from '../service/types.js';
import type { Hold, HoldSource } from './holds.js';

export function holdCovers(hold: Hold, address: string, campaign: string | undefined): boolean {
  const { scope } = hold;
  if (scope.kind === 'account') return true;
  if (scope.kind === 'domain') return domainOf(address) === scope.domain;
  return campaign !== undefined && campaign === scope.campaign;
}

export function applyHolds(
  results: CheckResult[],
  holds: readonly Hold[],
  campaign: string | undefined,
): CheckResult[] {
  if (holds.length === 0) return results;
  return results.map((r) => {
    if (!r.allowed) return r;
    const hold = holds.find((h) => holdCovers(h, r.address, campaign));
    return hold === undefined ? r : { ...r, allowed: false, held: hold, explanation: hold.explanation };
  });
}

/** Every source's holds for the account, asked at once. */
export async function activeHolds(sources: readonly HoldSource[], accountId: string): Promise<Hold[]> {
  return (await Promise.all(sources.map((s) => s.activeHolds(accountId)))).flat();
}
