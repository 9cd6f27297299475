/** `rebound import PATH...`: every mail under the paths into the store, as if each had been POSTed. */
import { parseArgs } from 'node:util';
import { ERRORS, isReboundError } from '../errors.js';
import { mailSources } from './mail-sources.js';
import { HttpTargetError } from './http-target.js';
import { ImportTally } from './import-tally.js';
import { withTarget } from './service-command.js';
import { TARGET_OPTIONS, TARGET_USAGE, type Target } from './target.js';
import { EXIT_OK, EXIT_READ_ERROR, usageError } from './usage.js';

export const IMPORT_USAGE = `Usage: rebound import [--server URL --key KEY] PATH...

Reads every mail under PATH (a mail file, an mbox file, a Maildir or a folder of
.eml files, read recursively, or - for stdin), classifies it and applies it to the
addresses it concerns, exactly as POST /v1/bounces does. The same mail imported
twice counts once. Shows progress on stderr when it is a terminal, and a summary.

Options:
  -h, --help           show this help
${TARGET_USAGE}
Exit status: 0 when every path was read, 1 when some path could not be read or a
mail was refused, 2 on a wrong command line.
`;

const HELP = 'rebound import --help';
/** Requests in flight against a server: enough to hide the round trip, few enough not to crowd it. */
const REMOTE_CONCURRENCY = 8;
const PROGRESS_INTERVAL_MS = 100;
/** No recipient could be read: a mail that is no bounce, counted as such rather than as an error. */
const UNREADABLE = ERRORS.unreadable_mail.status;

export async function runImport(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...TARGET_OPTIONS, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usageError((error as Error).message, HELP);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(IMPORT_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) return usageError('import needs at least one PATH (- for stdin)', HELP);
  return withTarget(values, HELP, async (target) => {
    const started = performance.now();
    const { tally, status } = await importAll(
      target,
      positionals,
      values.server === undefined ? 1 : REMOTE_CONCURRENCY,
    );
    process.stdout.write(tally.summary(performance.now() - started));
    return status;
  });
}

/** Exported for the benchmark, which measures the same loop the command runs. */
export async function importAll(
  target: Target,
  paths: string[],
  concurrency: number,
): Promise<{ tally: ImportTally; status: number }> {
  const tally = new ImportTally();
  const progress = new Progress(tally);
  let status = EXIT_OK;
  const onError = (source: string, reason: string): void => {
    progress.clear();
    process.stderr.write(`rebound: cannot read ${source}: ${reason}\n`);
    status = EXIT_READ_ERROR;
  };
  const inFlight = new Set<Promise<void>>();
  // Jobs never reject: the first unexpected failure is kept, the loop stops, and it is thrown once all settled.
  let fatal: { error: unknown } | undefined;
  for (const { source, index, bytes } of mailSources(paths, onError)) {
    // The reader reuses its buffer for the next file: a mail still in flight needs its own copy.
    const raw = concurrency > 1 ? Buffer.from(bytes) : bytes;
    const job = ingestOne(target, raw, tally).then(
      (refusal) => {
        if (refusal === undefined) return;
        progress.clear();
        process.stderr.write(`rebound: ${source}${index > 1 ? ` #${index}` : ''} refused: ${refusal}\n`);
        status = EXIT_READ_ERROR;
      },
      (error: unknown) => void (fatal ??= { error }),
    );
    inFlight.add(job);
    void job.then(() => inFlight.delete(job));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (fatal !== undefined) break;
    progress.tick();
  }
  await Promise.all(inFlight);
  if (fatal !== undefined) throw fatal.error;
  progress.clear();
  return { tally, status };
}

/**
 * A mail that is refused (not a mail, no recipient readable, too large) is counted and reported, and the
 * import goes on; anything else (a database or a server that fails) stops it.
 */
async function ingestOne(target: Target, raw: Uint8Array, tally: ImportTally): Promise<string | undefined> {
  try {
    tally.add(await target.ingestBounce(raw));
    return undefined;
  } catch (error) {
    const status = isReboundError(error) || error instanceof HttpTargetError ? error.status : 500;
    if (status >= 500 || status < 400) throw error;
    if (status === UNREADABLE) {
      tally.unreadable();
      return undefined;
    }
    tally.refuse();
    return (error as Error).message;
  }
}

/** One line on stderr, rewritten at most 10 times a second, only when a person is watching. */
class Progress {
  private readonly enabled = process.stderr.isTTY === true;
  private readonly started = performance.now();
  private last = 0;
  private shown = false;

  constructor(private readonly tally: ImportTally) {}

  tick(): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\r\x1b[K${this.tally.progressLine(now - this.started)}`);
  }

  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    process.stderr.write('\r\x1b[K');
  }
}
