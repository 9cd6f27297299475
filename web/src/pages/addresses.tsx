/** Addresses: blocked and soft ones first (the filter starts on blocked), with counts and the reason why. */
import { api, query, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { ListTable } from '../components/list-table.js';
import { PAGE_SIZE, Pager, usePager } from '../components/pager.js';
import { formatDate, t } from '../i18n/i18n.js';
import { addressWhy, type Explained } from '../i18n/explain.js';
import type { MessageKey } from '../i18n/en.js';
import { href, location, navigate } from '../router.js';

export interface AddressView {
  address: string;
  status: 'active' | 'soft' | 'blocked';
  softBounces: number;
  reason: string | null;
  blockedAt: string | null;
  explanation: string;
  explanationCode?: Explained['explanationCode'];
  explanationParams?: Explained['explanationParams'];
}

const STATES = ['blocked', 'soft', 'active'] as const;

export function Addresses() {
  const params = location.value.params;
  const status = params.get('status') ?? 'blocked';
  const domain = params.get('domain') ?? '';
  const filterKey = `${status}|${domain}`;
  const pager = usePager(filterKey);
  const [loaded, retry] = useLoad(
    () =>
      api.get<Page<AddressView>>(
        `/v1/addresses${query({ status: status === 'all' ? undefined : status, domain, limit: PAGE_SIZE, cursor: pager.cursor })}`,
      ),
    `${filterKey}|${pager.cursor ?? ''}`,
  );

  const find = (event: SubmitEvent) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('address') ?? '').trim();
    if (value !== '') navigate(`/addresses/${encodeURIComponent(value.toLowerCase())}`);
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('addresses.title')}</h1>
      <form class="filters" onSubmit={find} role="search">
        <label>
          {t('addresses.find')}
          <input name="address" type="email" autoComplete="off" spellcheck={false} required />
        </label>
        <div class="filter-actions">
          <button type="submit">{t('addresses.go')}</button>
        </div>
      </form>
      <form
        class="filters"
        key={filterKey}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          navigate('/addresses', {
            status: String(data.get('status')),
            domain: String(data.get('domain') ?? ''),
          });
        }}
      >
        <label>
          {t('addresses.state')}
          <select name="status" defaultValue={status}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}` as MessageKey)}
              </option>
            ))}
            <option value="all">{t('common.any')}</option>
          </select>
        </label>
        <label>
          {t('bounces.domain')}
          <input name="domain" type="text" defaultValue={domain} autoComplete="off" spellcheck={false} />
        </label>
        <div class="filter-actions">
          <button type="submit">{t('common.apply')}</button>
        </div>
      </form>
      <Show loaded={loaded} retry={retry}>
        {(page) => (
          <>
            <ListTable
              columns={[
                { label: t('addresses.address') },
                { label: t('addresses.state') },
                { label: t('addresses.softBounces'), num: true },
                { label: t('addresses.why') },
              ]}
              rows={page.items.length}
              caption={t('addresses.caption')}
            >
              {page.items.map((a) => (
                <tr key={a.address}>
                  <th scope="row">
                    <a href={href(`/addresses/${encodeURIComponent(a.address)}`)}>{a.address}</a>
                  </th>
                  <td>
                    <StateBadge status={a.status} />
                    {a.blockedAt === null ? null : (
                      <small class="block">
                        {t('addresses.blockedSince', { date: formatDate(a.blockedAt, false) })}
                      </small>
                    )}
                  </td>
                  <td class="num" data-label={t('addresses.softBounces')}>
                    {a.softBounces}
                  </td>
                  <td>{addressWhy(a)}</td>
                </tr>
              ))}
            </ListTable>
            <Pager pager={pager} next={page.next} />
          </>
        )}
      </Show>
    </section>
  );
}

export function StateBadge({ status }: { status: AddressView['status'] }) {
  return <span class={`badge state-${status}`}>{t(`state.${status}` as MessageKey)}</span>;
}
