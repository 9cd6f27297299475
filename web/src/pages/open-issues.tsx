/** The overview's "what needs attention": the newest open rate alerts and sender incidents, with a link to
 * the page that has them all. */
import { api, query, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { formatPercent, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { href } from '../router.js';
import { scopeText, type Alert, type Incident } from './alerts.js';

/** Enough to see at a glance; the alerts page pages through the rest. */
const SHOWN = 5;

async function loadOpen() {
  const [alerts, incidents] = await Promise.all([
    api.get<Page<Alert>>(`/v1/alerts${query({ state: 'open', limit: SHOWN })}`),
    api.get<Page<Incident>>(`/v1/incidents${query({ state: 'open', limit: SHOWN })}`),
  ]);
  return { alerts, incidents };
}

export function OpenIssues() {
  const [loaded, retry] = useLoad(loadOpen, 'open');
  return (
    <section aria-labelledby="open-title" class="open-issues">
      <h2 id="open-title">{t('overview.open')}</h2>
      <Show loaded={loaded} retry={retry}>
        {({ alerts, incidents }) =>
          alerts.items.length === 0 && incidents.items.length === 0 ? (
            <p>{t('overview.nothingOpen')}</p>
          ) : (
            <>
              <ul>
                {alerts.items.map((a) => (
                  <li key={a.id}>
                    <span class={`badge level-${a.level}`}>{t(`alerts.${a.level}` as MessageKey)}</span>{' '}
                    {t('overview.openAlert', {
                      metric: t(`alerts.${a.metric}` as MessageKey),
                      scope: scopeText(a.scope),
                      rate: formatPercent(a.rate),
                    })}
                  </li>
                ))}
                {incidents.items.map((i) => (
                  <li key={i.id}>
                    <span class="badge incident-open">{t('overview.incident')}</span>{' '}
                    {t('incidents.heading', {
                      sender: i.sender,
                      domain: i.receivingDomain ?? t('incidents.dnsCheck'),
                    })}
                  </li>
                ))}
              </ul>
              <p>
                <a href={href('/alerts')}>
                  {alerts.next !== null || incidents.next !== null
                    ? t('overview.openMore')
                    : t('overview.openAll')}
                </a>
              </p>
            </>
          )
        }
      </Show>
    </section>
  );
}
