/**
 * The API with webhooks configured, on the real service and SQLite :memory:, driven with inject(). The
 * only thing replaced is the HTTPS fetcher (SNS certificates, SubscribeURL): it records what it was asked
 * and never reaches the network.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApi } from '../../../src/api/app.js';
import { parseWebhookSecrets } from '../../../src/capture/webhooks/secrets.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';

export interface WebhookApi {
  app: FastifyInstance;
  accountId: string;
  /** URLs the injected fetcher was asked for, in order. */
  fetched: string[];
  post(
    provider: string,
    payload: string | Buffer,
    headers?: Record<string, string>,
    accountId?: string,
  ): Promise<LightMyRequestResponse>;
  /** The address as GET /v1/addresses/{address} shows it, or undefined on 404. */
  address(
    address: string,
  ): Promise<
    { status: string; reason: string | null; history: { type: string; reason: string | null }[] } | undefined
  >;
  close(): Promise<void>;
}

/** `secrets(accountId)` gives the account's entry of REBOUND_WEBHOOK_SECRETS; `serve` answers the fetcher. */
export async function startWebhookApi(
  secrets: (accountId: string) => Record<string, unknown>,
  serve: (url: URL) => string = () => '',
): Promise<WebhookApi> {
  const store = openSqliteStore(':memory:');
  const service = new StoreReboundService(store);
  const { id: accountId } = await service.createAccount('a');
  const admin = (await service.createApiKey(accountId, 'admin', 'test')).secret;
  const fetched: string[] = [];
  const app = await buildApi({
    service,
    checkStore: async () => undefined,
    webhooks: {
      secrets: parseWebhookSecrets(JSON.stringify({ [accountId]: secrets(accountId) })),
      fetchText: async (url) => {
        fetched.push(url.href);
        return serve(url);
      },
    },
  });
  return {
    app,
    accountId,
    fetched,
    post: (provider, payload, headers = {}, account = accountId) =>
      app.inject({
        method: 'POST',
        url: `/v1/webhooks/${provider}/${account}`,
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      }),
    address: async (address) => {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/addresses/${encodeURIComponent(address)}`,
        headers: { authorization: `Bearer ${admin}` },
      });
      if (res.statusCode === 404) return undefined;
      if (res.statusCode !== 200) throw new Error(`GET address: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    close: async () => {
      await app.close();
      await service.close();
    },
  };
}

/** A problem+json answer with this status and code. */
export function problemCode(res: LightMyRequestResponse): {
  status: number;
  code: string;
  type: string | undefined;
} {
  const type = res.headers['content-type'];
  const body = res.json() as { type: string };
  return {
    status: res.statusCode,
    code: body.type.replace('urn:rebound:problem:', ''),
    type: typeof type === 'string' ? type.split(';')[0] : undefined,
  };
}
