/**
 * The same bounce by mail and by webhook counts once: every mail path (the inbound bounce SMTP server on
 * a real socket, POST /v1/bounces, the mailbox path that IMAP and POP3 share) against every provider's
 * signed webhook through the real route, in both orders, on one service (SQLite). A second send to the
 * same address still counts on its own.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { buildApi } from '../../../src/api/app.js';
import { startBounceServer, type BounceServer } from '../../../src/capture/inbound/bounce-server.js';
import { ingestMessage } from '../../../src/capture/mailbox/mailbox-outcome.js';
import { signVerp } from '../../../src/capture/verp.js';
import { parseWebhookSecrets } from '../../../src/capture/webhooks/secrets.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { dsn } from '../../support/http-mails.js';
import {
  ALL_SECRETS,
  PROVIDERS,
  SNS_CERT_PEM,
  SNS_CERT_URL,
  softBounceWebhook,
  type Provider,
} from '../webhooks/provider-payloads.js';

const DOMAIN = 'bounce.example.net';
const SECRET = 'test-secret-0123456789abcdef';
const FULL = { status: '5.2.2', reply: '552 5.2.2 <%s>: Mailbox full, quota exceeded' };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

type MailPath = 'inbound-smtp' | 'http' | 'mailbox';
const MAIL_PATHS: MailPath[] = ['inbound-smtp', 'http', 'mailbox'];

let service: StoreReboundService;
let accountId: string;
let admin: string;
let app: FastifyInstance;
let bounce: BounceServer;

before(async () => {
  service = new StoreReboundService(openSqliteStore(':memory:'));
  accountId = (await service.createAccount('crm')).id;
  admin = (await service.createApiKey(accountId, 'admin', 'test')).secret;
  app = await buildApi({
    service,
    checkStore: async () => undefined,
    webhooks: {
      secrets: parseWebhookSecrets(JSON.stringify({ [accountId]: ALL_SECRETS })),
      fetchText: async (url) => (url.href === SNS_CERT_URL ? SNS_CERT_PEM : ''),
    },
  });
  bounce = await startBounceServer(
    { ingestBounce: (a, raw, verdicts) => service.ingestBounce(a, raw, verdicts), log: quiet },
    {
      host: '127.0.0.1',
      port: 0,
      verp: { domain: DOMAIN, secrets: [SECRET] },
      maxBytes: 1 << 20,
      closeTimeoutMs: 1000,
    },
  );
});

after(async () => {
  await bounce.close();
  await app.close();
  await service.close();
});

/** The DSN of the send `<orig-ID@sender.example>` (the helper's Message-ID) by one mail path. */
async function byMail(path: MailPath, recipient: string, id: string): Promise<void> {
  const raw = dsn({ recipient, ...FULL, id, at: '2025-03-01T10:05:00Z' });
  if (path === 'inbound-smtp') {
    const to = signVerp({ accountId, recipient }, { localPart: 'bounces', domain: DOMAIN, secret: SECRET });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: bounce.port, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: '', to: [to] }, raw });
    } finally {
      transport.close();
    }
  } else if (path === 'http') {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/bounces',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'message/rfc822' },
      payload: raw,
    });
    assert.equal(res.statusCode, 202, res.body);
  } else {
    const outcome = await ingestMessage((bytes) => service.ingestBounce(accountId, bytes), Buffer.from(raw));
    assert.equal(outcome.step, 'processed');
  }
}

async function byWebhook(provider: Provider, recipient: string, id: string): Promise<void> {
  const { body, headers } = softBounceWebhook(provider, recipient, `<orig-${id}@sender.example>`);
  const res = await app.inject({
    method: 'POST',
    url: `/v1/webhooks/${provider}/${accountId}`,
    headers,
    payload: body,
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json<{ events: number }>().events, 1);
}

async function bounced(recipient: string): Promise<{ softBounces: number; events: number }> {
  const detail = await service.getAddress(accountId, recipient);
  assert.ok(detail !== undefined, `${recipient} was never seen`);
  return {
    softBounces: detail.softBounces,
    events: detail.history.filter((h) => h.type === 'bounced').length,
  };
}

let sends = 0;

for (const path of MAIL_PATHS) {
  for (const provider of PROVIDERS) {
    for (const mailFirst of [true, false]) {
      const order = mailFirst ? `${path} then ${provider}` : `${provider} then ${path}`;
      test(`one send's bounce by ${order}: one bounce in the streak`, async () => {
        const recipient = `${path}.${provider}.${mailFirst ? 'm' : 'w'}@example.org`;
        const id = `${recipient}-1`;
        if (mailFirst) {
          await byMail(path, recipient, id);
          await byWebhook(provider, recipient, id);
        } else {
          await byWebhook(provider, recipient, id);
          await byMail(path, recipient, id);
        }
        assert.deepEqual(await bounced(recipient), { softBounces: 1, events: 1 });
        // A second send to the same address bouncing counts on its own, by either path.
        await (mailFirst ? byWebhook(provider, recipient, `${id}-2`) : byMail(path, recipient, `${id}-2`));
        assert.deepEqual(await bounced(recipient), { softBounces: 2, events: 2 });
        sends += 2;
      });
    }
  }
}

test('stats count each send once', async () => {
  const rows = await service.stats(accountId, { from: '2025-01-01', to: '2026-01-01' }, 'reason');
  const total = rows.reduce((sum, row) => sum + row.bounced.soft, 0);
  assert.equal(sends, MAIL_PATHS.length * PROVIDERS.length * 2 * 2);
  assert.equal(total, sends);
});
