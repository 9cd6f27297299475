/**
 * Bounces: the stored bounces, newest first, filtered and paginated by the server (GET /v1/bounces);
 * a row opens its verdict beside the mail, the evidence highlighted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { KINDS } from '../../../src/api/schemas.js';
import { REASON_NAMES } from '../../../src/classify/reasons.js';
import { api, query, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { ListTable } from '../components/list-table.js';
import { PAGE_SIZE, Pager, usePager } from '../components/pager.js';
import { RawMail } from '../components/raw-mail.js';
import { formatDate, reasonText, t } from '../i18n/i18n.js';
import { type MessageKey } from '../i18n/en.js';
import { href, location, navigate } from '../router.js';

export interface BounceView {
  id: string;
  receivedAt: string;
  recipient: string;
  reason: string;
  kind: string;
  status: string | null;
  diagnosticCode: string | null;
  decoder: string;
  messageId: string | null;
}

const FILTERS = ['reason', 'kind', 'domain', 'since', 'until'] as const;

/** A date input's day as the API's date-time bound: since from 00:00, until to the end of the day. */
const bound = (day: string | null, end: boolean): string | undefined =>
  day === null || day === '' ? undefined : `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z`;

export function Bounces() {
  const params = location.value.params;
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const filterKey = JSON.stringify(filter);
  const pager = usePager(filterKey);
  const [selected, setSelected] = useState<BounceView | null>(null);
  const [loaded, retry] = useLoad(
    () =>
      api.get<Page<BounceView>>(
        `/v1/bounces${query({
          reason: filter.reason,
          kind: filter.kind,
          domain: filter.domain,
          since: bound(filter.since, false),
          until: bound(filter.until, true),
          limit: PAGE_SIZE,
          cursor: pager.cursor,
        })}`,
      ),
    `${filterKey}|${pager.cursor ?? ''}`,
  );

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    navigate('/bounces', Object.fromEntries(FILTERS.map((f) => [f, String(data.get(f) ?? '')])));
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('bounces.title')}</h1>
      <form class="filters" onSubmit={apply} aria-label={t('bounces.filters')} key={filterKey}>
        <label>
          {t('bounces.reason')}
          <select name="reason" defaultValue={filter.reason}>
            <option value="">{t('common.any')}</option>
            {REASON_NAMES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bounces.kind')}
          <select name="kind" defaultValue={filter.kind}>
            <option value="">{t('common.any')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bounces.domain')}
          <input
            name="domain"
            type="text"
            defaultValue={filter.domain}
            autoComplete="off"
            spellcheck={false}
          />
        </label>
        <label>
          {t('bounces.since')}
          <input name="since" type="date" defaultValue={filter.since} />
        </label>
        <label>
          {t('bounces.until')}
          <input name="until" type="date" defaultValue={filter.until} />
        </label>
        <div class="filter-actions">
          <button type="submit">{t('common.apply')}</button>
          <a href={href('/bounces')}>{t('common.reset')}</a>
        </div>
      </form>
      <Show loaded={loaded} retry={retry}>
        {(page) => (
          <>
            <ListTable
              columns={[
                { label: t('bounces.received') },
                { label: t('bounces.recipient') },
                { label: t('bounces.reason') },
                { label: t('bounces.kind') },
                { label: t('bounces.status') },
              ]}
              rows={page.items.length}
              caption={t('bounces.caption')}
            >
              {page.items.map((b) => (
                <tr key={b.id} aria-current={selected?.id === b.id ? 'true' : undefined}>
                  <td>{formatDate(b.receivedAt)}</td>
                  <th scope="row">
                    <button
                      type="button"
                      class="link"
                      onClick={() => setSelected(b)}
                      aria-label={t('bounces.open', { recipient: b.recipient })}
                    >
                      {b.recipient}
                    </button>
                  </th>
                  <td>
                    <code>{b.reason}</code>
                  </td>
                  <td>
                    <span class={`badge kind-${b.kind}`}>{t(`kind.${b.kind}` as MessageKey)}</span>
                  </td>
                  <td>{b.status ?? ''}</td>
                </tr>
              ))}
            </ListTable>
            <Pager pager={pager} next={page.next} />
          </>
        )}
      </Show>
      {selected === null ? null : <Verdict bounce={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

function Verdict({ bounce, onClose }: { bounce: BounceView; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on what they opened.
  useEffect(() => heading.current?.focus(), [bounce.id]);
  return (
    <aside class="verdict" aria-labelledby="verdict-title">
      <div class="page-head">
        <h2 id="verdict-title" tabIndex={-1} ref={heading}>
          {t('bounces.verdict')}: {bounce.recipient}
        </h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl class="facts">
        <dt>{t('bounces.reason')}</dt>
        <dd>
          <code>{bounce.reason}</code> — {reasonText(bounce.reason)}
        </dd>
        <dt>{t('bounces.kind')}</dt>
        <dd>{t(`kind.${bounce.kind}` as MessageKey)}</dd>
        <dt>{t('bounces.status')}</dt>
        <dd>{bounce.status ?? '—'}</dd>
        <dt>{t('bounces.diagnostic')}</dt>
        <dd>{bounce.diagnosticCode ?? '—'}</dd>
        <dt>{t('bounces.decoder')}</dt>
        <dd>{bounce.decoder}</dd>
        <dt>{t('bounces.messageId')}</dt>
        <dd>{bounce.messageId ?? '—'}</dd>
        <dt>{t('addresses.address')}</dt>
        <dd>
          <a href={href(`/addresses/${encodeURIComponent(bounce.recipient)}`)}>{bounce.recipient}</a>
        </dd>
      </dl>
      <RawMail bounceId={bounce.id} evidence={[bounce.diagnosticCode, bounce.status, bounce.recipient]} />
    </aside>
  );
}
