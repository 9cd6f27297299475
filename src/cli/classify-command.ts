/** `rebound classify PATH...`: one JSON line (or table rows) per message found under the paths. */
import { classify } from '../classify/classify.js';
import type { Verdict } from '../classify/types.js';
import { writeJsonLinesThreaded } from './classify-threads.js';
import { jsonLine } from './json-line.js';
import { mailSources, STDIN } from './mail-sources.js';
import { Output, OutputClosed } from './output.js';
import { renderTable } from './table.js';
import { EXIT_OK, EXIT_READ_ERROR, usageError, parseCommand } from './usage.js';

export const CLASSIFY_USAGE = `Usage: rebound classify [--format jsonl|table] [--threads N] PATH...

Classifies every mail found under PATH: a mail file, an mbox file, a directory
(read recursively, dotfiles skipped; a Maildir is a directory) or - for stdin.

Options:
  --format jsonl   one JSON line per message: {"source", "index", "verdicts"} (default)
  --format table   aligned columns for reading, one row per verdict
  --threads N      classify in N worker threads (jsonl only, not stdin; default 1):
                   same output in the same order, faster on several cores
  -h, --help       show this help

Exit status: 0 when every path was read (a mail that is no bounce is no error),
1 when some path could not be read, 2 on a wrong command line.
`;

const FORMATS = ['jsonl', 'table'] as const;
type Format = (typeof FORMATS)[number];

const HELP = 'rebound classify --help';
/** More threads than this only cost memory (each loads its own classifier). */
const MAX_THREADS = 64;

export async function runClassify(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      format: { type: 'string', default: 'jsonl' },
      threads: { type: 'string', default: '1' },
    },
    CLASSIFY_USAGE,
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) return usageError(`unknown format '${format}': use jsonl or table`, HELP);
  if (positionals.length === 0) return usageError('classify needs at least one PATH (- for stdin)', HELP);
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS)
    return usageError(
      `--threads wants a whole number from 1 to ${MAX_THREADS}, not '${values.threads}'`,
      HELP,
    );
  if (threads > 1 && (format !== 'jsonl' || positionals.includes(STDIN)))
    return usageError('--threads works with --format jsonl and files or directories, not stdin', HELP);

  let status = EXIT_OK;
  const onError = (source: string, reason: string): void => {
    process.stderr.write(`rebound: cannot read ${source}: ${reason}\n`);
    status = EXIT_READ_ERROR;
  };
  const out = new Output();
  try {
    if (format === 'table') writeTable(positionals, onError, out);
    else if (threads > 1) await writeJsonLinesThreaded(positionals, threads, onError, out);
    else writeJsonLines(positionals, onError, out);
    out.flush();
  } catch (error) {
    // The reader went away (`| head`): what it wanted is written, stop without a word.
    if (!(error instanceof OutputClosed)) throw error;
  }
  return status;
}

type OnError = (source: string, reason: string) => void;

function writeJsonLines(paths: string[], onError: OnError, out: Output): void {
  for (const { source, index, bytes } of mailSources(paths, onError, { readAhead: true })) {
    out.write(jsonLine(source, index, bytes));
  }
}

const TABLE_HEADER = [
  'source',
  'index',
  'recipient',
  'reason',
  'kind',
  'hardBounce',
  'status',
  'replyCode',
  'decoder',
] as const;

/** Buffers every row, since the column widths depend on all of them: meant for people, not for volume. */
function writeTable(paths: string[], onError: OnError, out: Output): void {
  const rows: string[][] = [];
  for (const { source, index, bytes } of mailSources(paths, onError, { readAhead: true })) {
    const verdicts = classify(bytes);
    // A mail that is no bounce still gets its row, so that every message read is accounted for.
    if (verdicts.length === 0) rows.push([source, String(index), ...TABLE_HEADER.slice(2).map(() => '-')]);
    for (const verdict of verdicts) rows.push([source, String(index), ...verdictCells(verdict)]);
  }
  out.write(renderTable(TABLE_HEADER, rows));
}

function verdictCells(v: Verdict): string[] {
  return [
    v.recipient,
    v.reason,
    v.kind,
    String(v.hardBounce),
    v.status ?? '-',
    String(v.replyCode ?? '-'),
    v.decoder,
  ];
}
