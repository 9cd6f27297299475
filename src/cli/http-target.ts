/** The service commands against a running server, over its HTTP API (global fetch). */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressView, CheckResult, IngestResult, Page, PageRequest } from '../service/types.js';
import type { UnblockRequestView } from '../guard/unblock/types.js';
import type { AddressListFilter, Target, UnblockAction, UnblockListFilter, UnblockTarget } from './target.js';

/** A 4xx/5xx answer, with the problem's title and detail as the message. */
export class HttpTargetError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A server whose database is restarting or failing over answers 503 with Retry-After: the request is
 * sent again after the wait it asks for (at most MAX_WAIT_S each time), up to RETRIES times, so that an
 * import over HTTP rides out a failover. Sending again is safe: the same mail counts once. A 503 without
 * Retry-After (a feature switched off) is an answer, not a wait.
 */
export const RETRIES = 6;
const MAX_WAIT_S = 30;

export interface HttpTargetOptions {
  /** Waits between attempts (tests shorten it); default: a timer. */
  wait?: (ms: number) => Promise<void>;
  /** Told of each wait (the CLI writes a line on stderr). */
  onRetry?: (message: string) => void;
}

export class HttpTarget implements Target, UnblockTarget {
  private readonly base: URL;

  constructor(
    server: string,
    private readonly key: string,
    private readonly options: HttpTargetOptions = {},
  ) {
    try {
      this.base = new URL(server);
    } catch {
      throw new HttpTargetError(0, `--server '${server}' is not a URL (example: http://127.0.0.1:8025)`);
    }
  }

  get description(): string {
    return this.base.origin;
  }

  async check(addresses: string[]): Promise<CheckResult[]> {
    const body = await this.request<{ results: CheckResult[] }>('POST', '/v1/check', {
      type: 'application/json',
      body: JSON.stringify({ recipients: addresses }),
    });
    return body.results;
  }

  listAddresses(filter: AddressListFilter, page: PageRequest): Promise<Page<AddressView>> {
    return this.request('GET', `/v1/addresses?${queryOf({ ...filter, ...page })}`);
  }

  ingestBounce(raw: Uint8Array): Promise<IngestResult> {
    return this.request('POST', '/v1/bounces', { type: 'message/rfc822', body: raw });
  }

  requestUnblock(address: string, reason: string): Promise<UnblockRequestView> {
    return this.request('POST', '/v1/unblock-requests', jsonBody({ address, reason }));
  }

  listUnblockRequests(filter: UnblockListFilter, page: PageRequest): Promise<Page<UnblockRequestView>> {
    return this.request('GET', `/v1/unblock-requests?${queryOf({ ...filter, ...page })}`);
  }

  decideUnblockRequest(
    id: string,
    action: UnblockAction,
    input: { note: string; consent?: string | undefined },
  ): Promise<UnblockRequestView> {
    return this.request('POST', `/v1/unblock-requests/${encodeURIComponent(id)}/${action}`, jsonBody(input));
  }

  /** fetch keeps no connection of ours open: nothing to release. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** One call to the API; the guard commands (guard-target.ts) use it too. */
  async request<T>(
    method: string,
    path: string,
    content?: { type: string; body: string | Uint8Array },
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.send(method, path, content);
      const waitS = Number(response.headers.get('retry-after'));
      if (response.status === 503 && waitS > 0 && attempt <= RETRIES) {
        const why = await problemMessage(response);
        const seconds = Math.min(waitS, MAX_WAIT_S);
        this.options.onRetry?.(
          `${this.base.origin} answered 503 (${why}); trying again in ${seconds} s (${attempt} of ${RETRIES})`,
        );
        await (this.options.wait ?? sleep)(seconds * 1000);
        continue;
      }
      // 204 No Content (a deletion) has no body to read.
      if (response.status === 204) return undefined as T;
      if (response.ok) return (await response.json()) as T;
      throw new HttpTargetError(response.status, await problemMessage(response));
    }
  }

  private async send(
    method: string,
    path: string,
    content?: { type: string; body: string | Uint8Array },
  ): Promise<Response> {
    const url = new URL(path, this.base);
    try {
      return await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          ...(content === undefined ? {} : { 'content-type': content.type }),
        },
        ...(content === undefined ? {} : { body: content.body }),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new HttpTargetError(0, `cannot reach ${this.base.origin}: ${cause}`);
    }
  }
}

function queryOf(values: Record<string, string | number | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) query.set(name, String(value));
  return query;
}

function jsonBody(value: unknown): { type: string; body: string } {
  return { type: 'application/json', body: JSON.stringify(value) };
}

async function problemMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return [problem.title, problem.detail].filter(Boolean).join(': ') || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status} ${response.statusText}`;
  }
}

/** The commands' target: each wait for a server that asked to be retried is a line on stderr. */
export function cliHttpTarget(server: string, key: string): HttpTarget {
  return new HttpTarget(server, key, { onRetry: (message) => process.stderr.write(`rebound: ${message}\n`) });
}
