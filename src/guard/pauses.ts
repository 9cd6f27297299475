/**
 * Pauses: an admin's (POST /v1/pauses) or an alert's (auto-pause). While one is active, the send gate holds
 * every recipient in its scope with a 4xx; nothing is lost, and no address changes state. Resuming is an
 * admin's act, recorded with who and why.
 */
import { ReboundError } from '../errors.js';
import type { GuardStore, PauseRow, ScopeRef } from '../store/guard.js';
import { describeScope } from './alerts/evaluate.js';
import type { Hold, HoldScope, HoldSource } from './holds.js';
import { scopeView } from './scope.js';

export type PauseView = Omit<PauseRow, 'accountId' | 'scope'> & {
  scope: HoldScope;
  state: 'active' | 'resumed';
};

export function pauseView(row: PauseRow): PauseView {
  const { id, alertId, actor, note, explanation, createdAt, resumedAt, resumedBy, resumeNote } = row;
  const state = resumedAt === null ? 'active' : 'resumed';
  return {
    id,
    scope: scopeView(row.scope),
    state,
    alertId,
    actor,
    note,
    explanation,
    createdAt,
    resumedAt,
    resumedBy,
    resumeNote,
  };
}

export function pauseExplanation(
  scope: ScopeRef,
  by: { actor: string; note: string } | { alert: string },
): string {
  const what = `Sending ${scope.kind === 'account' ? 'for the account' : `for ${describeScope(scope)}`} is paused`;
  const why =
    'alert' in by ? `automatically after a critical alert: ${by.alert}` : `by ${by.actor}: ${by.note}`;
  return `${what} ${why.replace(/\.?$/, '.')} Mail waits (4xx) until an admin resumes it.`;
}

export class Pauses implements HoldSource {
  constructor(private readonly store: GuardStore) {}

  async pause(accountId: string, scope: ScopeRef, actor: string, note: string): Promise<PauseView> {
    const row = await this.store.createPause({
      accountId,
      scope,
      alertId: null,
      actor,
      note,
      explanation: pauseExplanation(scope, { actor, note }),
      createdAt: new Date().toISOString(),
    });
    if (row === undefined) throw new ReboundError('conflict', `${describeScope(scope)} is already paused.`);
    return pauseView(row);
  }

  /** The auto-pause of a critical alert; nothing when the scope is paused already. */
  async pauseForAlert(
    accountId: string,
    scope: ScopeRef,
    alert: { id: string; explanation: string },
  ): Promise<PauseRow | undefined> {
    return this.store.createPause({
      accountId,
      scope,
      alertId: alert.id,
      actor: 'rebound:auto-pause',
      note: alert.explanation,
      explanation: pauseExplanation(scope, { alert: alert.explanation }),
      createdAt: new Date().toISOString(),
    });
  }

  async resume(accountId: string, id: string, actor: string, note: string): Promise<PauseView> {
    const row = await this.store.resumePause(accountId, id, { actor, note, at: new Date().toISOString() });
    if (row !== undefined) return pauseView(row);
    const existing = await this.store.getPause(accountId, id);
    if (existing === undefined) throw new ReboundError('not_found', `No pause with id ${id}.`);
    throw new ReboundError('conflict', `Pause ${id} was already resumed at ${existing.resumedAt ?? ''}.`);
  }

  async get(accountId: string, id: string): Promise<PauseView | undefined> {
    const row = await this.store.getPause(accountId, id);
    return row === undefined ? undefined : pauseView(row);
  }

  async activeHolds(accountId: string): Promise<Hold[]> {
    return (await this.store.activePauses(accountId)).map((p) => ({
      scope: scopeView(p.scope),
      source: 'pause',
      sourceId: p.id,
      explanation: p.explanation,
      since: p.createdAt,
    }));
  }
}
