#!/usr/bin/env node
/** The `rebound` bin: global flags and the dispatch to one module per command, nothing else. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_OK, usageError } from './usage.js';

type Command = (args: string[]) => number | Promise<number>;

/** Loaded on use, so that --help and --version do not pay for (or depend on) the classifier. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  classify: async () => (await import('./classify-command.js')).runClassify,
  serve: async () => (await import('./serve-command.js')).runServe,
  check: async () => (await import('./check-command.js')).runCheck,
  addresses: async () => (await import('./addresses-command.js')).runAddresses,
  import: async () => (await import('./import-command.js')).runImport,
  'request-unblock': async () => (await import('./request-unblock-command.js')).runRequestUnblock,
  'unblock-requests': async () => (await import('./unblock-requests-command.js')).runUnblockRequests,
  incidents: async () => (await import('./incidents-command.js')).runIncidents,
  'blocklist-check': async () => (await import('./blocklist-check-command.js')).runBlocklistCheck,
  alerts: async () => (await import('./guard-commands.js')).guardCommand('alerts'),
  pauses: async () => (await import('./guard-commands.js')).guardCommand('pauses'),
  pause: async () => (await import('./guard-commands.js')).guardCommand('pause'),
  resume: async () => (await import('./guard-commands.js')).guardCommand('resume'),
  'alert-settings': async () => (await import('./guard-commands.js')).guardCommand('alert-settings'),
  webhooks: async () => (await import('./guard-commands.js')).guardCommand('webhooks'),
};

const USAGE = `Usage: rebound <command> [options]

Commands:
  classify PATH...   classify bounce mails in files, mbox files, directories or - (stdin)
  serve              serve the HTTP API (PORT, REBOUND_DB or DATABASE_URL, REBOUND_ADMIN_KEY)
  check ADDRESS...   may mail be sent to these addresses?
  addresses          list known addresses (--state blocked, --reason, --domain)
  import PATH...     classify mails and apply them to the store (mbox, Maildir, .eml folder)
  request-unblock ADDRESS --reason TEXT   ask for a blocked address to be unblocked (checks run at once)
  unblock-requests list|approve|deny      review unblock requests and decide them (admin)
  incidents          sender incidents (show ID, resolve ID --note TEXT)
  blocklist-check    check the sending IPs and domains against DNS blocklists now
  alerts             bounce- and complaint-rate alerts (--state open, --scope campaign)
  pauses             pauses holding sends; 'pause --domain D --note T', 'resume ID --note T'
  alert-settings     alert thresholds, window, auto-pause, emails (--set JSON to change them)
  webhooks           outbound-webhook subscriptions: list, add URL, remove ID, deliveries ID

Options:
  -h, --help         show this help ('rebound <command> --help' for a command's own)
  -v, --version      show the version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && !command.startsWith('-')) {
    const load = COMMANDS[command];
    return load ? (await load())(rest) : usageError(`unknown command '${command}'`, 'rebound --help');
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    }));
  } catch (error) {
    return usageError((error as Error).message, 'rebound --help');
  }
  process.stdout.write(values.version && !values.help ? `${version()}\n` : USAGE);
  return EXIT_OK;
}

/** Read when asked only: dist/src/cli/main.js (and the bundled bin next to it) sits three levels below the package root. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

process.exitCode = await main(process.argv.slice(2));
