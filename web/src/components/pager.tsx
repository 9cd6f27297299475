/** Cursor pagination for the API's listings: the cursors seen so far make "previous" possible. */
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';

export function usePager(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  // New filters start again at the first page.
  const cursors = state.key === resetKey ? state.cursors : [];
  return {
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ pager, next }: { pager: ReturnType<typeof usePager>; next: string | null }) {
  return (
    <nav class="pager" aria-label={t('common.pagination')}>
      <button type="button" onClick={pager.previous} disabled={pager.page === 1}>
        ← {t('common.previous')}
      </button>
      <span aria-live="polite">{t('common.page', { n: pager.page })}</span>
      <button type="button" onClick={() => next !== null && pager.next(next)} disabled={next === null}>
        {t('common.next')} →
      </button>
    </nav>
  );
}
