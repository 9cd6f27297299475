import { ReboundError } from '../errors.js';
import type { PolicySettings } from '../policy/types.js';
import type { Store } from '../store/store.js';
import { normaliseAddress } from './address.js';
import type { CheckResult } from './types.js';
import { explainState } from '../policy/explain.js';

const NEVER_SEEN = 'No bounce or complaint recorded for this address.';

/**
 * The send gate: one store round trip for the whole list, one result per input, in input order. An
 * address never seen is active and allowed. Only `blocked` is refused; `soft` is still sent to.
 */
export async function check(
  store: Store,
  accountId: string,
  inputs: unknown[],
  settings: PolicySettings,
): Promise<CheckResult[]> {
  const addresses = inputs.map(normaliseAt);
  // Not made distinct first: a repeated address costs one more probe, fewer than a Set of 100,000 costs.
  const rows = await store.gateRows(accountId, addresses);
  return addresses.map((address, i): CheckResult => {
    const row = rows[i];
    if (row === undefined)
      return { address, allowed: true, state: 'active', reason: null, explanation: NEVER_SEEN };
    return {
      address,
      allowed: row.status !== 'blocked',
      state: row.status,
      reason: row.reason,
      // addressView's sentence, without building the view: this runs up to 100,000 times a request.
      explanation: row.explanation !== '' ? row.explanation : explainState(row, settings),
    };
  });
}

function normaliseAt(input: unknown, index: number): string {
  try {
    return normaliseAddress(input);
  } catch (err) {
    throw new ReboundError('invalid_address', `recipients[${index}]: ${(err as Error).message}`);
  }
}
