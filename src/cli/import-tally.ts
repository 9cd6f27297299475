/** Counts what an import did, for the summary table at its end. */
import type { AddressStatus } from '../policy/types.js';
import type { IngestResult } from '../service/types.js';
import { renderTable } from './table.js';

export class ImportTally {
  mails = 0;
  bounces = 0;
  notBounces = 0;
  duplicates = 0;
  refused = 0;
  private readonly byReason = new Map<string, { kind: string; count: number }>();
  /** Last state seen per address: an address blocked then unblocked by a later mail is not counted. */
  private readonly states = new Map<string, AddressStatus>();

  add(result: IngestResult): void {
    this.mails++;
    if (result.duplicate) this.duplicates++;
    else if (result.verdicts.length === 0) this.notBounces++;
    else this.bounces++;
    if (result.duplicate) return;
    for (const verdict of result.verdicts) {
      const row = this.byReason.get(verdict.reason) ?? { kind: verdict.kind, count: 0 };
      row.count++;
      this.byReason.set(verdict.reason, row);
    }
    for (const state of result.states) this.states.set(state.address, state.status);
  }

  unreadable(): void {
    this.mails++;
    this.notBounces++;
  }

  refuse(): void {
    this.mails++;
    this.refused++;
  }

  blocked(): number {
    let count = 0;
    for (const status of this.states.values()) if (status === 'blocked') count++;
    return count;
  }

  progressLine(elapsedMs: number): string {
    const rate = elapsedMs > 0 ? Math.round((this.mails * 1000) / elapsedMs) : 0;
    return `${this.mails} mails, ${this.bounces} bounces, ${this.duplicates} duplicates, ${rate} mails/s`;
  }

  summary(elapsedMs: number): string {
    const totals: [string, number][] = [
      ['mails read', this.mails],
      ['bounces', this.bounces],
      ['not bounces', this.notBounces],
      ['duplicates', this.duplicates],
      ['refused', this.refused],
      ['addresses seen', this.states.size],
      ['addresses blocked', this.blocked()],
    ];
    const reasons = [...this.byReason].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    const seconds = (elapsedMs / 1000).toFixed(2);
    return (
      renderTable(
        ['', 'count'],
        totals.map(([name, n]) => [name, String(n)]),
      ) +
      '\n' +
      renderTable(
        ['reason', 'kind', 'verdicts'],
        reasons.map(([reason, r]) => [reason, r.kind, String(r.count)]),
      ) +
      `\n${this.mails} mails in ${seconds} s\n`
    );
  }
}
