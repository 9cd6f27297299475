/** `rebound check ADDRESS...`: the send gate from the command line, one row per address. */
import { renderTable } from './table.js';
import { withTarget } from './service-command.js';
import { TARGET_OPTIONS, TARGET_USAGE } from './target.js';
import { EXIT_OK, parseCommand, usageError } from './usage.js';

export const CHECK_USAGE = `Usage: rebound check [--json] [--server URL --key KEY] ADDRESS...

May mail be sent to these addresses? One row each: allowed, state, reason and why.

Options:
  --json               the API's answer as JSON instead of a table
  -h, --help           show this help
${TARGET_USAGE}
Exit status: 0 when every address is allowed, 3 when some is not, 1 on an error,
2 on a wrong command line.
`;

/** Distinct from errors so that scripts can gate a send on it. */
export const EXIT_NOT_ALLOWED = 3;
const HELP = 'rebound check --help';

export async function runCheck(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { ...TARGET_OPTIONS, json: { type: 'boolean' } }, CHECK_USAGE, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError('check needs at least one ADDRESS', HELP);
  return withTarget(values, HELP, async (target) => {
    const results = await target.check(positionals);
    process.stdout.write(
      values.json
        ? JSON.stringify({ results }, null, 2) + '\n'
        : renderTable(
            ['address', 'allowed', 'state', 'reason', 'explanation'],
            results.map((r) => [
              r.address,
              r.allowed ? 'yes' : 'no',
              r.state,
              r.reason ?? '-',
              r.explanation,
            ]),
          ),
    );
    return results.every((r) => r.allowed) ? EXIT_OK : EXIT_NOT_ALLOWED;
  });
}
