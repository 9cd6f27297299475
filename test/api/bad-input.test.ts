/** Bad input gets a 4xx problem with a clear message, and nothing is stored half-way. */
import assert from 'node:assert/strict';
import { dsn, HARD, NOT_A_BOUNCE } from '../support/http-mails.js';
import { onEachStore, type Api } from './harness.js';

async function assertNothingStored(api: Api): Promise<void> {
  assert.equal((await api.json('GET', '/v1/bounces')).json().items.length, 0, 'no bounce stored');
  assert.equal((await api.json('GET', '/v1/addresses')).json().items.length, 0, 'no address stored');
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
}

function assertProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json<T>(): T },
  status: number,
  code: string,
): void {
  assert.equal(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = response.json<ProblemBody>();
  assert.equal(problem.status, status);
  assert.equal(problem.type, `urn:rebound:problem:${code}`);
  assert.equal(typeof problem.title, 'string');
  assert.ok(problem.detail !== undefined && problem.detail.length > 0);
}

onEachStore('a body with no header block is 400 "not an RFC 5322 message"', async (_t, api) => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  for (const body of ['just some text\nwith lines\n', '', '\r\n\r\nbody only', 'Subject line: no', png]) {
    const response = await api.mail(body);
    assertProblem(response, 400, 'invalid_request');
    assert.match(response.json().detail, /not an RFC 5322 message/);
  }
  await assertNothingStored(api);
});

onEachStore('a mail from which no recipient can be read is 422 and not stored', async (_t, api) => {
  assertProblem(await api.mail(NOT_A_BOUNCE), 422, 'unreadable_mail');
  await assertNothingStored(api);
});

onEachStore('the wrong content type is 415', async (_t, api) => {
  const raw = dsn({ recipient: 'x@example.org', ...HARD, id: 'ct' });
  const response = await api.request({
    method: 'POST',
    url: '/v1/bounces',
    headers: { 'content-type': 'text/plain' },
    payload: raw,
  });
  assertProblem(response, 415, 'unsupported_media_type');
  const json = await api.request({ method: 'POST', url: '/v1/bounces', payload: { mail: raw } });
  assertProblem(json, 415, 'unsupported_media_type');
  for (const type of ['text/plain', 'text/csv']) {
    const check = await api.request({
      method: 'POST',
      url: '/v1/check',
      headers: { 'content-type': type },
      payload: 'a@b.c',
    });
    assertProblem(check, 415, 'unsupported_media_type');
  }
  await assertNothingStored(api);
});

onEachStore('invalid JSON is 400 invalid_json', async (_t, api) => {
  const response = await api.request({
    method: 'POST',
    url: '/v1/events',
    headers: { 'content-type': 'application/json' },
    payload: '{"events": [{"type": "bounced",',
  });
  assertProblem(response, 400, 'invalid_json');
  await assertNothingStored(api);
});

onEachStore('a 20 MB body is 413', async (_t, api) => {
  const huge = Buffer.concat([
    Buffer.from('From: a@example.com\r\nSubject: big\r\n\r\n'),
    Buffer.alloc(20 * 1024 * 1024, 0x61),
  ]);
  assertProblem(await api.mail(huge), 413, 'payload_too_large');
  const json = await api.request({
    method: 'POST',
    url: '/v1/check',
    headers: { 'content-type': 'application/json' },
    payload: `{"recipients":["${'a'.repeat(40 * 1024 * 1024)}"]}`,
  });
  assertProblem(json, 413, 'payload_too_large');
  await assertNothingStored(api);
});

onEachStore('an invalid address is 400 and nothing of the batch is stored', async (_t, api) => {
  assertProblem(await api.json('GET', '/v1/addresses/not-an-address'), 400, 'invalid_address');
  const events = await api.json('POST', '/v1/events', {
    events: [
      { type: 'bounced', recipient: 'good@example.org', reason: 'userunknown' },
      { type: 'bounced', recipient: 'bad address@', reason: 'userunknown' },
    ],
  });
  assertProblem(events, 400, 'invalid_address');
  const check = await api.json('POST', '/v1/check', { recipients: ['ok@example.org', 'nope'] });
  assertProblem(check, 400, 'invalid_address');
  // Empty and over-long recipients are refused as addresses too, naming their place.
  for (const [recipient, why] of [
    ['', /recipients\[1\].*no local part/],
    [`${'a'.repeat(400)}@example.org`, /recipients\[1\].*longer than 254/],
  ] as const) {
    const refused = await api.json('POST', '/v1/check', { recipients: ['ok@example.org', recipient] });
    assertProblem(refused, 400, 'invalid_address');
    assert.match(refused.json().detail, why);
  }
  await assertNothingStored(api);
});

onEachStore('schema violations name the field', async (_t, api) => {
  const unknownType = await api.json('POST', '/v1/events', {
    events: [{ type: 'opened', recipient: 'a@example.org' }],
  });
  assertProblem(unknownType, 400, 'invalid_request');
  assert.match(unknownType.json().detail, /events\.0\.type/);
  assert.match(unknownType.json().detail, /sent, delivered/);
  const tooMany = await api.json('POST', '/v1/check', {
    recipients: Array.from({ length: 100_001 }, (_, i) => `u${i}@example.org`),
  });
  assertProblem(tooMany, 400, 'invalid_request');
  const badLimit = await api.json('GET', '/v1/addresses?limit=0');
  assertProblem(badLimit, 400, 'invalid_request');
  const badGroup = await api.json('GET', '/v1/stats?groupBy=week');
  assertProblem(badGroup, 400, 'invalid_request');
  const unknownRoute = await api.json('GET', '/v1/nothing');
  assertProblem(unknownRoute, 404, 'not_found');
});
