/** How the unblock commands print a request: one readable block, or the API's JSON. */
import type { UnblockRequestView } from '../guard/unblock/types.js';
import { renderTable } from './table.js';

export function printRequest(request: UnblockRequestView, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(request, null, 2) + '\n');
    return;
  }
  const { domain, block, probe } = request.checks;
  const rows: [string, string][] = [
    ['request', `${request.id} (${request.state})`],
    ['address', request.address],
    [
      'blocked',
      `${block.verdictReason ?? block.reason ?? '-'} (${block.kind ?? '-'}), ${block.ageDays ?? '?'} days ago`,
    ],
    ['server said', block.diagnosticCode ?? '-'],
    ['domain', domain.detail],
    ['unblocks', `${block.unblocks} of ${block.maxUnblocks}`],
    [
      'probe',
      probe.ran ? `${probe.host}: ${probe.outcome} ${probe.code ?? ''} ${probe.reply}`.trim() : probe.why,
    ],
    ['why', request.explanation],
  ];
  process.stdout.write(rows.map(([name, value]) => `${name.padEnd(12)}${value}`).join('\n') + '\n');
}

export function requestTable(requests: UnblockRequestView[]): string {
  return renderTable(
    ['id', 'state', 'address', 'createdAt', 'explanation'],
    requests.map((r) => [r.id, r.state, r.address, r.createdAt, r.explanation]),
  );
}
