/** `rebound import PATH...`: every mail under the paths into the store, as if each had been POSTed. */
import { parseArgs } from 'node:util';
import { ERRORS, isReboundError } from '../errors.js';
import type { BatchOutcome } from '../service/ingest-batch.js';
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
/** Mails per transaction on a local store: the commit is amortised, memory stays small. */
const BATCH_MAILS = 500;
const BATCH_BYTES = 32 * 1024 * 1024;
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

/** A target that takes many mails in one call (one transaction on a local store). */
export interface BatchIngest {
  ingestBounces(raws: Uint8Array[]): Promise<BatchOutcome[]>;
}

/** Exported for the benchmark, which measures the same loop the command runs. */
export async function importAll(
  target: Target & Partial<BatchIngest>,
  paths: string[],
  concurrency: number,
): Promise<{ tally: ImportTally; status: number }> {
  const run = new ImportRun();
  const ingest: Ingest =
    target.ingestBounces === undefined
      ? new OneByOne(target, concurrency)
      : new Batches(target as BatchIngest, run.tally);
  for (const { source, index, bytes } of mailSources(paths, run.onReadError)) {
    await ingest.add({ label: `${source}${index > 1 ? ` #${index}` : ''}`, bytes }, run);
    if (ingest.failed()) break;
    run.progress.tick();
  }
  await ingest.finish(run);
  run.progress.clear();
  return { tally: run.tally, status: run.status };
}

/** The state of one import: counts, progress line, exit status, and the reports on stderr. */
class ImportRun {
  readonly tally = new ImportTally();
  readonly progress = new Progress(this.tally);
  status = EXIT_OK;

  readonly onReadError = (source: string, reason: string): void => {
    this.report(`cannot read ${source}: ${reason}`);
  };

  refused(label: string, reason: string): void {
    this.report(`${label} refused: ${reason}`);
  }

  private report(line: string): void {
    this.progress.clear();
    process.stderr.write(`rebound: ${line}\n`);
    this.status = EXIT_READ_ERROR;
  }
}

interface Mail {
  label: string;
  /** The reader reuses this buffer for the next file: whoever keeps a mail copies it. */
  bytes: Uint8Array;
}

interface Ingest {
  add(mail: Mail, run: ImportRun): Promise<void>;
  /** True once an unexpected failure stopped the import: the loop stops reading. */
  failed(): boolean;
  /** Waits for what is in flight; throws the first unexpected failure. */
  finish(run: ImportRun): Promise<void>;
}

/** Each mail on its own (a server): up to `concurrency` requests in flight. */
class OneByOne implements Ingest {
  private readonly inFlight = new Set<Promise<void>>();
  // Jobs never reject: the first unexpected failure is kept and thrown once all settled.
  private fatal: { error: unknown } | undefined;

  constructor(
    private readonly target: Target,
    private readonly concurrency: number,
  ) {}

  async add(mail: Mail, run: ImportRun): Promise<void> {
    const raw = this.concurrency > 1 ? Buffer.from(mail.bytes) : mail.bytes;
    const job = this.ingestOne(raw, run.tally).then(
      (refusal) => void (refusal === undefined || run.refused(mail.label, refusal)),
      (error: unknown) => void (this.fatal ??= { error }),
    );
    this.inFlight.add(job);
    void job.then(() => this.inFlight.delete(job));
    if (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
  }

  failed(): boolean {
    return this.fatal !== undefined;
  }

  async finish(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.fatal !== undefined) throw this.fatal.error;
  }

  private async ingestOne(raw: Uint8Array, tally: ImportTally): Promise<string | undefined> {
    try {
      tally.add(await this.target.ingestBounce(raw));
      return undefined;
    } catch (error) {
      const status = isReboundError(error) || error instanceof HttpTargetError ? error.status : 500;
      if (status >= 500 || status < 400) throw error;
      return countRefusal(tally, status, (error as Error).message);
    }
  }
}

/** Mails gathered into batches of one transaction each (the local store). */
class Batches implements Ingest {
  private mails: Mail[] = [];
  private bytes = 0;

  constructor(
    private readonly target: BatchIngest,
    private readonly tally: ImportTally,
  ) {}

  async add(mail: Mail, run: ImportRun): Promise<void> {
    this.mails.push({ label: mail.label, bytes: Buffer.from(mail.bytes) });
    this.bytes += mail.bytes.byteLength;
    if (this.mails.length >= BATCH_MAILS || this.bytes >= BATCH_BYTES) await this.flush(run);
  }

  failed(): boolean {
    return false;
  }

  finish(run: ImportRun): Promise<void> {
    return this.flush(run);
  }

  private async flush(run: ImportRun): Promise<void> {
    const mails = this.mails;
    this.mails = [];
    this.bytes = 0;
    if (mails.length === 0) return;
    const outcomes = await this.target.ingestBounces(mails.map((m) => m.bytes));
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) return this.tally.add(outcome.result);
      if (outcome.error.status >= 500) throw outcome.error;
      const refusal = countRefusal(this.tally, outcome.error.status, outcome.error.message);
      if (refusal !== undefined) run.refused(mails[i]?.label ?? '', refusal);
    });
  }
}

/**
 * A mail that is refused (not a mail, no recipient readable, too large) is counted and reported, and the
 * import goes on. Returns the reason to report, or undefined for a mail that is simply no bounce.
 */
function countRefusal(tally: ImportTally, status: number, message: string): string | undefined {
  if (status === UNREADABLE) {
    tally.unreadable();
    return undefined;
  }
  tally.refuse();
  return message;
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
