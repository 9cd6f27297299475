/**
 * The API on a real store (SQLite :memory: or a fresh PostgreSQL schema), driven with inject(): no
 * socket, nothing mocked. Two accounts: A with an admin and a user key, B with an admin key.
 */
import { randomBytes } from 'node:crypto';
import test, { type TestContext } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApi, type ApiDeps, type ApiOptions } from '../../src/api/app.js';
import { AccessService } from '../../src/access/access-service.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import { openPostgresStore } from '../../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

export const PG_URL = process.env.REBOUND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export type StoreKind = 'sqlite' | 'postgres';

export interface Api {
  app: FastifyInstance;
  store: Store;
  keys: { admin: string; user: string; otherAdmin: string };
  request(options: InjectOptions & { key?: string | null }): Promise<LightMyRequestResponse>;
  mail(raw: string | Buffer, key?: string): Promise<LightMyRequestResponse>;
  json(method: 'GET' | 'POST', url: string, body?: unknown, key?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let pgReachable: Promise<boolean> | undefined;

/** Asked once per process: a test run without PostgreSQL skips its half visibly, it does not fail. */
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgReachable;
}

/** A store of the kind with a drop() that removes what the test made. */
export async function openTestStore(
  kind: StoreKind,
  sqliteFile = ':memory:',
): Promise<{ store: Store; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const store = openSqliteStore(sqliteFile);
    return { store, drop: () => store.close() };
  }
  const schema = `rb_api_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 4 });
  return {
    store,
    drop: async () => {
      await store.close();
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Extra dependencies for the app (a feature's own module), built on the test's service and store. */
export type ExtraDeps = (service: StoreReboundService, store: Store) => Partial<ApiDeps>;

export async function startApi(store: Store, extra?: ExtraDeps, options?: ApiOptions): Promise<Api> {
  const service = new StoreReboundService(store);
  const a = await store.createAccount('a');
  const b = await store.createAccount('b');
  const keys = {
    admin: (await service.createApiKey(a.id, 'admin', 'test admin')).secret,
    user: (await service.createApiKey(a.id, 'user', 'test user')).secret,
    otherAdmin: (await service.createApiKey(b.id, 'admin', 'other admin')).secret,
  };
  const app = await buildApi(
    {
      service,
      checkStore: async () => void (await store.firstAccount()),
      ...extra?.(service, store),
      access: new AccessService(store),
    },
    options,
  );
  const request: Api['request'] = ({ key, ...options }) => {
    const secret = key === undefined ? keys.admin : key;
    const headers = { ...options.headers, ...(secret === null ? {} : { authorization: `Bearer ${secret}` }) };
    return app.inject({ ...options, headers });
  };
  return {
    app,
    store,
    keys,
    request,
    mail: (raw, key) =>
      request({
        method: 'POST',
        url: '/v1/bounces',
        headers: { 'content-type': 'message/rfc822' },
        payload: raw,
        key,
      }),
    json: (method, url, body, key) =>
      request({ method, url, key, ...(body === undefined ? {} : { payload: body as object }) }),
    close: () => app.close(),
  };
}

/** Registers the test once per store kind; the PostgreSQL one skips with the reason when there is no server. */
export function onEachStore(
  name: string,
  body: (t: TestContext, api: Api) => Promise<void>,
  extra?: ExtraDeps,
): void {
  onEachStoreWith(name, (store) => startApi(store, extra), body);
}

/** The same with another API built on the store (the guard tests add the sender guard). */
export function onEachStoreWith<A extends { close(): Promise<void> }>(
  name: string,
  start: (store: Store) => Promise<A>,
  body: (t: TestContext, api: A) => Promise<void>,
): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    test(`${name} [${kind}]`, async (t) => {
      if (kind === 'postgres' && !(await postgresReachable())) {
        t.skip(`PostgreSQL not reachable at ${PG_URL}: set REBOUND_TEST_PG=postgres://...`);
        return;
      }
      const { store, drop } = await openTestStore(kind);
      const api = await start(store);
      try {
        await body(t, api);
      } finally {
        await api.close();
        await drop();
      }
    });
  }
}
