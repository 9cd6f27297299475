/** The dashboard's login: people and keys managed by admins, the session cookie, CSRF, logout. */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { LOGIN_LIMITS } from '../../src/access/login-limiter.js';
import { HARD, dsn } from '../support/http-mails.js';
import { onEachStore, onEachStoreWith, startApi, type Api } from './harness.js';

const PASSWORD = 'correct horse battery';

function cookieOf(response: LightMyRequestResponse): string {
  const setCookie = String(response.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  return setCookie.split(';')[0] ?? '';
}

async function addUser(api: Api, role: 'admin' | 'user', email = `${role}@crm.example`): Promise<string> {
  const made = await api.json('POST', '/v1/users', { email, name: role, role, password: PASSWORD });
  assert.equal(made.statusCode, 201, made.body);
  return made.json().id;
}

async function login(api: Api, body: object): Promise<{ cookie: string; csrf: string }> {
  const response = await api.request({ method: 'POST', url: '/v1/session', key: null, payload: body });
  assert.equal(response.statusCode, 201, response.body);
  return { cookie: cookieOf(response), csrf: response.json().csrfToken };
}

onEachStore('a person logs in with email and password and reads with the cookie alone', async (_t, api) => {
  await addUser(api, 'user');
  const { cookie } = await login(api, { email: ' USER@crm.example', password: PASSWORD });
  const me = await api.request({ method: 'GET', url: '/v1/session', key: null, headers: { cookie } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().name, 'user@crm.example');
  assert.equal(me.json().role, 'user');
  assert.equal(me.json().via, 'password');
  const list = await api.request({ method: 'GET', url: '/v1/addresses', key: null, headers: { cookie } });
  assert.equal(list.statusCode, 200);
  const keys = await api.request({ method: 'GET', url: '/v1/keys', key: null, headers: { cookie } });
  assert.equal(keys.statusCode, 403, 'a user is no admin');
});

onEachStore('a wrong password, an unknown email and a bad key are the same 401', async (_t, api) => {
  await addUser(api, 'user');
  for (const body of [
    { email: 'user@crm.example', password: 'not the password' },
    { email: 'nobody@crm.example', password: PASSWORD },
    { key: 'rb_unknown' },
  ]) {
    const response = await api.request({ method: 'POST', url: '/v1/session', key: null, payload: body });
    assert.equal(response.statusCode, 401);
    assert.equal(response.headers['set-cookie'], undefined);
  }
  const both = await api.request({
    method: 'POST',
    url: '/v1/session',
    key: null,
    payload: { email: 'user@crm.example', password: PASSWORD, key: api.keys.admin },
  });
  assert.equal(both.statusCode, 400, 'one way to log in at a time');
});

onEachStore('with the cookie, a change needs the CSRF token and this origin', async (_t, api) => {
  await api.mail(dsn({ recipient: 'gone@example.com', ...HARD, id: 'g1' }));
  const { cookie, csrf } = await login(api, { key: api.keys.admin });
  const unblock = (headers: Record<string, string>) =>
    api.request({
      method: 'POST',
      url: '/v1/addresses/gone@example.com/unblock',
      key: null,
      headers: { cookie, ...headers },
      payload: { note: 'asked by phone' },
    });
  assert.equal((await unblock({})).statusCode, 403);
  assert.equal((await unblock({ 'x-csrf-token': 'guess' })).statusCode, 403);
  const foreign = await unblock({ 'x-csrf-token': csrf, origin: 'https://evil.example' });
  assert.equal(foreign.statusCode, 403);
  const done = await unblock({ 'x-csrf-token': csrf, origin: 'http://localhost:80' });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().status, 'active');
});

onEachStore("a person's actions are audited under their name", async (_t, api) => {
  await api.mail(dsn({ recipient: 'gone@example.com', ...HARD, id: 'g1' }));
  const id = await addUser(api, 'admin');
  const { cookie, csrf } = await login(api, { email: 'admin@crm.example', password: PASSWORD });
  await api.request({
    method: 'POST',
    url: '/v1/addresses/gone@example.com/unblock',
    key: null,
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { note: 'confirmed alive' },
  });
  const detail = (await api.json('GET', '/v1/addresses/gone@example.com')).json();
  const action = detail.history.find((h: { type: string }) => h.type === 'admin-unblock');
  assert.equal(action.actor, `user:${id}`);
});

onEachStore('logout, deleting the person and revoking the key each end the session', async (_t, api) => {
  const id = await addUser(api, 'user');
  const reads = async (cookie: string) =>
    (await api.request({ method: 'GET', url: '/v1/addresses', key: null, headers: { cookie } })).statusCode;

  const first = await login(api, { email: 'user@crm.example', password: PASSWORD });
  const out = await api.request({
    method: 'DELETE',
    url: '/v1/session',
    key: null,
    headers: { cookie: first.cookie },
  });
  assert.equal(out.statusCode, 204);
  assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
  assert.equal(await reads(first.cookie), 401);

  const second = await login(api, { email: 'user@crm.example', password: PASSWORD });
  assert.equal(await reads(second.cookie), 200);
  assert.equal((await api.request({ method: 'DELETE', url: `/v1/users/${id}` })).statusCode, 204);
  assert.equal(await reads(second.cookie), 401);

  const made = (await api.json('POST', '/v1/keys', { name: 'support laptop', role: 'user' })).json();
  const third = await login(api, { key: made.secret });
  assert.equal(await reads(third.cookie), 200);
  assert.equal((await api.request({ method: 'DELETE', url: `/v1/keys/${made.id}` })).statusCode, 200);
  assert.equal(await reads(third.cookie), 401);
});

onEachStore('admins manage keys and people; secrets and hashes never come back', async (_t, api) => {
  const made = await api.json('POST', '/v1/keys', { name: 'crm', role: 'user' });
  assert.equal(made.statusCode, 201);
  assert.match(made.json().secret, /^rb_/);
  const checked = await api.json('GET', '/v1/addresses', undefined, made.json().secret);
  assert.equal(checked.statusCode, 200, 'the new key works');
  const keys = (await api.json('GET', '/v1/keys')).json().items;
  assert.ok(keys.some((k: { name: string }) => k.name === 'crm'));
  assert.ok(keys.every((k: object) => !('secret' in k) && !('secretHash' in k)));

  await addUser(api, 'user');
  const users = (await api.json('GET', '/v1/users')).json().items;
  assert.deepEqual(Object.keys(users[0]).sort(), ['createdAt', 'email', 'explanation', 'id', 'name', 'role']);
  assert.match(users[0].explanation, /logs in as user@crm\.example .* may read and ask for unblocks/);
  const again = await api.json('POST', '/v1/users', {
    email: 'user@crm.example',
    name: 'x',
    role: 'user',
    password: PASSWORD,
  });
  assert.equal(again.statusCode, 409);
  const short = await api.json('POST', '/v1/users', {
    email: 'new@crm.example',
    name: 'x',
    role: 'user',
    password: 'short',
  });
  assert.equal(short.statusCode, 400);

  assert.equal((await api.json('GET', '/v1/users', undefined, api.keys.user)).statusCode, 403);
  assert.equal(
    (await api.json('POST', '/v1/keys', { name: 'x', role: 'admin' }, api.keys.user)).statusCode,
    403,
  );
  const otherTenant = await api.request({
    method: 'DELETE',
    url: `/v1/keys/${made.json().id}`,
    key: api.keys.otherAdmin,
  });
  assert.equal(otherTenant.statusCode, 404, "another account's key is not found");
});

onEachStore('the last admin key cannot be revoked', async (_t, api) => {
  const keys = (await api.json('GET', '/v1/keys')).json().items as { id: string; role: string }[];
  const admin = keys.find((k) => k.role === 'admin');
  const refused = await api.request({ method: 'DELETE', url: `/v1/keys/${admin?.id}` });
  assert.equal(refused.statusCode, 409);
  const spare = (await api.json('POST', '/v1/keys', { name: 'spare admin', role: 'admin' })).json();
  const revoked = await api.request({ method: 'DELETE', url: `/v1/keys/${admin?.id}` });
  assert.equal(revoked.statusCode, 200);
  assert.match(revoked.json().explanation, /was revoked .*: it no longer opens anything/);
  assert.equal((await api.json('GET', '/v1/keys', undefined, spare.secret)).statusCode, 200);
});

onEachStore(
  'repeated failed logins are refused with 429 and Retry-After, per email and per IP',
  async (_t, api) => {
    await addUser(api, 'user');
    await addUser(api, 'admin');
    const tryLogin = (body: object, remoteAddress: string) =>
      api.request({ method: 'POST', url: '/v1/session', key: null, payload: body, remoteAddress });
    const wrong = { email: 'user@crm.example', password: 'not the password' };
    for (let i = 0; i < LOGIN_LIMITS.email.maxFailures; i++) {
      assert.equal((await tryLogin(wrong, '192.0.2.1')).statusCode, 401, `failure ${i + 1}`);
    }
    const refused = await tryLogin({ email: 'user@crm.example', password: PASSWORD }, '198.51.100.7');
    assert.equal(refused.statusCode, 429, 'even the right password, from another IP: the email is held');
    const wait = Number(refused.headers['retry-after']);
    assert.ok(wait > 0 && wait <= LOGIN_LIMITS.email.windowMs / 1000, `Retry-After: ${wait}`);
    assert.equal(refused.json().type, 'urn:rebound:problem:too_many_requests');
    assert.equal(refused.headers['set-cookie'], undefined);
    const other = await tryLogin({ email: 'admin@crm.example', password: PASSWORD }, '192.0.2.1');
    assert.equal(other.statusCode, 201, 'another email from the same IP, under its limit');

    // Bad keys are cheap to try: the IP's limit holds them.
    for (let i = 0; i < LOGIN_LIMITS.ip.maxFailures; i++) {
      assert.equal((await tryLogin({ key: `rb_guess${i}` }, '203.0.113.5')).statusCode, 401);
    }
    const held = await tryLogin({ key: api.keys.admin }, '203.0.113.5');
    assert.equal(held.statusCode, 429, 'the IP is held, even with a good key');
    assert.ok(Number(held.headers['retry-after']) > 0);
    assert.equal(
      (await tryLogin({ key: api.keys.admin }, '203.0.113.6')).statusCode,
      201,
      'another IP is not',
    );
  },
);

/** Failed key logins from `client`, as the proxy at 127.0.0.1 forwards them. */
async function failThroughProxy(api: Api, client: string, times: number): Promise<number[]> {
  const codes = [];
  for (let i = 0; i < times; i++) {
    const response = await api.request({
      method: 'POST',
      url: '/v1/session',
      key: null,
      payload: { key: `rb_guess${i}` },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': client },
    });
    codes.push(response.statusCode);
  }
  return codes;
}

onEachStoreWith(
  'behind a trusted proxy (REBOUND_TRUST_PROXY) the limiter counts each forwarded client apart',
  (store) => startApi(store, undefined, { trustProxy: ['127.0.0.1'] }),
  async (_t, api) => {
    const limit = LOGIN_LIMITS.ip.maxFailures;
    const first = await failThroughProxy(api, '203.0.113.5', limit + 1);
    assert.equal(first.at(-1), 429, 'the client that kept failing is held');
    const other = await failThroughProxy(api, '198.51.100.9', 1);
    assert.deepEqual(other, [401], 'another client behind the same proxy is not');
  },
);

onEachStore('without REBOUND_TRUST_PROXY, X-Forwarded-For is not believed', async (_t, api) => {
  const limit = LOGIN_LIMITS.ip.maxFailures;
  await failThroughProxy(api, '203.0.113.5', limit);
  const other = await failThroughProxy(api, '198.51.100.9', 1);
  assert.deepEqual(other, [429], 'the header names another client, but the peer is the same and held');
});
