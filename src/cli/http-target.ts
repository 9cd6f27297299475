/** The service commands against a running server, over its HTTP API (global fetch). */
import type { AddressView, CheckResult, IngestResult, Page, PageRequest } from '../service/types.js';
import type { AddressListFilter, Target } from './target.js';

/** A 4xx/5xx answer, with the problem's title and detail as the message. */
export class HttpTargetError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class HttpTarget implements Target {
  private readonly base: URL;

  constructor(
    server: string,
    private readonly key: string,
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
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...filter, ...page })) {
      if (value !== undefined) query.set(name, String(value));
    }
    return this.request('GET', `/v1/addresses?${query}`);
  }

  ingestBounce(raw: Uint8Array): Promise<IngestResult> {
    return this.request('POST', '/v1/bounces', { type: 'message/rfc822', body: raw });
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
    const url = new URL(path, this.base);
    let response: Response;
    try {
      response = await fetch(url, {
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
    if (response.ok) return (await response.json()) as T;
    throw new HttpTargetError(response.status, await problemMessage(response));
  }
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
