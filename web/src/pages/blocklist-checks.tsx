/**
 * The DNS blocklist checks of the account's sending IPs and domains (guard settings sendingIps,
 * sendingDomains, ipZones, domainZones): run one now, and read the stored results, newest first.
 */
import { useState } from 'preact/hooks';
import { api, query, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { useChange } from '../components/change.js';
import { ListTable } from '../components/list-table.js';
import { PAGE_SIZE, Pager, usePager } from '../components/pager.js';
import { checkMeaning, type CheckParts } from '../i18n/explain.js';
import { formatDate, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { href } from '../router.js';

interface Check extends CheckParts {
  id: string;
  checkedAt: string;
  target: string;
  targetKind: 'ip' | 'domain';
}

export function BlocklistChecks() {
  const [round, setRound] = useState(0);
  const [ran, setRan] = useState<number | null>(null);
  const pager = usePager(String(round));
  const [loaded, retry] = useLoad(
    () => api.get<Page<Check>>(`/v1/blocklist-checks${query({ limit: PAGE_SIZE, cursor: pager.cursor })}`),
    `${round}|${pager.cursor ?? ''}`,
  );
  const { run, shown } = useChange(() => setRound((n) => n + 1));
  const [busy, setBusy] = useState(false);
  const checkNow = async () => {
    setBusy(true);
    setRan(null);
    await run(async () => {
      const done = await api.post<{ items: Check[] }>('/v1/blocklist-checks', {});
      setRan(done.items.length);
    });
    setBusy(false);
  };
  return (
    <section aria-labelledby="checks-title">
      <h2 id="checks-title">{t('checks.title')}</h2>
      <p class="hint">{t('checks.hint')}</p>
      <p>
        <button
          type="button"
          class="primary"
          onClick={() => void checkNow()}
          disabled={busy}
          aria-busy={busy}
        >
          {t(busy ? 'checks.running' : 'checks.run')}
        </button>
      </p>
      <p role="status" class={ran === 0 ? 'error' : 'ok'}>
        {ran === null ? '' : ran === 0 ? t('checks.nothing') : t('checks.done', { n: ran })}
        {ran === 0 ? (
          <>
            {' '}
            <a href={href('/rules')}>{t('nav.rules')}</a>
          </>
        ) : null}
      </p>
      {shown}
      <Show loaded={loaded} retry={retry}>
        {({ items, next }) => (
          <>
            <ListTable
              caption={t('checks.caption')}
              columns={[
                { label: t('checks.target') },
                { label: t('checks.zone') },
                { label: t('checks.outcome') },
                { label: t('alerts.why') },
                { label: t('checks.at') },
              ]}
              rows={items.length}
            >
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.target}</th>
                  <td>{c.zone}</td>
                  <td>
                    <span class={`badge check-${c.outcome}`}>{t(`checks.${c.outcome}` as MessageKey)}</span>
                  </td>
                  <td>{checkMeaning(c)}</td>
                  <td>{formatDate(c.checkedAt)}</td>
                </tr>
              ))}
            </ListTable>
            <Pager pager={pager} next={next} label={t('checks.pages')} />
          </>
        )}
      </Show>
    </section>
  );
}
