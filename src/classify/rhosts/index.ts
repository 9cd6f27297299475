import type { RhostInput, RhostMatch, RhostRules } from './rhost.js';

/** The one list of provider rule sets; the first that owns the host and knows the reply decides. */
export const RHOSTS: readonly RhostRules[] = [];

export function rhostReason(input: RhostInput): (RhostMatch & { id: string }) | undefined {
  for (const rules of RHOSTS) {
    if (!rules.owns(input)) continue;
    const match = rules.reason(input);
    if (match) return { ...match, id: rules.id };
  }
  return undefined;
}
