/**
 * Routing on the URL's fragment (#/addresses/a@b.c?status=blocked): the server serves one page, and
 * the browser's back button, bookmarks and reloads work. The route table is in routes.tsx. Paths stay
 * encoded here: a route decodes the segments it captures (addresses may hold '/', '?' or '#').
 */
import { signal } from '@preact/signals';

export interface Location {
  path: string;
  params: URLSearchParams;
}

function parse(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return { path, params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

export const location = signal<Location>(parse(window.location.hash));
window.addEventListener('hashchange', () => {
  location.value = parse(window.location.hash);
});

export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return `#${path}${text === '' ? '' : `?${text}`}`;
}

export function navigate(path: string, params: Record<string, string | undefined> = {}): void {
  window.location.hash = href(path, params);
}
