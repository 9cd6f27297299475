/**
 * The guard's settings areas (/v1/settings/{policy,alerts,guard,sending}) and the outbound webhook
 * subscriptions with their delivery log. Everyone reads; admins change. Each area's form is drawn from
 * what the API returns, each field labelled in words (i18n/settings-fields.ts), and a save sends only the
 * fields that changed, so the server's own validation decides and its refusal is shown as it says.
 */
import { useState } from 'preact/hooks';
import { GUARD_EVENT_TYPES } from '../../../src/guard/notifications.js';
import { api, session } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { field, useChange } from '../components/change.js';
import { ListTable } from '../components/list-table.js';
import { formatDate, language, t } from '../i18n/i18n.js';
import { SETTINGS_FIELDS } from '../i18n/settings-fields.js';
import type { MessageKey } from '../i18n/en.js';

const AREAS = ['policy', 'alerts', 'guard', 'sending'] as const;
type Value = number | string | boolean | null | string[] | Record<string, unknown>;
type Values = Record<string, Value>;

export function GuardSettings() {
  const admin = session.value?.role === 'admin';
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('rules.title')}</h1>
      <p class="hint">{t(admin ? 'rules.hint' : 'rules.readOnly')}</p>
      {AREAS.map((area) => (
        <Area key={area} area={area} admin={admin} />
      ))}
      {admin ? <Subscriptions /> : null}
    </section>
  );
}

function Area({ area, admin }: { area: (typeof AREAS)[number]; admin: boolean }) {
  const [round, setRound] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [loaded, retry] = useLoad(() => api.get<Values>(`/v1/settings/${area}`), String(round));
  const { run, shown } = useChange(() => setRound((n) => n + 1));
  const save = (current: Values) => (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const changed: Values = {};
    for (const [name, before] of Object.entries(current)) {
      const after = read(form, name, before);
      if (JSON.stringify(after) !== JSON.stringify(before)) changed[name] = after;
    }
    setSaved(null);
    if (Object.keys(changed).length === 0) {
      setSaved(t('rules.unchanged'));
      return;
    }
    void run(async () => {
      await api.put(`/v1/settings/${area}`, changed);
      const names = Object.keys(changed).map((name) => fieldWords(area, name)?.label ?? name);
      setSaved(t('rules.saved', { fields: names.join(', ') }));
    });
  };
  const id = `area-${area}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(`rules.${area}` as MessageKey)}</h2>
      <Show loaded={loaded} retry={retry}>
        {(values) => (
          <form class="settings-form" onSubmit={save(values)} aria-labelledby={id}>
            <fieldset disabled={!admin}>
              {Object.entries(values).map(([name, value]) => (
                <Field key={`${round}-${name}`} area={area} name={name} value={value} />
              ))}
            </fieldset>
            {admin ? (
              <button type="submit" class="primary">
                {t('rules.save')} <span class="visually-hidden">{t(`rules.${area}` as MessageKey)}</span>
              </button>
            ) : null}
            <p role="status" class="ok">
              {saved ?? ''}
            </p>
            {shown}
          </form>
        )}
      </Show>
    </section>
  );
}

/** One field, its input chosen by the value's type: a list is one item a line, an object is JSON. Its
 * label and help are in the page's language; the API name stays beside them, as docs/ use it. */
function Field({ area, name, value }: { area: string; name: string; value: Value }) {
  const id = `${area}-${name}`;
  const words = fieldWords(area, name);
  const list = Array.isArray(value);
  const json = !list && value !== null && typeof value === 'object';
  const format = list
    ? t('rules.oneALine')
    : json
      ? t('rules.json')
      : value === null && words === undefined
        ? t('rules.emptyIsOff')
        : '';
  const label = <label for={id}>{words?.label ?? name}</label>;
  const help = (
    <small id={`${id}-hint`}>
      {[words?.help, format].filter((part) => part !== undefined && part !== '').join(' ')}{' '}
      <code>{name}</code>
    </small>
  );
  const described = `${id}-hint`;
  if (typeof value === 'boolean') {
    return (
      <div class="field check">
        <input id={id} name={name} type="checkbox" defaultChecked={value} aria-describedby={described} />
        {label}
        {help}
      </div>
    );
  }
  if (list || json) {
    return (
      <div class="field">
        {label}
        <textarea
          id={id}
          name={name}
          rows={3}
          aria-describedby={described}
          defaultValue={list ? value.join('\n') : JSON.stringify(value, null, 2)}
        />
        {help}
      </div>
    );
  }
  return (
    <div class="field">
      {label}
      <input
        id={id}
        name={name}
        {...(typeof value === 'string'
          ? { defaultValue: value }
          : { type: 'number', step: 'any', defaultValue: value === null ? '' : String(value) })}
        aria-describedby={described}
      />
      {help}
    </div>
  );
}

function fieldWords(area: string, name: string) {
  return SETTINGS_FIELDS[area]?.[name]?.[language.value];
}

/** The form's value for a field, in the type it had; unreadable JSON is sent as text for the API to refuse. */
function read(form: HTMLFormElement, name: string, before: Value): Value {
  const input = form.elements.namedItem(name) as HTMLInputElement;
  if (typeof before === 'boolean') return input.checked;
  const text = input.value.trim();
  if (Array.isArray(before))
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  if (before !== null && typeof before === 'object') {
    try {
      return JSON.parse(text) as Value;
    } catch {
      return text;
    }
  }
  if (typeof before === 'string') return text;
  return text === '' ? null : Number(text);
}

interface Subscription {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  createdAt: string;
  secret?: string;
}

function Subscriptions() {
  const [round, setRound] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const [loaded, retry] = useLoad(
    () => api.get<{ items: Subscription[] }>('/v1/webhook-subscriptions'),
    String(round),
  );
  const { run, shown } = useChange(() => setRound((n) => n + 1));
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const eventTypes = new FormData(form).getAll('eventTypes').map(String);
    void run(async () => {
      const made = await api.post<Subscription>('/v1/webhook-subscriptions', {
        url: field(form, 'url'),
        description: field(form, 'description'),
        eventTypes,
      });
      setSecret(made.secret ?? null);
      form.reset();
    });
  };
  return (
    <section aria-labelledby="hooks-title">
      <h2 id="hooks-title">{t('hooks.title')}</h2>
      <p class="hint">{t('hooks.hint')}</p>
      <form class="admin-action" onSubmit={create} aria-label={t('hooks.new')}>
        <label>
          URL
          <input name="url" type="url" required minLength={8} maxLength={2000} />
        </label>
        <label>
          {t('hooks.description')}
          <input name="description" maxLength={500} />
        </label>
        <fieldset class="checks">
          <legend>{t('hooks.events')}</legend>
          {GUARD_EVENT_TYPES.map((type) => (
            <label key={type} class="check">
              <input type="checkbox" name="eventTypes" value={type} /> <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          {t('common.create')}
        </button>
      </form>
      {shown}
      {secret === null ? null : (
        <p role="status" class="ok">
          {t('hooks.secret')} <code class="secret">{secret}</code>
        </p>
      )}
      <Show loaded={loaded} retry={retry}>
        {({ items }) => (
          <ListTable
            columns={[
              { label: 'URL' },
              { label: t('hooks.eventsColumn') },
              { label: t('common.created') },
              { label: t('common.actions') },
            ]}
            rows={items.length}
          >
            {items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.url}
                  {s.description === '' ? null : <small class="hint"> {s.description}</small>}
                  <Deliveries subscription={s} />
                </th>
                <td>{s.eventTypes.length === 0 ? t('hooks.all') : s.eventTypes.join(', ')}</td>
                <td>{formatDate(s.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => void run(() => api.delete(`/v1/webhook-subscriptions/${s.id}`))}
                  >
                    {t('common.delete')} <span class="visually-hidden">{s.url}</span>
                  </button>
                </td>
              </tr>
            ))}
          </ListTable>
        )}
      </Show>
    </section>
  );
}

interface Delivery {
  id: string;
  eventType: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt?: string | null;
  responseCode?: number | null;
  error?: string | null;
  updatedAt?: string;
}

function Deliveries({ subscription }: { subscription: Subscription }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('hooks.deliveries')} <span class="visually-hidden">{subscription.url}</span>
      </summary>
      {open ? <DeliveryLog id={subscription.id} /> : null}
    </details>
  );
}

function DeliveryLog({ id }: { id: string }) {
  const [loaded, retry] = useLoad(
    () => api.get<{ items: Delivery[] }>(`/v1/webhook-subscriptions/${id}/deliveries?limit=50`),
    id,
  );
  return (
    <Show loaded={loaded} retry={retry}>
      {({ items }) =>
        items.length === 0 ? (
          <p>{t('common.empty')}</p>
        ) : (
          <ul class="deliveries">
            {items.map((d) => (
              <li key={d.id}>
                <code>{d.eventType}</code>: {t(`hooks.${d.state}` as MessageKey)},{' '}
                {t('hooks.attempts', { n: d.attempts })}
                {d.responseCode === null || d.responseCode === undefined ? '' : ` · HTTP ${d.responseCode}`}
                {d.error === null || d.error === undefined ? '' : ` · ${d.error}`}
                {d.nextAttemptAt === null || d.nextAttemptAt === undefined
                  ? ''
                  : ` · ${t('hooks.next', { at: formatDate(d.nextAttemptAt) })}`}
              </li>
            ))}
          </ul>
        )
      }
    </Show>
  );
}
