/**
 * Runs the DNS blocklist checks of an account's sending IPs and domains, stores every result, opens
 * (or grows) an incident for each listing and closes the listing's incident when the lists no longer
 * name it. Asks through a node:dns Resolver pointed at REBOUND_DNS_SERVERS when set.
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { CheckRow, NewCheck } from '../store/incidents.js';
import type { Store } from '../store/store.js';
import { sayReading } from './dnsbl-answers.js';
import { interpret, queryName, type Interpretation } from './dnsbl.js';
import type { GuardSettings } from './guard-settings.js';
import type { IncidentTracker } from './incident-tracker.js';

export interface BlocklistCheckerDeps {
  store: Store;
  tracker: Pick<IncidentTracker, 'settings' | 'record' | 'close'>;
  /** DNS servers as `ip` or `ip:port`; empty: the system's resolvers. */
  dnsServers: readonly string[];
  /** Per query; a list that does not answer in time is "could not check". */
  timeoutMs?: number;
  now?: () => Date;
}

/** Zones that name a list the classifier knows, so incidents from checks and from rejections agree. */
const LIST_OF_ZONE: Readonly<Record<string, string>> = {
  'zen.spamhaus.org': 'Spamhaus',
  'dbl.spamhaus.org': 'Spamhaus',
  'bl.spamcop.net': 'SpamCop',
  'b.barracudacentral.org': 'Barracuda',
};

export class BlocklistChecker {
  private readonly resolver: Resolver;
  private readonly now: () => Date;

  constructor(private readonly deps: BlocklistCheckerDeps) {
    this.resolver = new Resolver({ timeout: deps.timeoutMs ?? 3000, tries: 2 });
    if (deps.dnsServers.length > 0) this.resolver.setServers([...deps.dnsServers]);
    this.now = deps.now ?? (() => new Date());
  }

  /** Checks every configured target on every zone of its kind, now. */
  async run(accountId: string): Promise<CheckRow[]> {
    const settings = await this.deps.tracker.settings(accountId);
    const checkedAt = this.now().toISOString();
    const queries = [
      ...settings.sendingIps.flatMap((ip) => settings.ipZones.map((zone) => ({ target: ip, zone }))),
      ...settings.sendingDomains.flatMap((d) => settings.domainZones.map((zone) => ({ target: d, zone }))),
    ];
    const answers = await Promise.all(queries.map((q) => this.ask(q.target, q.zone)));
    const rows: NewCheck[] = queries.map((q, i) => ({
      accountId,
      checkedAt,
      target: q.target,
      targetKind: isIP(q.target) === 0 ? 'domain' : 'ip',
      zone: q.zone,
      ...(answers[i] as Interpretation & { codes: string[] }),
      incidentId: null,
    }));
    for (const target of new Set(rows.map((r) => r.target))) {
      await this.follow(
        accountId,
        target,
        rows.filter((r) => r.target === target),
        settings,
      );
    }
    return this.deps.store.incidents.insertChecks(rows);
  }

  private async ask(target: string, zone: string): Promise<Interpretation & { codes: string[] }> {
    try {
      const codes = await this.resolver.resolve4(queryName(target, zone));
      return { ...interpret(zone, codes), codes };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') return { ...interpret(zone, []), codes: [] };
      const reading = { outcome: 'unchecked', why: 'dns-error', error: code } as const;
      return { outcome: 'unchecked', meaning: sayReading(zone, reading), codes: [] };
    }
  }

  /** Listings open or grow the target's incident (and tie the rows to it); an all-clear closes it. */
  private async follow(
    accountId: string,
    target: string,
    rows: NewCheck[],
    settings: GuardSettings,
  ): Promise<void> {
    const listed = rows.filter((r) => r.outcome === 'listed');
    if (listed.length > 0) {
      const incident = await this.deps.tracker.record(
        accountId,
        target,
        rows[0]?.targetKind ?? 'ip',
        null,
        listed.map((r) => ({
          key: `dnsbl:${r.zone}:${r.checkedAt}`,
          recipient: null,
          reason: null,
          blocklist: LIST_OF_ZONE[r.zone] ?? r.zone,
          text: r.meaning,
          at: r.checkedAt,
          bounceId: null,
          source: 'dnsbl',
        })),
        settings,
      );
      for (const r of listed) r.incidentId = incident?.id ?? null;
      return;
    }
    if (rows.some((r) => r.outcome === 'unchecked')) return;
    const live = await this.deps.store.incidents.findLive(accountId, target, null);
    if (live !== undefined) await this.deps.tracker.close(live, 'clear', `No list names ${target} any more.`);
  }
}
