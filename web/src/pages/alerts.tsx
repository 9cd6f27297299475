/**
 * Alerts and incidents: the rate alerts (guard-core) and the sender incidents (guard-sender), open or
 * closed. An incident opens to its evidence, recipients and repairs; admins resolve it with a note.
 */
import { useState } from 'preact/hooks';
import { api, query, session, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { StateSelect, useStateParam } from '../components/state-select.js';
import { NoteAction } from '../components/change.js';
import { ListTable } from '../components/list-table.js';
import { BlocklistChecks } from './blocklist-checks.js';
import { PAGE_SIZE, Pager, usePager } from '../components/pager.js';
import { formatDate, formatPercent, t } from '../i18n/i18n.js';
import {
  alertWhy,
  incidentWhy,
  repairWhy,
  stepWhat,
  type AlertFigures,
  type IncidentParts,
  type IncidentRules,
  type IncidentStep,
  type RepairParts,
} from '../i18n/explain.js';
import type { MessageKey } from '../i18n/en.js';

export interface Scope {
  kind: 'account' | 'campaign' | 'domain';
  campaign?: string;
  domain?: string;
}

/** An alert: its figures (which the French sentence is made of) and where and when. */
export interface Alert extends AlertFigures {
  id: string;
  scope: Scope;
  openedAt: string;
  closedAt?: string | null;
}

/** An incident: its facts (which the French sentence is made of), steps and evidence. */
export interface Incident extends IncidentParts {
  id: string;
  lastSeen: string;
  actions: IncidentStep[];
}

interface IncidentDetail extends Incident {
  recipients: string[];
  evidence: { text: string; at: string; source: string }[];
  repairs: RepairParts[];
}

const STATES = ['open', 'closed'] as const;

/** "account", "campaign spring-sale", "domain example.org": the scope as one phrase. */
export function scopeText(scope: Scope): string {
  const name = scope.campaign ?? scope.domain;
  return `${t(`scope.${scope.kind}` as MessageKey)}${name === undefined ? '' : ` ${name}`}`;
}

export function Alerts() {
  const state = useStateParam(STATES);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('alerts.title')}</h1>
      <StateSelect path="/alerts" states={STATES} label="alerts.state" prefix="alerts" />
      <AlertList state={state} />
      <IncidentList state={state} />
      <BlocklistChecks />
    </section>
  );
}

function AlertList({ state }: { state: string }) {
  const pager = usePager(state);
  const [loaded, retry] = useLoad(
    () => api.get<Page<Alert>>(`/v1/alerts${query({ state, limit: PAGE_SIZE, cursor: pager.cursor })}`),
    `${state}|${pager.cursor ?? ''}`,
  );
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.alerts')}</h2>
      <Show loaded={loaded} retry={retry}>
        {({ items, next }) => (
          <>
            <ListTable
              columns={[
                { label: t('alerts.scope') },
                { label: t('alerts.metric') },
                { label: t('alerts.rate'), num: true },
                { label: t('alerts.why') },
                { label: t('alerts.opened') },
              ]}
              rows={items.length}
            >
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{scopeText(a.scope)}</th>
                  <td>
                    <span class={`badge level-${a.level}`}>{t(`alerts.${a.level}` as MessageKey)}</span>{' '}
                    {t(`alerts.${a.metric}` as MessageKey)}
                  </td>
                  <td class="num">{formatPercent(a.rate)}</td>
                  <td>{alertWhy(a, scopeText(a.scope))}</td>
                  <td>{formatDate(a.openedAt)}</td>
                </tr>
              ))}
            </ListTable>
            <Pager pager={pager} next={next} label={t('alerts.pages')} />
          </>
        )}
      </Show>
    </section>
  );
}

function IncidentList({ state }: { state: string }) {
  const [round, setRound] = useState(0);
  const pager = usePager(state);
  // The guard settings give the figures of the sentence said in the page's language (quiet hours...).
  const [loaded, retry] = useLoad(
    () =>
      Promise.all([
        api.get<Page<Incident>>(`/v1/incidents${query({ state, limit: PAGE_SIZE, cursor: pager.cursor })}`),
        api.get<IncidentRules>('/v1/settings/guard'),
      ]),
    `${state}|${pager.cursor ?? ''}|${round}`,
  );
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">{t('incidents.title')}</h2>
      <Show loaded={loaded} retry={retry}>
        {([{ items, next }, rules]) => (
          <>
            {items.length === 0 ? <p>{t('common.empty')}</p> : null}
            <ol class="cards" aria-label={t('incidents.title')}>
              {items.map((i) => (
                <li key={i.id}>
                  <IncidentCard incident={i} rules={rules} onResolved={() => setRound((n) => n + 1)} />
                </li>
              ))}
            </ol>
            <Pager pager={pager} next={next} label={t('incidents.pages')} />
          </>
        )}
      </Show>
    </section>
  );
}

function IncidentCard({
  incident,
  rules,
  onResolved,
}: {
  incident: Incident;
  rules: IncidentRules;
  onResolved: () => void;
}) {
  const [open, setOpen] = useState(false);
  const title = t('incidents.heading', {
    sender: incident.sender,
    domain: incident.receivingDomain ?? t('incidents.dnsCheck'),
  });
  return (
    <article class="entry" aria-labelledby={`incident-${incident.id}`}>
      <header>
        <h3 id={`incident-${incident.id}`} class="card-title">
          {title}{' '}
          <span class={`badge incident-${incident.state}`}>
            {t(`incidents.${incident.state}` as MessageKey)}
          </span>
        </h3>
        <small>
          {t('incidents.seen', {
            first: formatDate(incident.firstSeen),
            last: formatDate(incident.lastSeen),
            rejections: incident.rejections,
            recipients: incident.recipientCount,
          })}
          {incident.blocklists.length > 0 ? ` · ${incident.blocklists.join(', ')}` : ''}
        </small>
      </header>
      <p class="why">{incidentWhy(incident, rules)}</p>
      {incident.actions.length === 0 ? null : (
        <>
          <h4>{t('incidents.actions')}</h4>
          <ol class="steps">
            {incident.actions.map((a) => (
              <li key={a.step}>
                {stepWhat(a)}{' '}
                {a.url === null ? null : (
                  <a href={a.url} rel="noreferrer noopener" target="_blank">
                    {a.url.replace(/^mailto:/, '')}
                  </a>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('incidents.evidence')}</summary>
        {open ? <Evidence id={incident.id} /> : null}
      </details>
      {incident.state !== 'closed' && session.value?.role === 'admin' ? (
        <NoteAction
          action={t('incidents.resolve')}
          target={title}
          path={`/v1/incidents/${incident.id}/resolve`}
          onDone={onResolved}
        />
      ) : null}
    </article>
  );
}

function Evidence({ id }: { id: string }) {
  const [loaded, retry] = useLoad(() => api.get<IncidentDetail>(`/v1/incidents/${id}`), id);
  return (
    <Show loaded={loaded} retry={retry}>
      {(detail) => (
        <>
          <ul class="evidence">
            {detail.evidence.map((e, n) => (
              <li key={n}>
                <small>
                  {formatDate(e.at)} · {e.source}
                </small>
                <p class="diagnostic">{e.text}</p>
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('incidents.recipients')}:</strong> {detail.recipients.join(', ')}
          </p>
          {detail.repairs.length === 0 ? null : (
            <ul>
              {detail.repairs.map((r) => (
                <li key={r.address}>{repairWhy(r)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </Show>
  );
}
