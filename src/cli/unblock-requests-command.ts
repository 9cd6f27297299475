/** `rebound unblock-requests list|approve|deny`: review unblock requests and decide them. */
import type { UnblockRequestState, UnblockRequestView } from '../guard/unblock/types.js';
import { Output, OutputClosed } from './output.js';
import { withTarget } from './service-command.js';
import {
  TARGET_OPTIONS,
  TARGET_USAGE,
  type Target,
  type UnblockListFilter,
  type UnblockTarget,
} from './target.js';
import { printRequest, requestTable } from './unblock-output.js';
import { EXIT_OK, usageError, parseCommand } from './usage.js';

export const UNBLOCK_REQUESTS_USAGE = `Usage: rebound unblock-requests list [--state pending|approved|denied] [--address A] [--limit N] [--json]
       rebound unblock-requests approve ID --note TEXT [--consent TEXT] [--json]
       rebound unblock-requests deny ID --note TEXT [--json]
       (each with [--server URL --key KEY])

Lists unblock requests, newest first, with the evidence in one sentence each; approves (the address is
unblocked, audited in its history) or denies one. Approving and denying need an admin key on a server.

Options:
  --state STATE        only requests in this state (list)
  --address ADDRESS    only this address's requests (list)
  --limit N            at most N requests (list; default: all)
  --note TEXT          why (approve, deny): kept in the audit trail
  --consent TEXT       for an address blocked by a complaint: how the recipient agreed to mail again
  --json               JSON instead of text
  -h, --help           show this help
${TARGET_USAGE}`;

const HELP = 'rebound unblock-requests --help';
const STATES: readonly UnblockRequestState[] = ['pending', 'approved', 'denied'];
const PAGE = 500;

export async function runUnblockRequests(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      ...TARGET_OPTIONS,
      state: { type: 'string' },
      address: { type: 'string' },
      limit: { type: 'string' },
      note: { type: 'string' },
      consent: { type: 'string' },
      json: { type: 'boolean' },
    },
    UNBLOCK_REQUESTS_USAGE,
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, id, ...extra] = positionals;
  const json = values.json === true;
  if (action === 'list') {
    if (id !== undefined) return usageError(`list takes no argument, got '${id}'`, HELP);
    const state = values.state as UnblockRequestState | undefined;
    if (state !== undefined && !STATES.includes(state))
      return usageError(`unknown state '${state}': use ${STATES.join(', ')}`, HELP);
    const limit = values.limit === undefined ? Infinity : Number(values.limit);
    if (limit !== Infinity && !(Number.isInteger(limit) && limit > 0))
      return usageError('--limit needs a positive whole number', HELP);
    return withTarget(values, HELP, (target) =>
      list(target, { state, address: values.address }, limit, json),
    );
  }
  if (action !== 'approve' && action !== 'deny') {
    return usageError(
      action === undefined ? 'say list, approve or deny' : `unknown action '${action}'`,
      HELP,
    );
  }
  if (id === undefined || extra.length > 0) return usageError(`${action} needs exactly one request ID`, HELP);
  const note = values.note?.trim();
  if (!note) return usageError(`${action} needs --note TEXT`, HELP);
  if (action === 'deny' && values.consent !== undefined)
    return usageError('--consent goes with approve', HELP);
  return withTarget(values, HELP, async (target) => {
    printRequest(await target.decideUnblockRequest(id, action, { note, consent: values.consent }), json);
    return EXIT_OK;
  });
}

async function list(
  target: Target & UnblockTarget,
  filter: UnblockListFilter,
  limit: number,
  json: boolean,
): Promise<number> {
  const out = new Output();
  const rows: UnblockRequestView[] = [];
  let seen = 0;
  let cursor: string | undefined;
  try {
    do {
      const page = await target.listUnblockRequests(filter, { limit: Math.min(PAGE, limit - seen), cursor });
      for (const request of page.items) {
        if (json) out.write(JSON.stringify(request) + '\n');
        else rows.push(request);
      }
      seen += page.items.length;
      cursor = page.next ?? undefined;
    } while (cursor !== undefined && seen < limit);
    if (!json) out.write(requestTable(rows));
    out.flush();
  } catch (error) {
    if (!(error instanceof OutputClosed)) throw error;
  }
  return EXIT_OK;
}
