/**
 * Pauses: what holds sends for the account, a campaign or a receiving domain (an admin's or an alert's
 * auto-pause). Admins pause and resume, each with a note for the audit trail.
 */
import { useState } from 'preact/hooks';
import { api, query, session, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { StateSelect, useStateParam } from '../components/state-select.js';
import { field, NoteAction, useChange } from '../components/change.js';
import { ListTable } from '../components/list-table.js';
import { PAGE_SIZE, Pager, usePager } from '../components/pager.js';
import { formatDate, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { pauseWhy, type PauseParts } from '../i18n/explain.js';
import { scopeText, type Scope } from './alerts.js';

/** A pause: who or which alert paused what (the French sentence is made of them). */
interface Pause extends PauseParts {
  id: string;
  scope: Scope;
  state: 'active' | 'resumed';
  createdAt: string;
  resumedAt?: string | null;
}

const STATES = ['active', 'resumed'] as const;
const KINDS = ['account', 'campaign', 'domain'] as const;

export function Pauses() {
  const state = useStateParam(STATES);
  const [round, setRound] = useState(0);
  const reload = () => setRound((n) => n + 1);
  const pager = usePager(state);
  const [loaded, retry] = useLoad(
    () => api.get<Page<Pause>>(`/v1/pauses${query({ state, limit: PAGE_SIZE, cursor: pager.cursor })}`),
    `${state}|${pager.cursor ?? ''}|${round}`,
  );
  const admin = session.value?.role === 'admin';
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('pauses.title')}</h1>
      <p class="hint">{t('pauses.hint')}</p>
      {admin ? <PauseForm onPaused={reload} /> : null}
      <StateSelect path="/pauses" states={STATES} label="alerts.state" prefix="pauses" />
      <Show loaded={loaded} retry={retry}>
        {({ items, next }) => (
          <>
            <ListTable
              caption={t('pauses.caption')}
              columns={[
                { label: t('alerts.scope') },
                { label: t('alerts.why') },
                { label: t('common.created') },
                ...(admin && state === 'active' ? [{ label: t('common.actions') }] : []),
              ]}
              rows={items.length}
            >
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{scopeText(p.scope)}</th>
                  <td>{pauseWhy(p)}</td>
                  <td>{formatDate(p.createdAt)}</td>
                  {admin && p.state === 'active' ? (
                    <td>
                      <NoteAction
                        action={t('pauses.resume')}
                        target={scopeText(p.scope)}
                        path={`/v1/pauses/${p.id}/resume`}
                        onDone={reload}
                        inline
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </ListTable>
            <Pager pager={pager} next={next} />
          </>
        )}
      </Show>
    </section>
  );
}

function PauseForm({ onPaused }: { onPaused: () => void }) {
  const [kind, setKind] = useState<(typeof KINDS)[number]>('campaign');
  const { run, shown } = useChange(onPaused);
  const pause = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = field(form, 'name');
    const scope = kind === 'account' ? { kind } : { kind, [kind]: name };
    void run(async () => {
      await api.post('/v1/pauses', { scope, note: field(form, 'note') });
      form.reset();
    });
  };
  return (
    <form class="admin-action" onSubmit={pause} aria-labelledby="pause-title">
      <h2 id="pause-title">{t('pauses.new')}</h2>
      <label>
        {t('alerts.scope')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`scope.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'account' ? null : (
        <label>
          {t(kind === 'campaign' ? 'pauses.campaign' : 'pauses.domain')}
          <input name="name" required maxLength={kind === 'campaign' ? 200 : 255} />
        </label>
      )}
      <label>
        {t('unblock.note')}
        <textarea name="note" rows={2} maxLength={2000} required />
      </label>
      <button type="submit" class="danger">
        {t('pauses.pause')}
      </button>
      {shown}
    </form>
  );
}
