import type { GuardEvent, Notifier } from '../../src/guard/notifications.js';
import type { OutboxTx } from '../../src/store/guard.js';

/** Records what would go out, in order (as written, inside the change's transaction): the fake the contract asks tests to use for a Notifier. */
export class RecordingNotifier implements Notifier {
  readonly events: GuardEvent[] = [];

  async notifyWithin(_tx: OutboxTx, events: readonly GuardEvent[]): Promise<void> {
    this.events.push(...events);
  }

  committed(): void {}

  of(type: GuardEvent['type']): GuardEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  /** `type state` per event, for requests: what a test compares. */
  types(): string[] {
    return this.events.map((e) => `${e.type} ${String(e.data.state)}`);
  }
}
