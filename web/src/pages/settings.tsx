/** Settings: the account's API keys and people (admins), and the dashboard's language (everyone). */
import { useState } from 'preact/hooks';
import { api, session } from '../api.js';
import { Show, useLoad } from '../components/async.js';
import { ListTable } from '../components/list-table.js';
import { useChange } from '../components/change.js';
import { LanguageSelect } from '../components/language-select.js';
import { formatDate, t } from '../i18n/i18n.js';

interface KeyView {
  id: string;
  name: string;
  role: 'admin' | 'user';
  createdAt: string;
  revokedAt: string | null;
}

interface UserView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  createdAt: string;
}

export function Settings() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('settings.title')}</h1>
      <LanguageSelect label={t('settings.language')} />
      {session.value?.role === 'admin' ? (
        <>
          <Keys />
          <People />
        </>
      ) : (
        <p>{t('settings.adminOnly')}</p>
      )}
    </section>
  );
}

function RoleSelect() {
  return (
    <label>
      {t('common.role')}
      <select name="role" defaultValue="user">
        <option value="user">{t('role.user')}</option>
        <option value="admin">{t('role.admin')}</option>
      </select>
    </label>
  );
}

function Keys() {
  const [round, setRound] = useState(0);
  const [loaded, retry] = useLoad(() => api.get<{ items: KeyView[] }>('/v1/keys'), String(round));
  const [secret, setSecret] = useState<string | null>(null);
  const { run, shown } = useChange(() => setRound((n) => n + 1));
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    void run(async () => {
      const made = await api.post<KeyView & { secret: string }>('/v1/keys', {
        name: data.get('name'),
        role: data.get('role'),
      });
      setSecret(made.secret);
      form.reset();
    });
  };
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">{t('settings.keys')}</h2>
      <p class="hint">{t('settings.keysHint')}</p>
      {shown}
      {secret === null ? null : (
        <p role="status" class="ok">
          {t('settings.keyCreated')} <code class="secret">{secret}</code>
        </p>
      )}
      <Show loaded={loaded} retry={retry}>
        {({ items }) => (
          <ListTable
            columns={[
              { label: t('common.name') },
              { label: t('common.role') },
              { label: t('common.created') },
              { label: t('common.actions') },
            ]}
            rows={items.length}
          >
            {items.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td>{t(`role.${k.role}`)}</td>
                <td>{formatDate(k.createdAt)}</td>
                <td>
                  {k.revokedAt !== null ? (
                    t('settings.revoked', { date: formatDate(k.revokedAt) })
                  ) : (
                    <button
                      type="button"
                      class="danger"
                      onClick={() => void run(() => api.delete(`/v1/keys/${k.id}`))}
                    >
                      {t('settings.revoke')} <span class="visually-hidden">{k.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
        )}
      </Show>
      <form class="filters" onSubmit={create} aria-labelledby="new-key-title">
        <h3 id="new-key-title">{t('settings.newKey')}</h3>
        <label>
          {t('common.name')}
          <input name="name" required maxLength={200} />
        </label>
        <RoleSelect />
        <div class="filter-actions">
          <button type="submit">{t('common.create')}</button>
        </div>
      </form>
    </section>
  );
}

function People() {
  const [round, setRound] = useState(0);
  const [loaded, retry] = useLoad(() => api.get<{ items: UserView[] }>('/v1/users'), String(round));
  const { run, shown } = useChange(() => setRound((n) => n + 1));
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form));
    void run(async () => {
      await api.post('/v1/users', data);
      form.reset();
    });
  };
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users')}</h2>
      <p class="hint">{t('settings.usersHint')}</p>
      {shown}
      <Show loaded={loaded} retry={retry}>
        {({ items }) => (
          <ListTable
            columns={[
              { label: t('settings.email') },
              { label: t('common.name') },
              { label: t('common.role') },
              { label: t('common.actions') },
            ]}
            rows={items.length}
          >
            {items.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email}</th>
                <td>{u.name}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => void run(() => api.delete(`/v1/users/${u.id}`))}
                  >
                    {t('common.delete')} <span class="visually-hidden">{u.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </ListTable>
        )}
      </Show>
      <form class="filters" onSubmit={create} aria-labelledby="new-user-title">
        <h3 id="new-user-title">{t('settings.newUser')}</h3>
        <label>
          {t('settings.email')}
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label>
          {t('common.name')}
          <input name="name" required maxLength={200} />
        </label>
        <RoleSelect />
        <label>
          {t('settings.password')}
          <input name="password" type="password" required minLength={12} autoComplete="new-password" />
        </label>
        <div class="filter-actions">
          <button type="submit">{t('common.create')}</button>
        </div>
      </form>
    </section>
  );
}
