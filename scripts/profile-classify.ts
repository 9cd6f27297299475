/**
 * `node dist/scripts/profile-classify.js [DIR] [--rounds N]`: the cost of `classify()` alone, without
 * process start-up, file reading or output. Every file under DIR (default: the corpus's maildir/bsd,
 * the input of `npm run bench:classify`) is read into memory once; then classify runs over all of them
 * N times (default 20) after one warm-up round, and the script prints CPU and wall microseconds per
 * mail. Run it under `node --cpu-prof` or `valgrind --tool=callgrind` to see where the time goes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findCorpus } from '../bench/bench-dir.js';
import { classify } from '../src/classify/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rounds: { type: 'string', default: '20' } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds wants a positive integer`);
  const dir = positionals[0] ?? findCorpus(ROOT);
  if (dir === undefined) throw new Error('no DIR given and the corpus was not found');
  const mails = filesUnder(dir).map((file) => readFileSync(file));
  const bytes = mails.reduce((sum, mail) => sum + mail.byteLength, 0);
  let verdicts = 0;
  for (const mail of mails) verdicts += classify(mail).length;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) for (const mail of mails) classify(mail);
  const wall = Number(process.hrtime.bigint() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const count = mails.length * rounds;
  const cpuMicros = (used.user + used.system) / count;
  console.log(
    `${dir}: ${mails.length} mails, ${(bytes / 1e6).toFixed(2)} MB, ${verdicts} verdicts; ${rounds} rounds\n` +
      `classify: ${cpuMicros.toFixed(1)} µs CPU/mail, ${(wall / count).toFixed(1)} µs wall/mail ` +
      `(${Math.round(1e6 / cpuMicros)} mails/s of CPU)`,
  );
}

main();
