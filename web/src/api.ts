/**
 * The dashboard's one way to the API: same origin, the session cookie sent by the browser, the CSRF
 * token added to every change, problem+json turned into an ApiError whose message is the detail.
 */
import { signal } from '@preact/signals';

export interface Session {
  accountId: string;
  role: 'admin' | 'user';
  name: string;
  via: 'password' | 'key';
  expiresAt: string;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Problem types of Rebound's own errors end in their code (src/errors.ts, src/api/problems.ts). */
const PROBLEM_TYPE_PREFIX = 'urn:rebound:problem:';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's detail: the server's English. */
    message: string,
    /** Seconds to wait, from a 429's Retry-After. */
    readonly retryAfter?: number,
    /** The error's code, from the problem's type; undefined for a problem of another kind. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** undefined while we do not know yet, null when logged out. */
export const session = signal<Session | null | undefined>(undefined);

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = session.value?.csrfToken;
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/v1/session') session.value = null;
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      type?: string;
      detail?: string;
      title?: string;
    };
    const wait = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new ApiError(
      response.status,
      problem.detail ?? problem.title ?? response.statusText,
      Number.isFinite(wait) ? wait : undefined,
      problem.type?.startsWith(PROBLEM_TYPE_PREFIX)
        ? problem.type.slice(PROBLEM_TYPE_PREFIX.length)
        : undefined,
    );
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A query string from the filled-in values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export async function loadSession(): Promise<void> {
  try {
    session.value = await api.get<Session>('/v1/session');
  } catch {
    session.value = null;
  }
}

export async function logIn(
  credentials: { email: string; password: string } | { key: string },
): Promise<void> {
  session.value = await request<Session>('POST', '/v1/session', credentials);
}

export async function logOut(): Promise<void> {
  await request('DELETE', '/v1/session');
  session.value = null;
}
