/** Login: a person's email and password, or an API key (for the engineers who have one at hand). */
import { useState } from 'preact/hooks';
import { logIn, type ApiError } from '../api.js';
import { ErrorText } from '../components/error-text.js';
import { errorText } from '../i18n/explain.js';
import { t } from '../i18n/i18n.js';

export function Login() {
  const [mode, setMode] = useState<'password' | 'key'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '');
    setBusy(true);
    setError(null);
    try {
      await logIn(
        mode === 'key'
          ? { key: field('key').trim() }
          : { email: field('email'), password: field('password') },
      );
    } catch (failure) {
      const { status, retryAfter } = failure as ApiError;
      setError(
        status === 429
          ? t('login.tooMany', { minutes: Math.ceil((retryAfter ?? 60) / 60) })
          : t('login.failed', { detail: errorText(failure, { login: mode }) }),
      );
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit}>
        <fieldset class="tabs">
          <legend class="visually-hidden">{t('login.title')}</legend>
          {(['password', 'key'] as const).map((m) => (
            <label key={m} class={mode === m ? 'selected' : ''}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(m === 'password' ? 'login.withPassword' : 'login.withKey')}
            </label>
          ))}
        </fieldset>
        {mode === 'password' ? (
          <>
            <label>
              {t('login.email')}
              <input name="email" type="email" autoComplete="username" required />
            </label>
            <label>
              {t('login.password')}
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        ) : (
          <label>
            {t('login.key')}
            <input name="key" type="password" autoComplete="off" required aria-describedby="key-hint" />
            <small id="key-hint">{t('login.keyHint')}</small>
          </label>
        )}
        <ErrorText text={error} />
        <button type="submit" class="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
