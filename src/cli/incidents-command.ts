/** `rebound incidents [show ID | resolve ID --note TEXT]`: sender incidents, listed, shown or closed. */
import type { IncidentState } from '../store/incidents.js';
import { openIncidentTarget, type IncidentTarget } from './incident-target.js';
import { Output, OutputClosed } from './output.js';
import { withOpened } from './service-command.js';
import { renderTable } from './table.js';
import { TARGET_OPTIONS, TARGET_USAGE } from './target.js';
import { EXIT_OK, usageError, parseCommand } from './usage.js';

export const INCIDENTS_USAGE = `Usage: rebound incidents [--state open|pending|closed] [--limit N] [--json]
       rebound incidents show ID
       rebound incidents resolve ID --note TEXT
                         [--server URL --key KEY]

Sender incidents: receivers refusing the sender (a blocklist, reputation, authentication), grouped by
sending IP or domain and receiving domain, with evidence and what to do. 'resolve' closes one (admin)
and lifts the hold on its receiving domain.

Options:
  --state STATE        only incidents in this state
  --limit N            at most N incidents (default 50)
  --json               JSON instead of a table
  --note TEXT          with resolve: why it is closed (kept with the incident)
  -h, --help           show this help
${TARGET_USAGE}`;

const HELP = 'rebound incidents --help';
const STATES: readonly IncidentState[] = ['pending', 'open', 'closed'];

export async function runIncidents(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      ...TARGET_OPTIONS,
      state: { type: 'string' },
      limit: { type: 'string' },
      note: { type: 'string' },
      json: { type: 'boolean' },
    },
    INCIDENTS_USAGE,
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, id, ...extra] = positionals;
  if (extra.length > 0) return usageError(`unexpected '${extra.join(' ')}'`, HELP);
  if (action !== undefined && action !== 'show' && action !== 'resolve')
    return usageError(`unknown action '${action}': use show or resolve`, HELP);
  if (action !== undefined && id === undefined) return usageError(`${action} needs an incident id`, HELP);
  if (action === 'resolve' && values.note === undefined) return usageError('resolve needs --note TEXT', HELP);
  const state = values.state as IncidentState | undefined;
  if (state !== undefined && !STATES.includes(state))
    return usageError(`unknown state '${state}': use ${STATES.join(', ')}`, HELP);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return usageError('--limit needs a whole number from 1 to 1000', HELP);
  return withOpened(
    () => openIncidentTarget(values, process.env),
    HELP,
    async (target) => {
      const out = new Output();
      try {
        if (action === undefined) await list(target, out, state, limit, values.json === true);
        else {
          const detail =
            action === 'show'
              ? await target.getIncident(id as string)
              : await target.resolve(id as string, values.note as string);
          out.write(JSON.stringify(detail, null, 2) + '\n');
        }
        out.flush();
      } catch (error) {
        if (!(error instanceof OutputClosed)) throw error;
      }
      return EXIT_OK;
    },
  );
}

async function list(
  target: IncidentTarget,
  out: Output,
  state: IncidentState | undefined,
  limit: number,
  json: boolean,
): Promise<void> {
  const page = await target.listIncidents(state, { limit });
  if (json) {
    for (const incident of page.items) out.write(JSON.stringify(incident) + '\n');
    return;
  }
  const rows = page.items.map((i) => [
    i.id,
    i.state,
    i.sender,
    i.receivingDomain ?? '(dns check)',
    i.blocklists.join(',') || '-',
    String(i.rejections),
    i.lastSeen,
    i.explanation,
  ]);
  out.write(
    renderTable(
      ['id', 'state', 'sender', 'receivingDomain', 'lists', 'rejections', 'lastSeen', 'explanation'],
      rows,
    ),
  );
}
