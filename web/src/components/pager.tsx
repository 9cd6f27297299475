/** Cursor pagination for the API's listings: the cursors seen so far make "previous" possible. */
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';

/** Rows a listing asks for at a time: a screenful, well under the API's maximum. */
export const PAGE_SIZE = 50;

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

interface Props {
  pager: ReturnType<typeof usePager>;
  next: string | null;
  /** Names the navigation when a page has more than one listing. */
  label?: string;
}

export function Pager({ pager, next, label = t('common.pagination') }: Props) {
  // One page only: nothing to move to, so no buttons to tab through.
  if (pager.page === 1 && next === null) return null;
  return (
    <nav class="pager" aria-label={label}>
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
