/**
 * `--server` commands against a server whose database is failing over: a real HTTP server on the
 * loopback answers 503 with Retry-After, then 202; the target waits as asked and sends again.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { test, type TestContext } from 'node:test';
import { HttpTarget, HttpTargetError, RETRIES } from '../../src/cli/http-target.js';

type Answer = { status: number; retryAfter?: string; body: unknown };

/** A server that gives these answers in order, the last one from then on; records each request's body. */
async function answering(t: TestContext, answers: Answer[]) {
  const bodies: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      const answer = answers[Math.min(bodies.length, answers.length) - 1] as Answer;
      response.writeHead(answer.status, {
        'content-type': answer.status < 300 ? 'application/json' : 'application/problem+json',
        ...(answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter }),
      });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, bodies };
}

const UNAVAILABLE: Answer = {
  status: 503,
  retryAfter: '5',
  body: {
    type: 'urn:rebound:problem:database_unavailable',
    title: 'The database is unreachable; retry shortly',
    status: 503,
  },
};
const STORED = { bounceId: '7', duplicate: false, verdicts: [], states: [] };

test('a 503 with Retry-After is waited out and the same mail sent again', async (t) => {
  const server = await answering(t, [UNAVAILABLE, UNAVAILABLE, { status: 202, body: STORED }]);
  const waits: number[] = [];
  const told: string[] = [];
  const target = new HttpTarget(server.url, 'k', {
    wait: async (ms) => void waits.push(ms),
    onRetry: (message) => told.push(message),
  });
  const result = await target.ingestBounce(new TextEncoder().encode('Subject: a bounce\r\n\r\nbody'));
  assert.equal(result.bounceId, '7');
  assert.deepEqual(waits, [5000, 5000]);
  assert.equal(server.bodies.length, 3);
  assert.ok(
    server.bodies.every((b) => b === server.bodies[0]),
    'the same bytes each time',
  );
  assert.match(
    told[0] ?? '',
    /answered 503 \(The database is unreachable; retry shortly\); trying again in 5 s \(1 of 6\)/,
  );
});

test('the waits are bounded: after the last retry the 503 is the answer', async (t) => {
  const server = await answering(t, [{ ...UNAVAILABLE, retryAfter: '3600' }]);
  const waits: number[] = [];
  const target = new HttpTarget(server.url, 'k', { wait: async (ms) => void waits.push(ms) });
  await assert.rejects(
    target.check(['a@example.org']),
    (error: unknown) => error instanceof HttpTargetError && error.status === 503,
  );
  assert.equal(server.bodies.length, RETRIES + 1);
  assert.ok(
    waits.every((ms) => ms === 30_000),
    'an hour asked for is waited 30 s',
  );
});

test('a 503 without Retry-After (sending switched off) is an answer at once', async (t) => {
  const server = await answering(t, [
    { status: 503, body: { title: 'Sending is not configured on this server', status: 503 } },
  ]);
  const target = new HttpTarget(server.url, 'k', { wait: async () => assert.fail('no wait') });
  await assert.rejects(target.check(['a@example.org']), /Sending is not configured/);
  assert.equal(server.bodies.length, 1);
});
