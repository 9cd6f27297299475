/**
 * Unblock requests (issue 5's API, CONTRACT.md): everyone sees the queue; admins approve or deny with a
 * note, and give the recipient's consent when a complaint blocked the address. The automatic checks made
 * when the request was filed are shown beside it.
 */
import { useState } from 'preact/hooks';
import { api, query, session, type Page } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { StateSelect, useStateParam } from '../components/state-select.js';
import { PAGE_SIZE, Pager, usePager } from '../components/pager.js';
import { ErrorText } from '../components/error-text.js';
import { formatDate, t } from '../i18n/i18n.js';
import {
  domainCheckText,
  errorText,
  probeNotRunText,
  requestWhy,
  type DomainCheck,
} from '../i18n/explain.js';
import type { MessageKey } from '../i18n/en.js';
import { href } from '../router.js';

export interface UnblockRequest {
  id: string;
  address: string;
  reason: string;
  state: 'pending' | 'approved' | 'denied';
  requestedBy: string;
  createdAt: string;
  checks: {
    domain?: DomainCheck;
    block?: {
      reason?: string | null;
      ageDays?: number | null;
      complaint?: boolean;
      diagnosticCode?: string | null;
      unblocks?: number;
      maxUnblocks?: number;
    };
    /** `why` says why it did not run (the probe is off, the domain takes no mail...), whyCode the same. */
    probe?: {
      ran?: boolean;
      outcome?: string;
      reply?: string;
      why?: string;
      whyCode?: 'probe-off' | 'no-host';
    };
  };
  decision: { state: 'approved' | 'denied'; at: string; by: string; note: string; automatic: boolean } | null;
  explanation: string;
}

const STATES = ['pending', 'approved', 'denied'] as const;

export function UnblockRequests() {
  const state = useStateParam(STATES);
  const pager = usePager(state);
  const [round, setRound] = useState(0);
  const [loaded, retry] = useLoad(
    () =>
      api.get<Page<UnblockRequest>>(
        `/v1/unblock-requests${query({ state, limit: PAGE_SIZE, cursor: pager.cursor })}`,
      ),
    `${state}|${pager.cursor ?? ''}|${round}`,
  );
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('unblock.title')}</h1>
      <StateSelect path="/unblock-requests" states={STATES} label="unblock.state" prefix="unblock" />
      <Show loaded={loaded} retry={retry}>
        {(page) => (
          <>
            {page.items.length === 0 ? <p>{t('common.empty')}</p> : null}
            <ol class="cards" aria-label={t('unblock.caption')}>
              {page.items.map((r) => (
                <li key={r.id}>
                  <RequestCard request={r} onDecided={() => setRound((n) => n + 1)} />
                </li>
              ))}
            </ol>
            <Pager pager={pager} next={page.next} />
          </>
        )}
      </Show>
    </section>
  );
}

function RequestCard({ request, onDecided }: { request: UnblockRequest; onDecided: () => void }) {
  const { domain, block, probe } = request.checks;
  return (
    <article class="entry" aria-labelledby={`req-${request.id}`}>
      <header>
        <h2 id={`req-${request.id}`} class="card-title">
          <a href={href(`/addresses/${encodeURIComponent(request.address)}`)}>{request.address}</a>{' '}
          <span class={`badge unblock-${request.state}`}>{t(`unblock.${request.state}` as MessageKey)}</span>
        </h2>
        <small>
          {t('unblock.requested')} {formatDate(request.createdAt)}{' '}
          {t('unblock.requestedBy', { actor: request.requestedBy })}
        </small>
      </header>
      <p class="why">{requestWhy(request)}</p>
      <p>
        <strong>{t('unblock.why')}:</strong> “{request.reason}”
      </p>
      <h3>{t('unblock.checks')}</h3>
      <ul>
        {domain?.status === undefined ? null : (
          <li>
            {t('unblock.domainCheck', { status: domain.status })} {domainCheckText(domain)}
          </li>
        )}
        {block?.reason === undefined || block.reason === null ? null : (
          <li>{t('unblock.blockCheck', { reason: block.reason, days: block.ageDays ?? '?' })}</li>
        )}
        {probe === undefined ? null : (
          <li>
            {probe.ran === true
              ? `${t('unblock.probeCheck', { outcome: probe.outcome ?? '' })} ${probe.reply ?? ''}`
              : `${t('unblock.probeCheck', { outcome: t('unblock.notRun') })} ${probeNotRunText(probe.whyCode, probe.why ?? '')}`}
          </li>
        )}
      </ul>
      {request.decision === null ? null : (
        <p>
          <strong>{t('unblock.decision')}:</strong> {t(`unblock.${request.decision.state}` as MessageKey)},{' '}
          {formatDate(request.decision.at)} {t('unblock.requestedBy', { actor: request.decision.by })} — “
          {request.decision.note}”
        </p>
      )}
      {request.state === 'pending' && session.value?.role === 'admin' ? (
        <Decide request={request} onDecided={onDecided} />
      ) : null}
    </article>
  );
}

function Decide({ request, onDecided }: { request: UnblockRequest; onDecided: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const complaint = request.checks.block?.complaint === true;
  const decide = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const submitter = (event.submitter as HTMLButtonElement | null)?.value === 'deny' ? 'deny' : 'approve';
    const data = new FormData(form);
    const note = String(data.get('note') ?? '').trim();
    const consent = String(data.get('consent') ?? '').trim();
    const body = submitter === 'approve' && consent !== '' ? { note, consent } : { note };
    try {
      await api.post(`/v1/unblock-requests/${encodeURIComponent(request.id)}/${submitter}`, body);
      onDecided();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <form class="admin-action" onSubmit={decide}>
      <label>
        {t('unblock.note')}
        <textarea name="note" rows={2} maxLength={2000} required />
      </label>
      {complaint ? (
        <label>
          {t('unblock.consent')}
          <input name="consent" maxLength={2000} aria-describedby={`consent-${request.id}`} />
          <small id={`consent-${request.id}`}>{t('unblock.complaint')}</small>
        </label>
      ) : null}
      <button type="submit" name="decision" value="approve" class="primary">
        {t('unblock.approve')} <span class="visually-hidden">{request.address}</span>
      </button>
      <button type="submit" name="decision" value="deny" class="danger">
        {t('unblock.deny')} <span class="visually-hidden">{request.address}</span>
      </button>
      <ErrorText text={error} />
    </form>
  );
}

/** On an address page, for those who may not unblock: ask for it. */
export function AskUnblock({ address, onAsked }: { address: string; onAsked: (text: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const ask = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    try {
      const made = await api.post<UnblockRequest>('/v1/unblock-requests', { address, reason });
      onAsked(t('unblock.asked', { explanation: requestWhy(made) }));
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <form class="admin-action" onSubmit={ask} aria-label={t('unblock.ask')}>
      <label>
        {t('unblock.askReason')}
        <textarea name="reason" rows={2} maxLength={2000} required />
      </label>
      <button type="submit" class="primary">
        {t('unblock.ask')}
      </button>
      <ErrorText text={error} />
    </form>
  );
}
