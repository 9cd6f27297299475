/**
 * `npm run bench:relay`: a burst of messages through the SMTP relay vs straight to the upstream, same run.
 *   accept       messages/s until Rebound has answered 250 to all (gate + durable spool)
 *   end-to-end   messages/s until the upstream has received all (plus VERP signing, delivery, events)
 *   baseline     messages/s with the same client sending straight to the upstream
 * The upstream is a fake smtp-server on loopback that accepts everything; the relay is the real one on a
 * SQLite file. Size: REBOUND_BENCH_MESSAGES (1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { startRelay } from '../src/capture/relay/index.js';
import { CaptureSettings } from '../src/capture/settings/capture-settings.js';
import { StoreReboundService } from '../src/service/rebound-service.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startFakeUpstream, type FakeUpstream } from '../test/capture/relay/fake-upstream.js';

const MESSAGES = Number(process.env.REBOUND_BENCH_MESSAGES ?? 1000);
const CONNECTIONS = 5;
const WARM_UP = 50;
const TIMEOUT_MS = 120_000;
const BODY = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(87)}\n`; // ~5 KB
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

interface Burst {
  acceptSeconds: number;
  endToEndSeconds: number;
}

/** Sends `count` messages through a pooled client; times the last 250 and the upstream's last receipt. */
async function burst(port: number, pass: string | undefined, upstream: FakeUpstream, count: number) {
  const client = nodemailer.createTransport({
    pool: true,
    maxConnections: CONNECTIONS,
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    ...(pass === undefined ? {} : { auth: { user: 'crm', pass } }),
  });
  const target = upstream.received.length + count;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.sendMail({
          from: 'news@crm.example',
          to: `user${i}@example.org`,
          subject: `Newsletter ${i}`,
          text: BODY,
        }),
      ),
    );
    const accepted = performance.now();
    while (upstream.received.length < target) {
      if (performance.now() - started > TIMEOUT_MS) {
        throw new Error(`upstream got ${upstream.received.length} of ${target} after ${TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return {
      acceptSeconds: (accepted - started) / 1000,
      endToEndSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-relay-'));
  const upstream = await startFakeUpstream();
  const store = openSqliteStore(join(dir, 'rebound.db'));
  const service = new StoreReboundService(store);
  // As `rebound serve` does: the account's sending settings read from the store for each message.
  const settings = new CaptureSettings(store.captureSettings, new Map());
  try {
    const { id: accountId } = await service.createAccount('crm');
    const { secret: key } = await service.createApiKey(accountId, 'user', 'crm');
    const relay = await startRelay(
      { service, sendingSettings: (account) => settings.sending(account), log: quiet },
      {
        host: '127.0.0.1',
        port: 0,
        maxBytes: 1024 * 1024,
        closeTimeoutMs: 1000,
        spoolDir: join(dir, 'spool'),
        upstream: upstream.url,
        verp: { domain: 'bounce.example.net', secret: 'bench-secret-0123456789abcdef' },
      },
    );
    try {
      await burst(relay.port, key, upstream, WARM_UP);
      await burst(upstream.port, undefined, upstream, WARM_UP);
      const rebound = await burst(relay.port, key, upstream, MESSAGES);
      const direct = await burst(upstream.port, undefined, upstream, MESSAGES);
      report(rebound, direct);
    } finally {
      await relay.close();
    }
  } finally {
    await service.close();
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rebound: Burst, direct: Burst): void {
  const rate = (seconds: number) => Math.round(MESSAGES / seconds);
  const fmt = (seconds: number) => `${rate(seconds).toLocaleString('en')} (${seconds.toFixed(2)} s)`;
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Linux ${release()}, Node ${process.version}`;
  const ratio = (rate(rebound.endToEndSeconds) / rate(direct.endToEndSeconds)).toFixed(2);
  console.log(
    [
      `machine: ${machine}`,
      `${MESSAGES} messages of ~${Math.round(BODY.length / 1024)} KB, 1 recipient each, ${CONNECTIONS} pooled client connections`,
      '',
      '--- markdown for docs/benchmarks.md ---',
      `- Machine: ${machine}.`,
      '',
      '| path | accepted (250) msg/s | at the upstream msg/s |',
      '| --- | ---: | ---: |',
      `| through Rebound | ${fmt(rebound.acceptSeconds)} | ${fmt(rebound.endToEndSeconds)} |`,
      `| straight to the upstream | ${fmt(direct.acceptSeconds)} | ${fmt(direct.endToEndSeconds)} |`,
      '',
      `Through Rebound / straight, end to end: **${ratio}x**.`,
    ].join('\n'),
  );
}

await main();
