/**
 * Overview: sends, deliveries, bounce and complaint rates per day, top reasons and the worst receiving
 * domains, all aggregated by the server (GET /v1/stats); the page never counts rows itself. Above them,
 * the open alerts and incidents.
 */
import { useMemo, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { LineChart, type Series } from '../components/chart.js';
import { ListTable } from '../components/list-table.js';
import { formatNumber, formatPercent, reasonText, t } from '../i18n/i18n.js';
import { href } from '../router.js';
import { OpenIssues } from './open-issues.js';

interface StatsRow {
  key: string;
  sent: number;
  delivered: number;
  deferred: number;
  bounced: Record<string, number>;
  complaints: number;
  bounceRate: number;
  complaintRate: number;
}

interface Stats {
  from: string;
  to: string;
  rows: StatsRow[];
}

const PERIODS = [7, 30, 90] as const;
/** A domain needs this many sends before its rate means anything. */
const MIN_DOMAIN_SENDS = 20;
const TOP = 10;
const DAY_MS = 86_400_000;

/** Every bounce kind, as the server's bounceRate counts them. */
const bouncesOf = (row: StatsRow): number => Object.values(row.bounced).reduce((a, b) => a + b, 0);

/** Every day of the period, so a quiet day is a zero and not a gap the line jumps over. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = Date.parse(from.slice(0, 10)); at < Date.parse(to); at += DAY_MS)
    out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

async function loadStats(period: number) {
  const to = new Date();
  const from = new Date(to.getTime() - period * DAY_MS);
  const range = { from: from.toISOString(), to: to.toISOString() };
  const [byDay, byReason, byDomain] = await Promise.all(
    (['day', 'reason', 'domain'] as const).map((groupBy) =>
      api.get<Stats>(`/v1/stats${query({ ...range, groupBy })}`),
    ),
  );
  return { byDay: byDay!, byReason: byReason!, byDomain: byDomain! };
}

export function Overview() {
  const [period, setPeriod] = useState<number>(30);
  const [loaded, retry] = useLoad(() => loadStats(period), String(period));
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('overview.title')}</h1>
        <label>
          {t('overview.days')}{' '}
          <select value={period} onChange={(e) => setPeriod(Number(e.currentTarget.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t('overview.period', { days: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <OpenIssues />
      <Show loaded={loaded} retry={retry}>
        {(stats) => <OverviewBody {...stats} />}
      </Show>
    </section>
  );
}

function OverviewBody({ byDay, byReason, byDomain }: Awaited<ReturnType<typeof loadStats>>) {
  const totals = byDay.rows.reduce(
    (sum, r) => ({
      sent: sum.sent + r.sent,
      delivered: sum.delivered + r.delivered,
      bounced: sum.bounced + bouncesOf(r),
      complaints: sum.complaints + r.complaints,
    }),
    { sent: 0, delivered: 0, bounced: 0, complaints: 0 },
  );
  const chart = useMemo(() => {
    const labels = days(byDay.from, byDay.to);
    const rows = new Map(byDay.rows.map((r) => [r.key, r]));
    const pick = (f: (r: StatsRow) => number) =>
      labels.map((d) => {
        const r = rows.get(d);
        return r === undefined ? 0 : f(r);
      });
    const volume: Series[] = [
      { label: t('overview.sent'), values: pick((r) => r.sent), colour: '#1f4e99', format: formatNumber },
      {
        label: t('overview.delivered'),
        values: pick((r) => r.delivered),
        colour: '#2a7a3b',
        format: formatNumber,
      },
      { label: t('overview.bounced'), values: pick(bouncesOf), colour: '#b3261e', format: formatNumber },
    ];
    const rates: Series[] = [
      {
        label: t('overview.bounceRate'),
        values: pick((r) => r.bounceRate),
        colour: '#b3261e',
        format: formatPercent,
      },
      {
        label: t('overview.complaintRate'),
        values: pick((r) => r.complaintRate),
        colour: '#8a4b00',
        format: formatPercent,
      },
    ];
    return { labels, volume, rates };
  }, [byDay]);
  const reasons = byReason.rows
    .filter((r) => r.key !== 'none' && bouncesOf(r) > 0)
    .sort((a, b) => bouncesOf(b) - bouncesOf(a))
    .slice(0, TOP);
  const domains = byDomain.rows
    .filter((r) => r.sent >= MIN_DOMAIN_SENDS)
    .sort((a, b) => b.bounceRate - a.bounceRate)
    .slice(0, TOP);
  // The same base as the server's per-row rates: sends, or when none were reported, what came back.
  const base = totals.sent > 0 ? totals.sent : totals.delivered + totals.bounced;
  const rate = (n: number) => (base === 0 ? 0 : n / base);

  return (
    <>
      <dl class="totals">
        <div>
          <dt>{t('overview.sent')}</dt>
          <dd>{formatNumber(totals.sent)}</dd>
        </div>
        <div>
          <dt>{t('overview.delivered')}</dt>
          <dd>{formatNumber(totals.delivered)}</dd>
        </div>
        <div>
          <dt>{t('overview.bounceRate')}</dt>
          <dd>{formatPercent(rate(totals.bounced))}</dd>
        </div>
        <div>
          <dt>{t('overview.complaintRate')}</dt>
          <dd>{formatPercent(rate(totals.complaints))}</dd>
        </div>
      </dl>
      {byDay.rows.length === 0 ? <p>{t('overview.noData')}</p> : null}
      <div class="charts">
        <LineChart
          id="volume-chart"
          title={t('overview.volumeChart')}
          labels={chart.labels}
          series={chart.volume}
        />
        <LineChart
          id="rate-chart"
          title={t('overview.rateChart')}
          labels={chart.labels}
          series={chart.rates}
          yPercent
        />
      </div>
      <div class="columns">
        <section aria-labelledby="reasons-title">
          <h2 id="reasons-title">{t('overview.topReasons')}</h2>
          <ListTable
            columns={[{ label: t('overview.reason') }, { label: t('overview.count'), num: true }]}
            rows={reasons.length}
            cards={false}
          >
            {reasons.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  <a href={href('/bounces', { reason: r.key })}>
                    <code>{r.key}</code>
                  </a>
                  <br />
                  <small>{reasonText(r.key)}</small>
                </th>
                <td class="num">{formatNumber(bouncesOf(r))}</td>
              </tr>
            ))}
          </ListTable>
        </section>
        <section aria-labelledby="domains-title">
          <h2 id="domains-title">{t('overview.worstDomains')}</h2>
          <p class="hint">{t('overview.worstDomainsHint', { min: MIN_DOMAIN_SENDS })}</p>
          <ListTable
            columns={[
              { label: t('overview.domain') },
              { label: t('overview.sent'), num: true },
              { label: t('overview.bounceRate'), num: true },
              { label: t('overview.complaintRate'), num: true },
            ]}
            rows={domains.length}
            cards={false}
          >
            {domains.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  <a href={href('/bounces', { domain: r.key })}>{r.key}</a>
                </th>
                <td class="num">{formatNumber(r.sent)}</td>
                <td class="num">{formatPercent(r.bounceRate)}</td>
                <td class="num">{formatPercent(r.complaintRate)}</td>
              </tr>
            ))}
          </ListTable>
        </section>
      </div>
    </>
  );
}
