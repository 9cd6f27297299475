/**
 * `rebound alerts`, `pauses`, `pause`, `resume`, `alert-settings` and `webhooks`: the guard's alerts,
 * pauses, thresholds and outbound-webhook subscriptions from the command line (docs/alerts.md,
 * docs/outbound-webhooks.md). Tables for people, --json for scripts.
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
       rebound alert-settings [--set JSON]
       rebound webhooks [list] | add URL [--events TYPE,...] [--description TEXT] | remove ID | deliveries ID

Bounce- and complaint-rate alerts, the pauses that hold sending, the alert thresholds (--set takes the
fields to change, as PUT /v1/settings/alerts does) and outbound-webhook subscriptions (the secret of a
new one is printed once) (docs/alerts.md, docs/outbound-webhooks.md). Against a server, pausing,
resuming, changing settings and managing webhooks need an admin key.
${TARGET_USAGE}`;

const OPTIONS = {
  ...TARGET_OPTIONS,
  state: { type: 'string' },
  scope: { type: 'string' },
  account: { type: 'boolean' },
  campaign: { type: 'string' },
  domain: { type: 'string' },
  note: { type: 'string' },
  set: { type: 'string' },
  events: { type: 'string' },
  description: { type: 'string' },
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

const jsonLines = (items: unknown[]): string => items.map((item) => JSON.stringify(item) + '\n').join('');

const WEBHOOK_ACTIONS: Record<string, Action> = {
  async list(target, v) {
    const items = await target.listSubscriptions();
    if (v.json) return jsonLines(items);
    const rows = items.map((w) => [w.id, w.url, w.eventTypes.join(',') || 'all', w.description, w.createdAt]);
    return renderTable(['ID', 'URL', 'EVENTS', 'DESCRIPTION', 'CREATED'], rows);
  },
  async add(target, v, [url]) {
    if (url === undefined) throw new TargetUsageError('give the receiver: rebound webhooks add URL');
    const eventTypes = v.events === undefined ? undefined : v.events.split(',').map((t) => t.trim());
    const created = await target.createSubscription({ url, eventTypes, description: v.description });
    if (v.json) return `${JSON.stringify(created)}\n`;
    return `subscribed (${created.id}) ${created.url}\nsecret (shown once, verify Rebound-Signature with it): ${created.secret}\n`;
  },
  async remove(target, _v, [id]) {
    if (id === undefined) throw new TargetUsageError('give the subscription id: rebound webhooks remove ID');
    await target.deleteSubscription(id);
    return `removed ${id}\n`;
  },
  async deliveries(target, v, [id]) {
    if (id === undefined)
      throw new TargetUsageError('give the subscription id: rebound webhooks deliveries ID');
    const { items } = await target.listDeliveries(id);
    if (v.json) return jsonLines(items);
    const rows = items.map((d) => [
      d.id,
      d.eventType,
      d.state,
      String(d.attempts),
      d.responseCode === null ? '-' : String(d.responseCode),
      d.nextAttemptAt ?? '-',
      d.error ?? '',
    ]);
    return renderTable(['ID', 'EVENT', 'STATE', 'ATTEMPTS', 'CODE', 'NEXT TRY', 'ERROR'], rows);
  },
};

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
  async 'alert-settings'(target, v) {
    let input: unknown;
    if (v.set !== undefined) {
      try {
        input = JSON.parse(v.set);
      } catch {
        throw new TargetUsageError(`--set takes a JSON object, e.g. '{"bounceWarn": 0.04}'`);
      }
    }
    const settings =
      input === undefined ? await target.alertSettings() : await target.updateAlertSettings(input);
    return `${JSON.stringify(settings, null, 2)}\n`;
  },
  async webhooks(target, v, positionals) {
    const [action = 'list', ...rest] = positionals;
    const run = WEBHOOK_ACTIONS[action];
    if (run === undefined)
      throw new TargetUsageError(`unknown webhooks action '${action}' (list, add, remove, deliveries)`);
    return run(target, v, rest);
  },
};

/** The command runner for one of the names. */
export function guardCommand(name: 'alerts' | 'pauses' | 'pause' | 'resume' | 'alert-settings' | 'webhooks') {
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
