/** `rebound addresses [--state blocked] ...`: the addresses Rebound knows, page after page. */
import { parseArgs } from 'node:util';
import type { AddressStatus } from '../policy/types.js';
import { Output, OutputClosed } from './output.js';
import { withTarget } from './service-command.js';
import { renderTable } from './table.js';
import { TARGET_OPTIONS, TARGET_USAGE, type AddressListFilter, type Target } from './target.js';
import { EXIT_OK, usageError } from './usage.js';

export const ADDRESSES_USAGE = `Usage: rebound addresses [--state active|soft|blocked] [--reason R] [--domain D]
                         [--limit N] [--json] [--server URL --key KEY]

Lists the addresses Rebound knows, in address order.

Options:
  --state STATE        only addresses in this state
  --reason REASON      only addresses soft or blocked for this reason (userunknown, ...)
  --domain DOMAIN      only addresses at this domain
  --limit N            at most N addresses (default: all)
  --json               one JSON object per line instead of a table
  -h, --help           show this help
${TARGET_USAGE}`;

const HELP = 'rebound addresses --help';
const STATES: readonly AddressStatus[] = ['active', 'soft', 'blocked'];
const PAGE = 1000;

export async function runAddresses(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        ...TARGET_OPTIONS,
        state: { type: 'string' },
        reason: { type: 'string' },
        domain: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message, HELP);
  }
  if (values.help) {
    process.stdout.write(ADDRESSES_USAGE);
    return EXIT_OK;
  }
  const state = values.state as AddressStatus | undefined;
  if (state !== undefined && !STATES.includes(state))
    return usageError(`unknown state '${state}': use ${STATES.join(', ')}`, HELP);
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(Number.isInteger(limit) && limit > 0) && limit !== Infinity)
    return usageError('--limit needs a positive whole number', HELP);
  const filter = { status: state, reason: values.reason, domain: values.domain };
  return withTarget(values, HELP, async (target) => {
    try {
      await list(target, filter, limit, values.json === true);
    } catch (error) {
      if (!(error instanceof OutputClosed)) throw error;
    }
    return EXIT_OK;
  });
}

async function list(target: Target, filter: AddressListFilter, limit: number, json: boolean): Promise<void> {
  const out = new Output();
  const rows: string[][] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await target.listAddresses(filter, { limit: Math.min(PAGE, limit - seen), cursor });
    for (const a of page.items) {
      if (json) out.write(JSON.stringify(a) + '\n');
      else
        rows.push([
          a.address,
          a.status,
          String(a.softBounces),
          a.reason ?? '-',
          a.blockedAt ?? '-',
          a.explanation,
        ]);
    }
    seen += page.items.length;
    cursor = page.next ?? undefined;
  } while (cursor !== undefined && seen < limit);
  if (!json)
    out.write(renderTable(['address', 'state', 'softBounces', 'reason', 'blockedAt', 'explanation'], rows));
  out.flush();
}
