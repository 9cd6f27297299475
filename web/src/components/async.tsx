/** Loading a resource for a page: the state of one request, re-run when its key changes or on retry. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText } from '../i18n/explain.js';
import { t } from '../i18n/i18n.js';

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; message: string; status?: number } | { state: 'ready'; value: T };

export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => current && setResult({ state: 'ready', value }),
      (error: Error & { status?: number }) =>
        current && setResult({ state: 'error', message: errorText(error), status: error.status }),
    );
    return () => {
      current = false;
    };
    // The key says when to load again; `load` is a new closure on every render.
  }, [key, round]);
  const retry = useCallback(() => setRound((n) => n + 1), []);
  return [result, retry];
}

export function Show<T>({
  loaded,
  retry,
  children,
}: {
  loaded: Loaded<T>;
  retry: () => void;
  children: (value: T) => ComponentChildren;
}) {
  if (loaded.state === 'loading') return <p aria-busy="true">{t('common.loading')}</p>;
  if (loaded.state === 'error') {
    return (
      <div role="alert" class="error">
        <p>{t('common.error', { detail: loaded.message })}</p>
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <>{children(loaded.value)}</>;
}
