import type { UnblockChecks, UnblockRequestState } from '../guard/unblock/types.js';
import type { Announce } from './outbox.js';
import type { AccountRow, AddressRow, Keyset } from './store.js';

/**
 * What unblock requests and the block-expiry sweep need persisted. Exposed as `Store.unblocks`; both
 * stores implement it and pass test/store/unblocks-suite.ts. A request is one row: who asked, why, the
 * checks of that moment, and the one decision (who, when, the note, the recipient's consent).
 */
export interface NewUnblockRequest {
  accountId: string;
  address: string;
  reason: string;
  requestedBy: string;
  createdAt: string;
  checks: UnblockChecks;
}

export interface UnblockRequestRow extends NewUnblockRequest {
  id: string;
  state: UnblockRequestState;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
  consent: string | null;
}

export interface UnblockRequestDecision {
  state: 'approved' | 'denied';
  decidedAt: string;
  decidedBy: string;
  note: string;
  consent: string | null;
}

export interface UnblockRequestFilter {
  state?: UnblockRequestState | undefined;
  address?: string | undefined;
}

export interface UnblockStore {
  /**
   * Stores a pending request, announced by `announce` in the same transaction; undefined (nothing
   * announced) when the address already has one pending.
   */
  insertRequest(
    request: NewUnblockRequest,
    announce: Announce<UnblockRequestRow>,
  ): Promise<UnblockRequestRow | undefined>;
  getRequest(accountId: string, id: string): Promise<UnblockRequestRow | undefined>;
  /** The address's pending request, if any. */
  pendingRequest(accountId: string, address: string): Promise<UnblockRequestRow | undefined>;
  /** Newest first; `page.after` is the id of the last row seen. */
  listRequests(accountId: string, filter: UnblockRequestFilter, page: Keyset): Promise<UnblockRequestRow[]>;
  /** Every account, for the sweep's rounds. */
  listAccounts(): Promise<AccountRow[]>;
  /**
   * Addresses blocked at or before `before` by a bounce (not a complaint or admin), oldest first (ties
   * by address), after the given row when paging.
   */
  blocksBefore(
    accountId: string,
    before: string,
    limit: number,
    after?: { blockedAt: string; address: string },
  ): Promise<AddressRow[]>;
}

export const UNBLOCK_REQUEST_COLUMNS = `id, account_id AS "accountId", address, reason,
  requested_by AS "requestedBy", created_at AS "createdAt", state, checks, decided_at AS "decidedAt",
  decided_by AS "decidedBy", note, consent`;

/** Shared by both dialects: the sweep never lifts a complaint's or an administrator's block. */
export const EXPIRABLE_BLOCK = `status = 'blocked' AND reason IS NOT NULL AND reason NOT IN ('complaint', 'admin')`;
