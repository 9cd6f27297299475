/** `rebound request-unblock ADDRESS --reason TEXT`: ask for a blocked address to be unblocked. */
import { withTarget } from './service-command.js';
import { TARGET_OPTIONS, TARGET_USAGE } from './target.js';
import { printRequest } from './unblock-output.js';
import { EXIT_OK, usageError, parseCommand } from './usage.js';

export const REQUEST_UNBLOCK_USAGE = `Usage: rebound request-unblock ADDRESS --reason TEXT [--json] [--server URL --key KEY]

Asks for a blocked address to be unblocked. The checks run at once (the domain's MX, the blocking
verdict and its age, complaint, unblocks so far) and are printed with the request. A domain that takes
no mail, or an address at its unblock limit, is denied at once; otherwise an administrator decides
('rebound unblock-requests approve|deny').

Options:
  --reason TEXT        why the address should be unblocked (kept with the request)
  --json               the request as JSON
  -h, --help           show this help
${TARGET_USAGE}`;

const HELP = 'rebound request-unblock --help';

export async function runRequestUnblock(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      ...TARGET_OPTIONS,
      reason: { type: 'string' },
      json: { type: 'boolean' },
    },
    REQUEST_UNBLOCK_USAGE,
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError('request-unblock needs exactly one ADDRESS', HELP);
  const reason = values.reason?.trim();
  if (!reason) return usageError('request-unblock needs --reason TEXT', HELP);
  return withTarget(values, HELP, async (target) => {
    printRequest(await target.requestUnblock(positionals[0] as string, reason), values.json === true);
    return EXIT_OK;
  });
}
