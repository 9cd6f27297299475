/**
 * The dashboard end to end: the real server (`startServer`, SQLite in a temporary folder, the built
 * page from dist/web) driven by Debian's Chromium through playwright-core. Seeds through the API, then
 * does what support staff do: log in, read the overview, find a blocked address, read why, unblock it,
 * open a bounce's verdict, switch to French, and look at it on a phone. Takes the screenshots README
 * shows (into a temporary folder; `npm run screenshots` writes docs/screenshots/). Skips visibly without
 * Chromium (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startServer, type Server } from '../../src/server.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { dsn, HARD, SPAMHAUS } from '../support/http-mails.js';

const CHROMIUM = process.env.REBOUND_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go: a temporary folder, unless REBOUND_SCREENSHOTS names one (relative to the
 * project root), as `npm run screenshots` does for README's docs/screenshots. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ASKED = process.env.REBOUND_SCREENSHOTS ?? '';
const SHOTS = ASKED === '' ? mkdtempSync(join(tmpdir(), 'rebound-shots-')) : resolve(ROOT, ASKED);
const ADMIN_KEY = `rb_e2e_${'k'.repeat(40)}`;
const PERSON = {
  email: 'support@crm.example',
  name: 'Support',
  role: 'admin',
  password: 'a long support password',
};
const DESK = { email: 'desk@crm.example', name: 'Desk', role: 'user', password: 'another long password' };
const BLOCKED = 'gone@example.com';
/** Blocked by the seeded mailboxfull streaks (seven days of them); the first is the one the desk asks
 * to unblock, the other stays blocked. */
const SOFT_BLOCKED = 'soft0@example.net';
const STILL_BLOCKED = 'soft10@example.net';
const DAY_MS = 86_400_000;
/** What the loopback DNS server knows: example.net takes mail (the unblock request's domain check). */
const ZONE = { 'example.net': { MX: [{ exchange: 'mx.example.net', priority: 10 }] } };
/** The campaign whose bounces raise a rate alert. */
const CAMPAIGN = 'autumn-sale';
/** The receiving domain that refuses the sender (192.0.2.9, on Spamhaus in the seeded replies). */
const REFUSING = 'bigmail.example';

async function call(server: Server, method: string, path: string, body?: unknown, type = 'application/json') {
  const response = await fetch(new URL(path, server.url), {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': type },
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

/** A week of sends and deliveries over three domains, some bounces, one hard bounce mail, one person. */
async function seed(server: Server): Promise<{ sentToday: number }> {
  const events: object[] = [];
  let sentToday = 0;
  for (let day = 6; day >= 0; day--) {
    const at = new Date(Date.now() - day * DAY_MS).toISOString();
    const count = 30 + day * 5;
    for (let i = 0; i < count; i++) {
      const recipient = `person${i}@${['example.com', 'example.net', 'example.org'][i % 3]}`;
      events.push({ type: 'sent', recipient, messageId: `<d${day}-${i}@crm>`, at });
      if (i % 10 !== 0) events.push({ type: 'delivered', recipient, messageId: `<d${day}-${i}@crm>`, at });
      else events.push({ type: 'bounced', recipient: `soft${i}@example.net`, reason: 'mailboxfull', at });
    }
    if (day === 0) sentToday = count;
  }
  await call(server, 'POST', '/v1/events', { events });
  const mail = dsn({
    recipient: BLOCKED,
    ...HARD,
    id: 'e2e-1',
    at: new Date(Date.now() - DAY_MS).toISOString(),
  });
  await call(server, 'POST', '/v1/bounces', mail, 'message/rfc822');
  await call(server, 'POST', '/v1/users', PERSON);
  await call(server, 'POST', '/v1/users', DESK);
  return { sentToday };
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's script, evaluated in the page through the DevTools protocol (the page's CSP allows no
 * injected script tag, rightly). */
let axeSource: string | undefined;
const axe = () =>
  (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is; fails on a serious or critical violation, naming where. */
async function audit(page: Page, name: string): Promise<void> {
  await page.evaluate(axe());
  const { violations, passes } = await page.evaluate(async (tags) => {
    type Result = { violations: AxeViolation[]; passes: unknown[] };
    const engine = (globalThis as unknown as { axe: { run(o: object): Promise<Result> } }).axe;
    const result = await engine.run({ runOnly: { type: 'tag', values: tags } });
    return { violations: result.violations, passes: result.passes.length };
  }, AXE_TAGS);
  assert.ok(passes >= 10, `axe-core ran its rules on the ${name} page (${passes} passed)`);
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(serious, [], `axe-core on the ${name} page`);
}

const SETTINGS_AREAS = ['policy', 'alerts', 'guard', 'sending'] as const;

/** The label of every settings field on the Rules page, by input id, checking that each field the API
 * returns is labelled in words (not its API name) and has a help line. */
async function settingsWords(page: Page, server: Server): Promise<Map<string, string>> {
  const words = new Map<string, string>();
  for (const area of SETTINGS_AREAS) {
    const values = await call(server, 'GET', `/v1/settings/${area}`);
    for (const name of Object.keys(values)) {
      const id = `${area}-${name}`;
      const label = (await page.locator(`label[for="${id}"]`).innerText()).trim();
      const help = (await page.locator(`#${id}-hint`).innerText()).trim();
      assert.notEqual(label, name, `${id} is labelled in words`);
      assert.ok(help.replace(name, '').trim().length > 10, `${id} has a help line: ${help}`);
      words.set(id, label);
    }
  }
  return words;
}

/** The little of the DOM these page functions touch (the tests compile without the DOM library). */
interface Canvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
interface Window {
  innerWidth: number;
  document: {
    documentElement: { scrollWidth: number };
    activeElement: { textContent: string | null; id: string } | null;
  };
}

/** How many pixels of the canvas are close to this colour: the line Chart.js drew, if it drew. */
function pixelsOf(page: Page, selector: string, rgb: [number, number, number]): Promise<number> {
  return page.$eval(
    selector,
    (canvas, colour) => {
      const c = canvas as unknown as Canvas;
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const close = [0, 1, 2].every((k) => Math.abs((data[i + k] ?? 0) - (colour[k] ?? 0)) < 40);
        if (close && (data[i + 3] ?? 0) > 200) n++;
      }
      return n;
    },
    rgb,
  );
}

/** Whether the chart shows a line of this colour within 5 s: it draws just after the canvas appears. */
async function drawn(page: Page, selector: string, rgb: [number, number, number]): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    if ((await pixelsOf(page, selector, rgb)) > 100) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

test('the dashboard: log in, overview, unblock, verdict, French, phone', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set REBOUND_CHROMIUM)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rebound-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  // The unblock request's domain check asks this loopback server, never the machine's resolvers.
  const dns: DnsServer = await startDnsServer(ZONE);
  // Where the webhook subscription made in the page posts: records the bodies, answers 204.
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(body);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rebound`;
  const server = await startServer(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      REBOUND_DB: join(dir, 'e2e.db'),
      REBOUND_ADMIN_KEY: ADMIN_KEY,
      REBOUND_DNS_SERVERS: dns.address,
      LOG_LEVEL: 'warn',
    }),
  );
  let browser: Browser | undefined;
  /** The Rules page's English field labels, compared with the French ones later. */
  let englishWords = new Map<string, string>();
  try {
    const { sentToday } = await seed(server);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The logged-out page's first question (GET /v1/session) is answered 401, and the bad policy value
    // the Rules step sends on purpose 400, as they should be.
    const expected = (text: string) => /status of 40[01]\b/.test(text);
    page.on('console', (m) => m.type() === 'error' && !expected(m.text()) && errors.push(m.text()));
    await page.goto(server.url);

    await t.test('logs in with email and password', async () => {
      await shot(page, 'login');
      await audit(page, 'login');
      await logIn(page, PERSON);
      assert.match(await page.locator('.who').innerText(), /support@crm\.example/);
    });

    await t.test('the overview charts render with the seeded data', async () => {
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await page.locator('#volume-chart').waitFor();
      assert.ok(await drawn(page, '#volume-chart', [0x1f, 0x4e, 0x99]), 'the "sent" line is drawn');
      assert.ok(await drawn(page, '#rate-chart', [0xb3, 0x26, 0x1e]), 'the bounce-rate line is drawn');
      const today = new Date().toISOString().slice(0, 10);
      const volume = page.locator('figure', { has: page.locator('#volume-chart') });
      await volume.getByText('Show the figures as a table').click();
      const row = volume.getByRole('row', { name: new RegExp(today) });
      assert.match(await row.innerText(), new RegExp(`\\b${sentToday}\\b`), "today's sends are in the table");
      assert.match(await page.getByRole('region', { name: 'Top reasons' }).innerText(), /mailboxfull/);
      await volume.getByText('Show the figures as a table').click();
      await shot(page, 'overview');
      await audit(page, 'overview');
    });

    await t.test('finds the blocked address, reads why, unblocks it', async () => {
      await page.getByRole('link', { name: 'Addresses' }).click();
      await page.getByRole('link', { name: BLOCKED }).click();
      await page.getByRole('heading', { name: `Address ${BLOCKED}` }).waitFor();
      const detail = await call(server, 'GET', `/v1/addresses/${BLOCKED}`);
      assert.equal(detail.status, 'blocked');
      assert.equal(
        await page.locator('.why').innerText(),
        detail.explanation,
        'the page says why, as the API does',
      );
      // The mail is fetched after the page: wait for it rather than read a half-drawn page.
      await page.locator('.raw mark').first().waitFor();
      const marks = await page.locator('.raw mark').allInnerTexts();
      assert.ok(
        marks.some((m) => m.includes('User unknown')),
        `the evidence is highlighted: ${marks.join(' | ')}`,
      );
      await shot(page, 'address');
      await audit(page, 'address');
      await page
        .getByLabel('Note for the audit trail')
        .fill('The customer confirmed the mailbox works again');
      await page.getByRole('button', { name: 'Unblock' }).click();
      await page.getByRole('status').filter({ hasText: 'Done:' }).waitFor();
      await page.locator('.summary .state-active').waitFor();
      const after = await call(server, 'GET', `/v1/addresses/${BLOCKED}`);
      assert.equal(after.status, 'active');
      const history = after.history as { type: string; actor?: string; note?: string }[];
      const action = history.find((h) => h.type === 'admin-unblock');
      assert.match(action?.actor ?? '', /^user:/, 'audited under the person, not a key');
      assert.equal(action?.note, 'The customer confirmed the mailbox works again');
    });

    await t.test('a bounce opens its verdict with the evidence in the mail', async () => {
      await page.getByRole('link', { name: 'Bounces' }).click();
      await page.getByRole('button', { name: `Open the verdict for ${BLOCKED}` }).click();
      await page.getByRole('heading', { name: `Verdict: ${BLOCKED}` }).waitFor();
      await page.locator('.verdict .raw mark').first().waitFor();
      assert.match(await page.locator('.verdict .facts').innerText(), /userunknown/);
      await shot(page, 'bounce-verdict');
      await audit(page, 'bounce-verdict');
    });

    await t.test('an admin makes a key, sees its secret once, and revokes it', async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      const keys = page.getByRole('region', { name: 'API keys' });
      await keys.getByLabel('Name').fill('CRM staging');
      await keys.getByRole('button', { name: 'Create' }).click();
      const secret = (await keys.locator('code.secret').innerText()).trim();
      assert.match(secret, /^rb_/);
      const listed = await call(server, 'GET', '/v1/keys');
      const made = (listed.items as { id: string; name: string }[]).find((k) => k.name === 'CRM staging');
      assert.ok(made !== undefined, 'the key is made');
      await keys.getByRole('button', { name: 'Revoke CRM staging' }).click();
      await keys
        .getByRole('row', { name: /CRM staging/ })
        .getByText(/revoked/)
        .waitFor();
      const refused = await fetch(new URL('/v1/addresses', server.url), {
        headers: { authorization: `Bearer ${secret}` },
      });
      assert.equal(refused.status, 401, 'the revoked secret no longer works');
      await shot(page, 'settings');
      await audit(page, 'settings');
    });

    await t.test('a user requests an unblock, an admin approves it, the address is unblocked', async () => {
      const deskContext = await browser!.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
      });
      const desk = await deskContext.newPage();
      await desk.goto(`${server.url}#/addresses/${encodeURIComponent(SOFT_BLOCKED)}`);
      await logIn(desk, DESK);
      await desk.getByRole('heading', { name: `Address ${SOFT_BLOCKED}` }).waitFor();
      assert.equal(
        await desk.getByRole('button', { name: 'Unblock', exact: true }).count(),
        0,
        'a user cannot unblock',
      );
      await desk.getByLabel('Why should it be unblocked?').fill('The customer emptied the mailbox');
      await desk.getByRole('button', { name: 'Request an unblock' }).click();
      await desk.getByRole('status').filter({ hasText: 'Request sent' }).waitFor();
      await deskContext.close();
      const pending = (await call(server, 'GET', '/v1/unblock-requests?state=pending')).items as {
        id: string;
        address: string;
        reason: string;
        requestedBy: string;
      }[];
      assert.equal(pending.length, 1);
      assert.equal(pending[0]?.address, SOFT_BLOCKED);
      assert.equal(pending[0]?.reason, 'The customer emptied the mailbox');
      assert.match(pending[0]?.requestedBy ?? '', /^user:/, 'filed under the person');

      await page.getByRole('link', { name: 'Unblock requests' }).click();
      const card = page.getByRole('article', { name: new RegExp(SOFT_BLOCKED) });
      assert.match(await card.innerText(), /The customer emptied the mailbox/);
      assert.match(await card.innerText(), /Domain: mail.*mx\.example\.net/, 'the domain check, from DNS');
      assert.match(await card.innerText(), /mailboxfull/, 'the block check');
      await shot(page, 'unblock-requests');
      await audit(page, 'unblock-requests');
      await card.getByLabel('Note for the audit trail').fill('Checked with the customer');
      await card.getByRole('button', { name: `Approve ${SOFT_BLOCKED}` }).click();
      await page.getByText('Nothing to show.').waitFor();
      const decided = await call(server, 'GET', `/v1/unblock-requests/${pending[0]?.id}`);
      assert.equal(decided.state, 'approved');
      assert.equal((decided.decision as { note: string }).note, 'Checked with the customer');
      const address = await call(server, 'GET', `/v1/addresses/${SOFT_BLOCKED}`);
      assert.equal(address.status, 'active', 'approving unblocked the address');
    });

    await t.test(
      'rules: an admin changes a threshold, a bad value is refused, a webhook is subscribed',
      async () => {
        await page.getByRole('link', { name: 'Rules' }).click();
        const thresholds = page.getByRole('region', { name: 'Alert thresholds' });
        englishWords = await settingsWords(page, server);
        await thresholds.getByLabel('Minimum sends').fill('200');
        await thresholds.getByRole('button', { name: 'Save Alert thresholds' }).click();
        await thresholds.getByRole('status').filter({ hasText: 'Saved: Minimum sends.' }).waitFor();
        assert.equal((await call(server, 'GET', '/v1/settings/alerts')).minSends, 200);

        const policy = page.getByRole('region', { name: 'Blocking policy' });
        await policy.getByLabel('Soft bounces tolerated').fill('-3');
        await policy.getByRole('button', { name: 'Save Blocking policy' }).click();
        const refusal = await policy.getByRole('alert').innerText();
        assert.match(refusal, /softBounceRetries/, `the server's reason is shown: ${refusal}`);
        assert.equal(
          (await call(server, 'GET', '/v1/settings/policy')).softBounceRetries,
          5,
          'nothing saved',
        );

        const hooks = page.getByRole('region', { name: 'Webhook subscriptions' });
        await hooks.getByLabel('URL').fill(hookUrl);
        await hooks.getByLabel('Description').fill('Ops channel');
        await hooks.getByLabel('incident.opened').check();
        await hooks.getByRole('button', { name: 'Create' }).click();
        assert.match(await hooks.locator('code.secret').innerText(), /\S{16,}/, 'the signing secret, once');
        await hooks.getByRole('row', { name: new RegExp(hookUrl) }).waitFor();
        const listed = (await call(server, 'GET', '/v1/webhook-subscriptions')).items as {
          eventTypes: string[];
        }[];
        assert.deepEqual(listed[0]?.eventTypes, ['incident.opened']);
      },
    );

    await t.test(
      'Spamhaus rejections open an incident: its evidence, what to do, an admin resolves it',
      async () => {
        for (let i = 1; i <= 3; i++) {
          const mail = dsn({
            recipient: `r${i}@${REFUSING}`,
            ...SPAMHAUS,
            id: `spam-${i}`,
            at: new Date().toISOString(),
          });
          await call(server, 'POST', '/v1/bounces', mail, 'message/rfc822');
        }
        await page.getByRole('link', { name: 'Alerts and incidents' }).click();
        const card = page.getByRole('article', {
          name: new RegExp(`192\\.0\\.2\\.9 refused by ${REFUSING}`),
        });
        const text = await card.innerText();
        assert.match(text, /3 rejections, 3 recipients/);
        assert.match(text, /Spamhaus/);
        assert.equal(
          await card.getByRole('link', { name: 'https://check.spamhaus.org/' }).count(),
          1,
          'the delisting page is a link',
        );
        await card.getByText('Evidence and recipients').click();
        await card.locator('.diagnostic').first().waitFor();
        assert.match(
          await card.locator('.diagnostic').first().innerText(),
          /blocked using zen\.spamhaus\.org/,
        );
        assert.match(await card.innerText(), new RegExp(`r1@${REFUSING}`));
        await shot(page, 'incidents');
        await audit(page, 'incidents');

        await card.getByLabel('Note for the audit trail').fill('Delisted at Spamhaus');
        await card.getByRole('button', { name: /^Resolve 192\.0\.2\.9/ }).click();
        await card.waitFor({ state: 'detached' });
        const closed = (await call(server, 'GET', '/v1/incidents?state=closed')).items as {
          closedBy: string;
          receivingDomain: string;
        }[];
        assert.equal(closed[0]?.receivingDomain, REFUSING);
        assert.match(closed[0]?.closedBy ?? '', /^user:/, 'resolved under the person');
        await page.getByLabel('Show').selectOption('closed');
        await page.getByRole('article', { name: /192\.0\.2\.9/ }).waitFor();
      },
    );

    await t.test('an admin checks the blocklists now and reads the answers', async () => {
      // 192.0.2.9 is on zen.spamhaus.org (127.0.0.2: an SBL listing); crm.example is on no list.
      dns.setZone({ ...ZONE, '9.2.0.192.zen.spamhaus.org': { A: ['127.0.0.2'] } });
      await call(server, 'PUT', '/v1/settings/guard', {
        sendingIps: ['192.0.2.9'],
        sendingDomains: ['crm.example'],
        ipZones: ['zen.spamhaus.org'],
        domainZones: ['dbl.spamhaus.org'],
      });
      await page.getByRole('link', { name: 'Alerts and incidents' }).click();
      const checks = page.getByRole('region', { name: 'Blocklist checks' });
      await checks.getByRole('button', { name: 'Check the blocklists now' }).click();
      await checks.getByRole('status').filter({ hasText: 'Checked: 2 answers' }).waitFor();
      const listed = checks.getByRole('row', { name: /192\.0\.2\.9/ });
      assert.match(await listed.innerText(), /zen\.spamhaus\.org\s+listed/);
      assert.match(await checks.getByRole('row', { name: /crm\.example/ }).innerText(), /not listed/);
      const stored = (await call(server, 'GET', '/v1/blocklist-checks')).items as {
        target: string;
        outcome: string;
      }[];
      assert.deepEqual(stored.map((c) => `${c.target} ${c.outcome}`).sort(), [
        '192.0.2.9 listed',
        'crm.example clear',
      ]);
      await shot(page, 'blocklist-checks');
      await audit(page, 'blocklist-checks');
    });

    await t.test('the webhook delivery log shows the incident event', async () => {
      await page.getByRole('link', { name: 'Rules' }).click();
      const hooks = page.getByRole('region', { name: 'Webhook subscriptions' });
      const row = hooks.getByRole('row', { name: new RegExp(hookUrl) });
      await row.getByText('Delivery log').click();
      await row.locator('.deliveries li').first().waitFor();
      assert.match(await row.locator('.deliveries').innerText(), /incident\.opened/);
      assert.ok(
        received.some((body) => body.includes('incident.opened')),
        'the receiver got it',
      );
      await shot(page, 'rules');
      await audit(page, 'rules');
    });

    await t.test('an admin pauses a campaign and resumes it', async () => {
      await page.getByRole('link', { name: 'Pauses' }).click();
      const form = page.getByRole('form', { name: 'Pause sending' });
      await form.getByLabel('Scope').selectOption('campaign');
      await form.getByLabel('Campaign', { exact: true }).fill('spring-sale');
      await form.getByLabel('Note for the audit trail').fill('Bounce spike under review');
      await form.getByRole('button', { name: 'Pause' }).click();
      const row = page.getByRole('row', { name: /campaign spring-sale/ });
      await row.waitFor();
      const active = (await call(server, 'GET', '/v1/pauses?state=active')).items as {
        id: string;
        scope: object;
        note: string;
      }[];
      assert.deepEqual(active[0]?.scope, { kind: 'campaign', campaign: 'spring-sale' });
      assert.equal(active[0]?.note, 'Bounce spike under review');
      await shot(page, 'pauses');
      await audit(page, 'pauses');

      await row.getByLabel('Note for the audit trail').fill('Cause fixed');
      await row.getByRole('button', { name: 'Resume campaign spring-sale' }).click();
      await row.waitFor({ state: 'detached' });
      const resumed = (await call(server, 'GET', '/v1/pauses?state=resumed')).items as {
        id: string;
        resumeNote: string;
      }[];
      assert.equal(resumed[0]?.id, active[0]?.id);
      assert.equal(resumed[0]?.resumeNote, 'Cause fixed');
    });

    await t.test('a listing longer than a page goes to the next page and back', async () => {
      for (let i = 0; i < 55; i++) {
        const campaign = `batch-${String(i).padStart(2, '0')}`;
        await call(server, 'POST', '/v1/pauses', { scope: { kind: 'campaign', campaign }, note: 'Paging' });
      }
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('link', { name: 'Pauses' }).click();
      const rows = page.getByRole('table', { name: 'Pauses, newest first' }).locator('tbody tr');
      const pages = page.getByRole('navigation', { name: 'Pages' });
      // The page number changes on the click, the rows once the answer is in: wait for a row only that
      // page has (batch-54 is the newest, batch-00 the oldest), which comes with all of its page.
      await pages.getByText('Page 1').waitFor();
      await rows.filter({ hasText: 'batch-54' }).waitFor();
      assert.equal(await rows.count(), 50, 'a page holds 50');
      assert.match(await rows.first().innerText(), /batch-54/, 'newest first');
      await pages.getByRole('button', { name: 'Next page' }).click();
      await pages.getByText('Page 2').waitFor();
      await rows.filter({ hasText: 'batch-00' }).waitFor();
      assert.deepEqual(
        (await rows.allInnerTexts()).map((text) => /batch-\d+/.exec(text)?.[0]),
        ['batch-04', 'batch-03', 'batch-02', 'batch-01', 'batch-00'],
        'the last five, none twice, none lost',
      );
      assert.ok(await pages.getByRole('button', { name: 'Next page' }).isDisabled(), 'no page after');
      await pages.getByRole('button', { name: 'Previous page' }).click();
      await pages.getByText('Page 1').waitFor();
      await rows.filter({ hasText: 'batch-54' }).waitFor();
      assert.equal(await rows.count(), 50);
    });

    await t.test('a burst of bounces raises a rate alert: on the overview and the alerts page', async () => {
      const at = new Date().toISOString();
      const events: object[] = [];
      for (let i = 0; i < 500; i++) {
        const recipient = `buyer${i}@rates.example`;
        const messageId = `<${CAMPAIGN}-${i}@crm>`;
        events.push({ type: 'sent', recipient, messageId, campaign: CAMPAIGN, at });
        if (i < 60) events.push({ type: 'bounced', recipient, messageId, reason: 'mailboxfull', at });
      }
      await call(server, 'POST', '/v1/events', { events });
      // Judged as the events are taken in; asked again for a while in case that ever becomes deferred.
      interface RateAlert {
        scope: { campaign?: string };
        level: string;
        rate: number;
      }
      let alert: RateAlert | undefined;
      for (let tries = 0; tries < 50 && alert === undefined; tries++) {
        const open = await call(server, 'GET', '/v1/alerts?state=open&scope=campaign');
        alert = (open.items as RateAlert[]).find((a) => a.scope.campaign === CAMPAIGN);
        if (alert === undefined) await page.waitForTimeout(100);
      }
      assert.equal(alert?.level, 'critical', '60 bounces of 500 sends: 12 %, over the 10 % line');
      assert.equal(alert?.rate, 0.12);
      await page.getByRole('link', { name: 'Overview' }).click();
      const open = page.getByRole('region', { name: 'Open alerts and incidents' });
      await open.getByText(`campaign ${CAMPAIGN}`).waitFor();
      await shot(page, 'overview-alert');
      await page.getByRole('link', { name: 'Alerts and incidents' }).click();
      const row = page
        .getByRole('region', { name: 'Rate alerts' })
        .getByRole('row', { name: new RegExp(`campaign ${CAMPAIGN}`) });
      const text = await row.innerText();
      assert.match(text, /Critical|critical/);
      assert.match(text, /12\s?%/);
      await shot(page, 'alerts');
      await audit(page, 'alerts');
    });

    await t.test('after repeated failed logins the page says how long to wait', async () => {
      for (let i = 0; i < 10; i++) {
        const failed = await fetch(new URL('/v1/session', server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: DESK.email, password: `guess number ${i}` }),
        });
        assert.equal(failed.status, 401);
      }
      const guestContext = await browser!.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
      });
      const guest = await guestContext.newPage();
      await guest.goto(server.url);
      await guest.getByLabel('Email', { exact: true }).fill(DESK.email);
      await guest.getByLabel('Password', { exact: true }).fill(DESK.password);
      await guest.getByRole('button', { name: 'Log in' }).click();
      await guest.getByText('Too many failed logins: try again in 15 min.').waitFor();
      assert.equal(await guest.getByRole('navigation', { name: 'Main' }).count(), 0, 'not logged in');
      await guestContext.close();
    });

    await t.test('the keyboard reaches the skip link first, and it leads to the content', async () => {
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.reload();
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () => (globalThis as unknown as Window).document.activeElement?.textContent,
      );
      assert.equal(focused, 'Skip to content');
      await page.keyboard.press('Enter');
      const id = await page.evaluate(() => (globalThis as unknown as Window).document.activeElement?.id);
      assert.equal(id, 'main');
    });

    await t.test('switches to French, and remembers it', async () => {
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByLabel('Language').selectOption('fr');
      await page.getByRole('heading', { name: "Vue d'ensemble", level: 1 }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await page.reload();
      await page.getByRole('link', { name: 'Adresses' }).waitFor();
      await shot(page, 'overview-fr');
      await audit(page, 'overview-fr');
      // The server's explanations, said in French from their codes and figures.
      await page.goto(`${server.url}#/addresses/${encodeURIComponent(STILL_BLOCKED)}`);
      const why = (await page.locator('.summary .why').innerText()).trim();
      const english = (await call(server, 'GET', `/v1/addresses/${STILL_BLOCKED}`)).explanation as string;
      assert.notEqual(why, english);
      assert.match(why, /^Bloquée depuis le .+ : la boîte aux lettres du destinataire est pleine\.$/);
      // The timeline's state changes, said from each entry's type, reason, kind, status and from / to.
      const timeline = page.locator('.timeline .change');
      await timeline.first().waitFor();
      const changes = await timeline.allInnerTexts();
      const history = (await call(server, 'GET', `/v1/addresses/${STILL_BLOCKED}`)).history as {
        explanation?: string;
      }[];
      const sentences = history.flatMap((h) => (h.explanation === undefined ? [] : [h.explanation]));
      assert.equal(changes.length, sentences.length, 'one line per state change');
      for (const line of changes)
        assert.ok(!sentences.includes(line), `"${line}" is not the server's English`);
      const full = 'la boîte aux lettres du destinataire est pleine';
      assert.ok(
        changes.some((line) =>
          new RegExp(`^Bloquée le .+ : ${full} ; trop de rebonds temporaires d’affilée\\.$`).test(line),
        ),
        changes.join('\n'),
      );
      assert.ok(
        changes.some((line) =>
          new RegExp(`^Rebond temporaire le .+ : ${full}\\. L’adresse reste permise\\.$`).test(line),
        ),
        changes.join('\n'),
      );
      await page.goto(`${server.url}#/alerts?state=closed`);
      const incident = page.getByRole('article', {
        name: new RegExp(`192\\.0\\.2\\.9 refusé par ${REFUSING}`),
      });
      assert.match(
        await incident.locator('.why').innerText(),
        new RegExp(
          `^${REFUSING.replace('.', '\\.')} a refusé le courrier de 192\\.0\\.2\\.9 3 fois depuis le .+ ` +
            `\\(3 destinataires\\), en citant .*Spamhaus.* : c’est l’expéditeur qui est refusé, pas les ` +
            `destinataires, donc aucun destinataire n’est bloqué pour cela\\. Fermé le .+ par user:\\S+ : ` +
            'Delisted at Spamhaus$',
        ),
      );
      await page.goto(`${server.url}#/pauses?state=resumed`);
      assert.match(
        await page
          .getByRole('row', { name: /campagne spring-sale/ })
          .locator('td')
          .first()
          .innerText(),
        /^L’envoi pour la campagne spring-sale est suspendu par user:\S+ : Bounce spike under review\. Le courrier attend \(4xx\) jusqu’à ce qu’un administrateur le reprenne\.$/,
      );
      await page.goto(`${server.url}#/unblock-requests?state=approved`);
      const decided = page.getByRole('article', { name: new RegExp(SOFT_BLOCKED) });
      assert.match(
        await decided.locator('.why').innerText(),
        /^Approuvée par user:\S+ le .+ : Checked with the customer$/,
      );
      assert.match(await decided.innerText(), /Le domaine example\.net a pour MX mx\.example\.net\./);
      await page.goto(`${server.url}#/alerts`);
      const alert = page.getByRole('row', { name: new RegExp(`campagne ${CAMPAIGN}`) });
      assert.match(
        await alert.innerText(),
        new RegExp(
          `Le taux de rebond de campagne ${CAMPAIGN} est de 12\\s?% \\(60 sur 500 envois des 24 dernières heures\\)`,
        ),
      );
      // The listing found by the blocklist check: its figures come from the guard settings.
      const { quietHours } = (await call(server, 'GET', '/v1/settings/guard')) as { quietHours: number };
      const listing = page.getByRole('article', { name: /192\.0\.2\.9 refusé par une liste de blocage DNS/ });
      assert.match(
        await listing.locator('.why').innerText(),
        new RegExp(
          '^Une vérification des listes de blocage DNS a trouvé 192\\.0\\.2\\.9 listé.+ Rien n’est retenu pour ' +
            `une inscription seule\\. Il se ferme après ${quietHours} heures sans nouveau refus, ou quand un ` +
            'administrateur le clôt\\.$',
        ),
      );
      // Its steps, said from their codes and params: Spamhaus's removal rules in French, beside the link.
      const steps = await listing.locator('.steps li').allInnerTexts();
      assert.ok(
        steps.some((step) =>
          /^Recherchez 192\.0\.2\.9 sur Spamhaus : une inscription SBL n’est retirée qu’à la demande du réseau \(FAI\).+ https:\/\/check\.spamhaus\.org\/$/.test(
            step,
          ),
        ),
        steps.join('\n'),
      );
      // The blocklist check's answer (the newest: the check may have run more than once), said from its
      // zone, outcome and code.
      const answer = page.getByRole('region', { name: 'Listes de blocage', exact: true });
      assert.match(
        await answer
          .getByRole('row', { name: /192\.0\.2\.9/ })
          .first()
          .innerText(),
        /Listé sur zen\.spamhaus\.org : Spamhaus SBL : une source ou une opération de spam connue\./,
      );
      await page.getByRole('link', { name: 'Règles' }).click();
      const french = await settingsWords(page, server);
      for (const [id, label] of englishWords) {
        assert.notEqual(french.get(id), label, `${id} is labelled in French`);
      }
    });

    await t.test('is usable at a phone width', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('link', { name: 'Adresses' }).click();
      await page.getByRole('heading', { name: 'Adresses', level: 1 }).waitFor();
      const overflow = await page.evaluate(() => {
        const w = globalThis as unknown as Window;
        return w.document.documentElement.scrollWidth - w.innerWidth;
      });
      assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px too wide)`);
      await shot(page, 'phone-addresses-fr');
      await audit(page, 'phone-addresses-fr');
    });

    assert.deepEqual(errors, [], 'no script errors in the page');
  } finally {
    await browser?.close();
    await server.close();
    await dns.close();
    await new Promise((done) => receiver.close(done));
    rmSync(dir, { recursive: true, force: true });
    // Taken anyway (a screenshot that fails to save is a failure); kept only when asked for.
    if (ASKED === '') rmSync(SHOTS, { recursive: true, force: true });
  }
});
