/** Scopes between their public shape (the HoldScope of the API) and the store's (kind + key). */
import { ReboundError } from '../errors.js';
import type { ScopeRef } from '../store/guard.js';
import type { HoldScope } from './holds.js';

export function scopeView(ref: ScopeRef): HoldScope {
  if (ref.kind === 'account') return { kind: 'account' };
  return ref.kind === 'campaign'
    ? { kind: 'campaign', campaign: ref.key }
    : { kind: 'domain', domain: ref.key };
}

/** From a request body; a clear error when the key is missing. */
export function scopeRef(input: { kind: string; campaign?: string; domain?: string }): ScopeRef {
  if (input.kind === 'account') return { kind: 'account', key: '' };
  const key = input.kind === 'campaign' ? input.campaign?.trim() : input.domain?.trim().toLowerCase();
  if (input.kind !== 'campaign' && input.kind !== 'domain') {
    throw new ReboundError('invalid_request', 'scope.kind must be account, campaign or domain.');
  }
  if (key === undefined || key === '') {
    throw new ReboundError('invalid_request', `A ${input.kind} scope needs scope.${input.kind}.`);
  }
  return { kind: input.kind, key };
}
