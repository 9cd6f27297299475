/**
 * `rebound alerts`, `rebound pauses`, `rebound pause`, `rebound resume`: the guard's alerts and pauses
 * from the command line (docs/alerts.md). Tables for people, --json for scripts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { HoldScope } from '../guard/holds.js';
import { openGuardTarget, type GuardTarget } from './guard-target.js';
import { renderTable } from './table.js';
import { TARGET_OPTIONS, TARGET_USAGE, TargetUsageError } from './target.js';
import { fail } from './service-command.js';
import { EXIT_OK, usageError } from './usage.js';

export const GUARD_USAGE = `Usage: rebound alerts [--state open|closed] [--scope account|campaign|domain] [--json]
       rebound pauses [--state active|resumed] [--json]
       rebound pause (--account | --campaign NAME | --domain DOMAIN) --note TEXT
       rebound resume ID --note TEXT

Bounce- and complaint-rate alerts, and the pauses that hold sending (docs/alerts.md).
Pausing and resuming need an admin key against a server.
${TARGET_USAGE}`;

const OPTIONS = {
  ...TARGET_OPTIONS,
  state: { type: 'string' },
  scope: { type: 'string' },
  account: { type: 'boolean' },
  campaign: { type: 'string' },
  domain: { type: 'string' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];
type Action = (target: GuardTarget, values: Values, positionals: string[]) => Promise<string | undefined>;

const describe = (scope: HoldScope): string =>
  scope.kind === 'account'
    ? 'account'
    : scope.kind === 'campaign'
      ? `campaign ${scope.campaign}`
      : `domain ${scope.domain}`;

const ACTIONS: Record<string, Action> = {
  async alerts(target, v) {
    const { items } = await target.listAlerts({ state: v.state, scope: v.scope });
    if (v.json) return items.map((a) => JSON.stringify(a)).join('\n') + (items.length > 0 ? '\n' : '');
    const rows = items.map((a) => [
      a.id,
      a.state,
      a.level,
      a.metric,
      describe(a.scope),
      `${(a.rate * 100).toFixed(2)}%`,
      a.openedAt,
    ]);
    return renderTable(['ID', 'STATE', 'LEVEL', 'METRIC', 'SCOPE', 'RATE', 'OPENED'], rows);
  },
  async pauses(target, v) {
    const { items } = await target.listPauses({ state: v.state });
    if (v.json) return items.map((p) => JSON.stringify(p)).join('\n') + (items.length > 0 ? '\n' : '');
    const rows = items.map((p) => [p.id, p.state, describe(p.scope), p.actor, p.createdAt, p.note]);
    return renderTable(['ID', 'STATE', 'SCOPE', 'BY', 'SINCE', 'NOTE'], rows);
  },
  async pause(target, v) {
    const chosen = [v.account === true, v.campaign !== undefined, v.domain !== undefined].filter(
      Boolean,
    ).length;
    if (chosen !== 1) throw new TargetUsageError('give one of --account, --campaign NAME, --domain DOMAIN');
    if (v.note === undefined) throw new TargetUsageError('--note TEXT says why (kept with the pause)');
    const kind = v.account === true ? 'account' : v.campaign !== undefined ? 'campaign' : 'domain';
    const pause = await target.pause({ kind, campaign: v.campaign, domain: v.domain }, v.note);
    return `${v.json ? JSON.stringify(pause) : `paused (${pause.id}): ${pause.explanation}`}\n`;
  },
  async resume(target, v, positionals) {
    const [id] = positionals;
    if (id === undefined || positionals.length !== 1)
      throw new TargetUsageError('give the pause id: rebound resume ID');
    if (v.note === undefined) throw new TargetUsageError('--note TEXT says why (kept with the pause)');
    const pause = await target.resume(id, v.note);
    return `${v.json ? JSON.stringify(pause) : `resumed (${pause.id}): ${describe(pause.scope)}`}\n`;
  },
};

/** The command runner for one of the four names. */
export function guardCommand(name: 'alerts' | 'pauses' | 'pause' | 'resume') {
  return async (args: string[]): Promise<number> => {
    const help = `rebound ${name} --help`;
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
    } catch (error) {
      return usageError((error as Error).message, help);
    }
    if (parsed.values.help) {
      process.stdout.write(GUARD_USAGE);
      return EXIT_OK;
    }
    let target: GuardTarget | undefined;
    try {
      target = await openGuardTarget(parsed.values, process.env);
      process.stdout.write((await ACTIONS[name]?.(target, parsed.values, parsed.positionals)) ?? '');
      return EXIT_OK;
    } catch (error) {
      if (error instanceof TargetUsageError) return usageError(error.message, help);
      return fail(error);
    } finally {
      await target?.close();
    }
  };
}
