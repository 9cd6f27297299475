/** `rebound import PATH...`: every mail under the paths into the store, as if each had been POSTed. */
import { availableParallelism } from 'node:os';
import { ERRORS, isReboundError } from '../errors.js';
import { prepareMail, type BatchOutcome, type PreparedMail } from '../service/ingest-batch.js';
import { mailSources } from './mail-sources.js';
import { HttpTargetError } from './http-target.js';
import { mailsOf, MailPack } from './import-pack.js';
import { tuneJitForImport } from './import-jit.js';
import { PreparePool, type PreparingBatch } from './import-pool.js';
import { ImportTally } from './import-tally.js';
import { withTarget } from './service-command.js';
import { TARGET_OPTIONS, TARGET_USAGE, type Target } from './target.js';
import { EXIT_OK, EXIT_READ_ERROR, usageError, parseCommand } from './usage.js';

const HELP = 'rebound import --help';
/** Requests in flight against a server: enough to hide the round trip, few enough not to crowd it. */
const REMOTE_CONCURRENCY = 8;
const PROGRESS_INTERVAL_MS = 100;
/** Mails per transaction on a local store: the commit is amortised, memory stays small. */
const BATCH_MAILS = 1000;
/**
 * The first batch is smaller, and each next one twice as large up to BATCH_MAILS: writing starts once a
 * few mails are classified, not a whole batch by a worker still cold. Early batches are cheap to write
 * (the addresses' histories are still short), so the two more transactions cost little.
 */
const FIRST_BATCH_MAILS = BATCH_MAILS / 8;
const BATCH_BYTES = 32 * 1024 * 1024;
/** Batches read ahead of the one being written: enough to keep every worker busy. */
const BATCHES_AHEAD = 3;
/** No recipient could be read: a mail that is no bounce, counted as such rather than as an error. */
const UNREADABLE = ERRORS.unreadable_mail.status;
const MAX_WORKERS = 64;

export const IMPORT_USAGE = `Usage: rebound import [--workers N | --server URL --key KEY] PATH...

Reads every mail under PATH (a mail file, an mbox file, a Maildir or a folder of
.eml files, read recursively, or - for stdin), classifies it and applies it to the
addresses it concerns, exactly as POST /v1/bounces does. The same mail imported
twice counts once. Shows progress on stderr when it is a terminal, and a summary.
On the local database, worker threads classify while the main thread writes, in
transactions of up to ${BATCH_MAILS} mails: an interrupted import, run again,
finishes the job (the mails already stored count as duplicates).

Options:
  -h, --help           show this help
  --workers N          classifying threads for a local import (default: one per
                       core but one, ${defaultWorkers()} here; 0: on the main thread, best
                       when other jobs keep every core busy)
${TARGET_USAGE}
Exit status: 0 when every path was read, 1 when some path could not be read or a
mail was refused, 2 on a wrong command line.
`;

export async function runImport(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { ...TARGET_OPTIONS, workers: { type: 'string' } }, IMPORT_USAGE, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError('import needs at least one PATH (- for stdin)', HELP);
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    return usageError(`--workers takes a whole number from 0 to ${MAX_WORKERS}: ${values.workers}`, HELP);
  }
  const local = values.server === undefined && workers > 0;
  if (local) tuneJitForImport();
  // Started before the database opens: the threads' start (~0.1 s) overlaps the opening and migrations.
  const pool = local ? PreparePool.start(workers) : undefined;
  try {
    return await withTarget(values, HELP, async (target) => {
      const started = performance.now();
      const { tally, status } = await importAll(target, positionals, {
        concurrency: values.server === undefined ? 1 : REMOTE_CONCURRENCY,
        workers,
        pool,
      });
      process.stdout.write(tally.summary(performance.now() - started));
      return status;
    });
  } finally {
    await pool?.close();
  }
}

/** A target that takes many mails in one call (one transaction on a local store). */
export interface BatchIngest {
  ingestPrepared(mails: PreparedMail[]): Promise<BatchOutcome[]>;
}

export interface ImportOptions {
  /** Requests in flight, for a target that takes one mail at a time (a server). */
  concurrency: number;
  /** Classifying threads for a batch target; 0: on the main thread. */
  workers: number;
  /** Those threads started already, by the caller, who closes them; else the import starts its own. */
  pool?: PreparePool | undefined;
}

/** Exported for the benchmark, which measures the same loop the command runs. */
export async function importAll(
  target: Target & Partial<BatchIngest>,
  paths: string[],
  options: ImportOptions,
): Promise<{ tally: ImportTally; status: number }> {
  const run = new ImportRun();
  const own =
    options.pool !== undefined || target.ingestPrepared === undefined || options.workers === 0
      ? undefined
      : PreparePool.start(options.workers);
  const pool = options.pool ?? own;
  try {
    const ingest: Ingest =
      target.ingestPrepared === undefined
        ? new OneByOne(target, options.concurrency)
        : new Batches(target as BatchIngest, pool);
    for (const { source, index, bytes } of mailSources(paths, run.onReadError)) {
      await ingest.add({ label: `${source}${index > 1 ? ` #${index}` : ''}`, bytes }, run);
      if (ingest.failed()) break;
      run.progress.tick();
    }
    await ingest.finish(run);
  } finally {
    await own?.close();
    run.progress.clear();
  }
  return { tally: run.tally, status: run.status };
}

/**
 * One classifying thread per core but one, left to the main thread and the database: on 2 busy cores,
 * a second worker cost more CPU than it saved (docs/benchmarks.md).
 */
export function defaultWorkers(): number {
  return Math.min(MAX_WORKERS, Math.max(1, availableParallelism() - 1));
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

/**
 * Mails gathered into batches of one transaction each (the local store). A batch is prepared (by the
 * pool's workers when there is one) while earlier ones are written; writes keep the order of reading.
 */
class Batches implements Ingest {
  private pack = new MailPack();
  private labels: string[] = [];
  private limit = FIRST_BATCH_MAILS;
  /** Batches read and not yet written, oldest first; each settles once written. */
  private readonly ahead: Promise<void>[] = [];
  private written: Promise<void> = Promise.resolve();
  private fatal: { error: unknown } | undefined;

  constructor(
    private readonly target: BatchIngest,
    private readonly pool: PreparePool | undefined,
  ) {}

  async add(mail: Mail, run: ImportRun): Promise<void> {
    this.pack.add(mail.bytes);
    this.labels.push(mail.label);
    if (this.pack.count >= this.limit || this.pack.bytes >= BATCH_BYTES) this.submit(run);
    if (this.ahead.length > BATCHES_AHEAD) await this.ahead.shift();
  }

  failed(): boolean {
    return this.fatal !== undefined;
  }

  async finish(run: ImportRun): Promise<void> {
    this.submit(run);
    await Promise.all(this.ahead);
    if (this.fatal !== undefined) throw this.fatal.error;
  }

  private submit(run: ImportRun): void {
    const { pack, labels } = this;
    if (pack.count === 0) return;
    this.limit = Math.min(BATCH_MAILS, this.limit * 2);
    // Room for the next batch at this one's mean size and a quarter more.
    this.pack = new MailPack(Math.min(BATCH_BYTES, ((pack.bytes / pack.count) * this.limit * 5) / 4));
    this.labels = [];
    const batch = this.pool === undefined ? inThread(pack) : this.pool.prepare(pack.packed());
    // Written one after another; after a failure the rest are dropped and the loop stops reading.
    this.written = this.written
      .then(async () => {
        if (this.fatal !== undefined) return;
        const mails = await batch.answered();
        batch.writing();
        this.count(run, labels, await this.target.ingestPrepared(mails));
      })
      .catch((error: unknown) => void (this.fatal ??= { error }));
    batch.mails.catch(() => undefined);
    this.ahead.push(this.written);
  }

  /** A store failure rejected the whole batch; what is left are single mails refused, reported in place. */
  private count(run: ImportRun, labels: string[], outcomes: BatchOutcome[]): void {
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) return run.tally.add(outcome.result);
      const refusal = countRefusal(run.tally, outcome.error.status, outcome.error.message);
      if (refusal !== undefined) run.refused(labels[i] ?? '', refusal);
    });
  }
}

/** A batch prepared on the main thread (no workers), as the pool would. */
function inThread(pack: MailPack): PreparingBatch {
  const mails = Promise.resolve(mailsOf(pack.packed()).map(prepareMail));
  return { mails, answered: () => mails, writing: () => undefined };
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
