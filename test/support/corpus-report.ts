/**
 * `npm run corpus:report [-- --misses]`: agreement with the reference labels and a table of misses
 * by decoder (the same figures the corpus test asserts); `--misses` lists every miss.
 */
import {
  CORPUS_MISSING,
  corpusDir,
  evaluate,
  expectedStatus,
  percent,
  readLabels,
  score,
  type Miss,
  type Score,
} from './corpus.js';

export function missTable(misses: Miss[]): string {
  const byDecoder = new Map<string, Record<'reason' | 'recipient' | 'status' | 'hard', number>>();
  for (const miss of misses) {
    const row = byDecoder.get(miss.decoder) ?? { reason: 0, recipient: 0, status: 0, hard: 0 };
    if (miss.got?.reason !== miss.expected.reason) row.reason++;
    if (miss.got?.recipient !== miss.expected.recipient.toLowerCase()) row.recipient++;
    if ((miss.got?.status ?? '') !== expectedStatus(miss.expected.deliverystatus)) row.status++;
    if (miss.got?.hardBounce !== miss.expected.hardbounce) row.hard++;
    byDecoder.set(miss.decoder, row);
  }
  const rows = [...byDecoder].sort((a, b) => b[1].reason - a[1].reason);
  const lines = ['decoder            reason  recipient  status  hardBounce'];
  for (const [decoder, r] of rows) {
    lines.push(
      `${decoder.padEnd(18)} ${String(r.reason).padStart(6)} ${String(r.recipient).padStart(10)} ${String(r.status).padStart(7)} ${String(r.hard).padStart(11)}`,
    );
  }
  return lines.join('\n');
}

export function scoreLine(s: Score): string {
  return (
    `facts ${s.facts}: reason ${percent(s.reason, s.facts)}, hardBounce ${percent(s.hardBounce, s.facts)}, ` +
    `recipient ${percent(s.recipient, s.facts)}, status ${percent(s.status, s.facts)}`
  );
}

function main(): void {
  const dir = corpusDir();
  if (!dir) {
    console.log(CORPUS_MISSING);
    return;
  }
  const outcomes = evaluate(dir, readLabels(dir));
  const { score: s, misses } = score(outcomes);
  console.log(scoreLine(s));
  console.log(`labels as given, without the corrections: ${scoreLine(score(outcomes, true).score)}`);
  console.log(missTable(misses));
  if (process.argv.includes('--misses')) {
    for (const m of misses) {
      const g = m.got;
      console.log(
        `${m.file} [${m.decoder}] want ${m.expected.recipient} ${m.expected.reason} ${m.expected.deliverystatus} hard=${m.expected.hardbounce}` +
          ` | got ${g ? `${g.recipient} ${g.reason} ${g.status} hard=${g.hardBounce} (${g.evidence.rule}: ${g.evidence.matched.slice(0, 60)})` : '-'}` +
          `\n    diag: ${m.expected.diagnosticcode.slice(0, 160)}`,
      );
    }
  }
}

if (process.argv[1]?.endsWith('corpus-report.js')) main();
