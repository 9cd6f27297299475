import { apply } from '../policy/apply.js';
import { compareEventTime } from '../policy/event-order.js';
import { replay } from '../policy/replay.js';
import type { AddressState, PolicySettings, Transition } from '../policy/types.js';
import type { AddressRow, NewEvent, StoreTx } from '../store/store.js';
import { signalOf, stateOf } from './views.js';

/** The outcome of one signal on one address, as it is saved. */
interface Step {
  state: AddressState;
  /** The sentence to keep with the state when the standing changed, else undefined. */
  explanation: string | undefined;
}

/**
 * Records signal events and moves their addresses' states, inside the caller's transaction. An event
 * whose dedupe key is taken is skipped: the same signal counts once. A signal older than the newest
 * one applied replays the whole address, so order of arrival never changes the outcome.
 * Returns the rows of every address touched, saved.
 */
export async function recordSignals(
  tx: StoreTx,
  accountId: string,
  events: NewEvent[],
  settings: PolicySettings,
): Promise<Map<string, AddressRow>> {
  const rows = await tx.lockAddresses(accountId, [...new Set(events.map((e) => e.address))]);
  const touched = new Set<string>();
  for (const event of events) {
    const id = await tx.appendEvent(event);
    const row = rows.get(event.address);
    if (id === undefined || row === undefined) continue;
    const step = await nextState(tx, row, { ...event, id }, settings);
    const updated = {
      ...row,
      ...step.state,
      explanation: step.explanation ?? row.explanation,
      updatedAt: event.receivedAt,
    };
    if (step.explanation !== undefined && row.status !== step.state.status) {
      await tx.appendEvent(stateChange(event, id, row, updated, step.explanation));
    }
    rows.set(event.address, updated);
    touched.add(event.address);
  }
  for (const address of touched) await tx.writeAddress(rows.get(address) as AddressRow);
  return rows;
}

async function nextState(
  tx: StoreTx,
  row: AddressRow,
  event: NewEvent & { id: string },
  settings: PolicySettings,
): Promise<Step> {
  const signal = signalOf(event);
  if (row.lastEventAt === null || compareEventTime(signal.at, row.lastEventAt) >= 0) {
    const t = apply(stateOf(row), signal, settings);
    return { state: t.after, explanation: t.changed ? t.explanation : undefined };
  }
  const history = await tx.signalEvents(row.accountId, row.address);
  const { state, transitions } = replay(row.address, history.map(signalOf), settings);
  return { state, explanation: standingDiffers(stateOf(row), state) ? lastChange(transitions) : undefined };
}

function lastChange(transitions: Transition[]): string {
  return transitions.findLast((t) => t.changed)?.explanation ?? 'Re-played from the full history: no change.';
}

function standingDiffers(a: AddressState, b: AddressState): boolean {
  return (
    a.status !== b.status ||
    a.softBounces !== b.softBounces ||
    a.reason !== b.reason ||
    a.blockedAt !== b.blockedAt ||
    a.decidedBy !== b.decidedBy ||
    a.unblocks !== b.unblocks
  );
}

function stateChange(
  cause: NewEvent,
  causeId: string,
  before: AddressRow,
  after: AddressRow,
  explanation: string,
): NewEvent {
  return {
    ...cause,
    type: 'state-changed',
    dedupeKey: null,
    data: { ...cause.data, from: before.status, to: after.status, explanation, causedBy: causeId },
  };
}
