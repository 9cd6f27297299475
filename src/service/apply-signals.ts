import { apply, standingChanged } from '../policy/apply.js';
import { compareEventTime } from '../policy/event-order.js';
import { ReplayLog } from '../policy/replay.js';
import type { AddressState, PolicySettings, Transition } from '../policy/types.js';
import type { AddressRow, NewEvent, StoreTx } from '../store/store.js';
import { signalOf, stateOf } from './views.js';
import { isSendKey } from './send-key.js';

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
  options: RecordOptions = { fresh: false },
): Promise<Map<string, AddressRow>> {
  const writer = await SignalWriter.lock(
    tx,
    accountId,
    settings,
    events.map((e) => e.address),
  );
  await writer.record(events, options);
  await writer.save();
  return writer.rows;
}

export interface RecordOptions {
  /**
   * The events' dedupe keys name a bounce stored in this transaction, so none can be taken (see
   * appendFreshEvent); keys that name the send (send-key.ts) are still checked.
   */
  fresh: boolean;
}

/**
 * recordSignals for many sets of events in one transaction (a batch of mails): every address is
 * locked once up front, in one sorted set, and saved once at the end; a replayed address's history is
 * read once and its replay kept up to date as events are appended, so a busy address replayed again
 * and again costs no re-read and re-applies only the signals after the late one. Valid for the
 * transaction it was opened in only.
 */
export class SignalWriter {
  private readonly replays = new Map<string, ReplayLog>();
  private readonly touched = new Set<string>();
  /** Send keys looked up by lookUpSendKeys: whether each is taken (by a stored event or one appended here). */
  private readonly sendKeys = new Map<string, boolean>();

  private constructor(
    private readonly tx: StoreTx,
    private readonly settings: PolicySettings,
    /** The current row of every locked address, as the events recorded so far left it. */
    readonly rows: Map<string, AddressRow>,
  ) {}

  static async lock(
    tx: StoreTx,
    accountId: string,
    settings: PolicySettings,
    addresses: string[],
  ): Promise<SignalWriter> {
    return new SignalWriter(tx, settings, await tx.lockAddresses(accountId, [...new Set(addresses)]));
  }

  /**
   * Looks up at once which of these send keys (send-key.ts) are taken, so that record() appends their
   * events as fresh ones instead of one conditional insert each (on PostgreSQL, a round trip each). Sound
   * because every writer of an address's events holds the address's lock (lock()): no other transaction
   * can take one of these keys before this one ends.
   */
  async lookUpSendKeys(accountId: string, keys: string[]): Promise<void> {
    const unknown = [...new Set(keys)].filter((key) => isSendKey(key) && !this.sendKeys.has(key));
    const taken = await this.tx.takenKeys(accountId, unknown);
    for (const key of unknown) this.sendKeys.set(key, taken.has(key));
  }

  /** Appends the events and moves the rows in memory; `save` writes the rows. Addresses must be locked. */
  async record(events: NewEvent[], options: RecordOptions = { fresh: false }): Promise<void> {
    const { rows } = this;
    for (const event of events) {
      const row = rows.get(event.address);
      if (row === undefined) throw new Error(`address ${event.address} was not locked`);
      const id = await this.append(event, options);
      if (id === undefined) continue;
      this.replays.get(event.address)?.add(signalOf({ ...event, id }));
      const step = await this.nextState(row, { ...event, id });
      const updated = {
        ...row,
        ...step.state,
        explanation: step.explanation ?? row.explanation,
        updatedAt: event.receivedAt,
      };
      if (step.explanation !== undefined && row.status !== step.state.status) {
        await this.tx.appendFreshEvent(stateChange(event, id, row, updated, step.explanation));
      }
      rows.set(event.address, updated);
      this.touched.add(event.address);
    }
  }

  private async append(event: NewEvent, options: RecordOptions): Promise<string | undefined> {
    const { tx } = this;
    if (!options.fresh) return tx.appendEvent(event);
    const key = event.dedupeKey;
    if (!isSendKey(key)) return tx.appendFreshEvent(event);
    // A key naming the send (not the mail) may be taken already by the same bounce from another path.
    const taken = this.sendKeys.get(key as string);
    if (taken === undefined) return tx.appendEvent(event);
    if (taken) return undefined;
    this.sendKeys.set(key as string, true);
    return tx.appendFreshEvent(event);
  }

  async save(): Promise<void> {
    await this.tx.writeAddresses([...this.touched].map((address) => this.rows.get(address) as AddressRow));
    this.touched.clear();
  }

  private async nextState(row: AddressRow, event: NewEvent & { id: string }): Promise<Step> {
    if (row.lastEventAt === null || compareEventTime(event.at, row.lastEventAt) >= 0) {
      const t = apply(stateOf(row), signalOf(event), this.settings);
      return { state: t.after, explanation: t.changed ? t.explanation : undefined };
    }
    let log = this.replays.get(row.address);
    if (log === undefined) {
      const history = await this.tx.signalEvents(row.accountId, row.address);
      log = ReplayLog.of(row.address, history.map(signalOf), this.settings);
      this.replays.set(row.address, log);
    }
    return replayed(row, log);
  }
}

function replayed(row: AddressRow, log: ReplayLog): Step {
  const { state } = log;
  return {
    state,
    explanation: standingChanged(stateOf(row), state) ? lastChange(log.transitions) : undefined,
  };
}

function lastChange(transitions: readonly Transition[]): string {
  return transitions.findLast((t) => t.changed)?.explanation ?? 'Re-played from the full history: no change.';
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
