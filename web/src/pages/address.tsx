/** One address: its state and why, the event that decided it, its whole history as a timeline, and
 * the admin's block / unblock with a note for the audit trail. */
import { useState } from 'preact/hooks';
import { api, session } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { RawMail } from '../components/raw-mail.js';
import { ErrorText } from '../components/error-text.js';
import { formatDate, reasonText, t } from '../i18n/i18n.js';
import { addressWhy, changeText, errorText } from '../i18n/explain.js';
import type { MessageKey } from '../i18n/en.js';
import { StateBadge, type AddressView } from './addresses.js';
import { AskUnblock } from './unblock-requests.js';

interface HistoryEntry {
  eventId: string;
  type: string;
  at: string;
  reason: string | null;
  kind: string | null;
  status: string | null;
  diagnosticCode: string | null;
  bounceId: string | null;
  from?: string;
  to?: string;
  explanation?: string;
  actor?: string;
  note?: string;
  spam?: { score: number; threshold: number; over: boolean; rules: { name: string; score: number }[] };
}

interface AddressDetail extends AddressView {
  decidedBy: HistoryEntry | null;
  history: HistoryEntry[];
}

export function AddressPage({ address }: { address: string }) {
  const path = `/v1/addresses/${encodeURIComponent(address)}`;
  const [round, setRound] = useState(0);
  // Kept here: the detail below is reloaded (and remounted) after an action.
  const [notice, setNotice] = useState<string | null>(null);
  const [loaded, retry] = useLoad(() => api.get<AddressDetail>(path), `${address}|${round}`);
  const changed = (text: string) => {
    setNotice(text);
    setRound((n) => n + 1);
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('address.title', { address })}</h1>
      <p role="status" class="ok">
        {notice}
      </p>
      {loaded.state === 'error' && loaded.status === 404 ? (
        <p>{t('address.notFound', { address })}</p>
      ) : (
        <Show loaded={loaded} retry={retry}>
          {(detail) => <Detail detail={detail} path={path} onChange={changed} />}
        </Show>
      )}
    </section>
  );
}

function Detail({
  detail,
  path,
  onChange,
}: {
  detail: AddressDetail;
  path: string;
  onChange: (text: string) => void;
}) {
  const history = [...detail.history].reverse();
  return (
    <>
      <div class="summary">
        <p>
          <StateBadge status={detail.status} /> <strong class="why">{addressWhy(detail)}</strong>
        </p>
        {detail.reason === null ? null : (
          <p>
            <code>{detail.reason}</code> — {reasonText(detail.reason)}
          </p>
        )}
      </div>
      {session.value?.role === 'admin' ? (
        <AdminAction detail={detail} path={path} onDone={onChange} />
      ) : detail.status === 'blocked' ? (
        <AskUnblock address={detail.address} onAsked={onChange} />
      ) : null}
      {detail.decidedBy === null ? null : (
        <section aria-labelledby="decided-title">
          <h2 id="decided-title">{t('address.decidedBy')}</h2>
          <Entry entry={detail.decidedBy} address={detail.address} open />
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('address.history')}</h2>
        <ol class="timeline" reversed>
          {history.map((entry) => (
            <li key={entry.eventId}>
              <Entry entry={entry} address={detail.address} open={false} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function Entry({ entry, address, open }: { entry: HistoryEntry; address: string; open: boolean }) {
  const title =
    entry.type === 'state-changed'
      ? t('history.state-changed', {
          from: t(`state.${entry.from ?? 'active'}` as MessageKey),
          to: t(`state.${entry.to ?? 'active'}` as MessageKey),
        })
      : t(`history.${entry.type}` as MessageKey);
  return (
    <article class={`entry entry-${entry.type}`}>
      <header>
        <time dateTime={entry.at}>{formatDate(entry.at)}</time> <strong>{title}</strong>
        {entry.actor === undefined ? null : <span> {t('address.by', { actor: entry.actor })}</span>}
      </header>
      {entry.explanation === undefined ? null : <p class="change">{changeText(entry)}</p>}
      {entry.note === undefined ? null : <p class="note">“{entry.note}”</p>}
      {entry.reason === null ? null : (
        <p>
          <code>{entry.reason}</code> {entry.status ?? ''} — {reasonText(entry.reason)}
        </p>
      )}
      {entry.diagnosticCode === null ? null : <p class="diagnostic">{entry.diagnosticCode}</p>}
      {entry.spam === undefined ? null : (
        <p class="spam">
          {t(entry.spam.over ? 'address.spamOver' : 'address.spam', {
            score: String(entry.spam.score),
            threshold: String(entry.spam.threshold),
            rules: entry.spam.rules.map((r) => `${r.name} (${r.score})`).join(', ') || '—',
          })}
        </p>
      )}
      {entry.bounceId === null ? null : (
        <details open={open}>
          <summary>{t('address.openBounce')}</summary>
          <RawMail bounceId={entry.bounceId} evidence={[entry.diagnosticCode, entry.status, address]} />
        </details>
      )}
    </article>
  );
}

function AdminAction({
  detail,
  path,
  onDone,
}: {
  detail: AddressDetail;
  path: string;
  onDone: (text: string) => void;
}) {
  const action = detail.status === 'blocked' ? 'unblock' : 'block';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const note = String(new FormData(form).get('note') ?? '').trim();
    if (note === '') return setError(t('address.noteRequired'));
    setBusy(true);
    try {
      const view = await api.post<AddressView>(`${path}/${action}`, { note });
      onDone(t('address.done', { explanation: addressWhy(view) }));
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <form class="admin-action" onSubmit={submit}>
      <label>
        {t('address.note')}
        <textarea name="note" rows={2} maxLength={2000} required />
      </label>
      <button type="submit" class={action === 'block' ? 'danger' : 'primary'} disabled={busy}>
        {t(action === 'block' ? 'address.block' : 'address.unblock')}
      </button>
      <ErrorText text={error} />
    </form>
  );
}
