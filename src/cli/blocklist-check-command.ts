/** `rebound blocklist-check`: asks the DNS blocklists about the sending IPs and domains now. */
import { parseArgs } from 'node:util';
import { openIncidentTarget } from './incident-target.js';
import { Output } from './output.js';
import { withOpened } from './service-command.js';
import { renderTable } from './table.js';
import { TARGET_OPTIONS, TARGET_USAGE } from './target.js';
import { EXIT_OK, usageError } from './usage.js';

export const BLOCKLIST_CHECK_USAGE = `Usage: rebound blocklist-check [--json] [--server URL --key KEY]

Checks the sending IPs and domains of the guard settings (PUT /v1/settings/guard) against their DNS
blocklists now, stores the results and opens an incident for each listing. Locally the queries go to
REBOUND_DNS_SERVERS (comma-separated ip or ip:port), else to the system's resolvers.

Options:
  --json               one JSON object per line instead of a table
  -h, --help           show this help
${TARGET_USAGE}`;

const HELP = 'rebound blocklist-check --help';

export async function runBlocklistCheck(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...TARGET_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError((error as Error).message, HELP);
  }
  if (values.help) {
    process.stdout.write(BLOCKLIST_CHECK_USAGE);
    return EXIT_OK;
  }
  return withOpened(
    () => openIncidentTarget(values, process.env),
    HELP,
    async (target) => {
      const checks = await target.runChecks();
      const out = new Output();
      if (checks.length === 0) {
        process.stderr.write(
          'rebound: nothing to check: set sendingIps or sendingDomains in /v1/settings/guard\n',
        );
      } else if (values.json) {
        for (const check of checks) out.write(JSON.stringify(check) + '\n');
      } else {
        const rows = checks.map((c) => [c.target, c.zone, c.outcome, c.incidentId ?? '-', c.meaning]);
        out.write(renderTable(['target', 'zone', 'outcome', 'incident', 'meaning'], rows));
      }
      out.flush();
      return EXIT_OK;
    },
  );
}
