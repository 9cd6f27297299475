/**
 * An import worker thread: hashes and classifies the batches it is sent, off the thread that writes the
 * database, and compresses the raw mails of the batches it answered whose writing has not started.
 * Which of the two comes first depends on which thread is the slower one: while the writing thread has an
 * answered batch to write after the current one, compressing (which takes work off it) goes first;
 * while it has none, the next batch's classification does, since the writer will soon wait for it.
 * Compression takes the newest batch first: the oldest is the next to be written, and the writing thread
 * compresses what it finds not compressed (see import-pool.ts). Classification is pure, so a worker
 * needs nothing but the bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compressRaw } from '../store/raw-codec.js';
import { prepareMail } from '../service/ingest-batch.js';
import { mailsOf } from './import-pack.js';
import type { PrepareAnswer, PrepareJob, PreparedWire, PrepareWorkerData } from './import-pool.js';

const { answers, answered: answeredCount, writing } = workerData as PrepareWorkerData;
/** Mails compressed in one step: about a millisecond's work, after which a waiting batch may go first. */
const CHUNK = 32;

interface Answered {
  id: number;
  raws: Uint8Array[];
  /** Only mails that will be stored are worth compressing. */
  stored: boolean[];
  /** The first mail not compressed yet. */
  next: number;
}

/** Batches received and not classified yet, oldest first. */
const jobs: PrepareJob[] = [];
/** Batches answered whose writing may not have started, oldest first. */
const answered: Answered[] = [];
let scheduled = false;

parentPort?.on('message', (job: PrepareJob) => {
  jobs.push(job);
  schedule();
});

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // After the messages already queued: the batches that came meanwhile are in `jobs` when it runs.
  setImmediate(step);
}

/** One step of work: a batch classified or a chunk of mails compressed, whichever is worth more now. */
function step(): void {
  scheduled = false;
  const started = Atomics.load(writing, 0);
  while (answered.length > 0 && (answered[0] as Answered).id <= started) answered.shift();
  // Answered batches (of every worker) whose writing has not started: batches are written in id order.
  const writerHasWork = Atomics.load(answeredCount, 0) - 1 > started;
  const compressed = (writerHasWork || jobs.length === 0) && compressSome();
  if (!compressed && jobs.length > 0) prepareBatch(jobs.shift() as PrepareJob);
  if (jobs.length > 0 || answered.length > 0) schedule();
}

function prepareOne(raw: Uint8Array): PreparedWire {
  const mail = prepareMail(raw);
  if (mail instanceof Error) return { refused: { code: mail.code, message: mail.message } };
  // The main thread has the raw bytes: only what it lacks crosses back.
  return { sha256: mail.sha256, verdicts: mail.verdicts, applicable: mail.applicable };
}

function prepareBatch(job: PrepareJob): void {
  const raws = mailsOf(job.mails);
  const prepared = raws.map(prepareOne);
  const answer: PrepareAnswer = { id: job.id, prepared };
  answers.postMessage(answer);
  Atomics.add(answeredCount, 0, 1);
  answered.push({ id: job.id, raws, stored: prepared.map((p) => !('refused' in p)), next: 0 });
}

/** Compresses the next CHUNK mails of the newest batch not compressed yet; false when there is none. */
function compressSome(): boolean {
  let batch = answered.at(-1);
  while (batch !== undefined && batch.next === batch.raws.length) {
    answered.pop();
    batch = answered.at(-1);
  }
  if (batch === undefined) return false;
  const from = batch.next;
  const end = Math.min(from + CHUNK, batch.raws.length);
  const compressed: (Uint8Array | null)[] = [];
  for (let i = from; i < end; i++)
    compressed.push(batch.stored[i] ? compressRaw(batch.raws[i] as Uint8Array) : null);
  batch.next = end;
  const answer: PrepareAnswer = { id: batch.id, from, compressed };
  // compressRaw's results have ArrayBuffers of their own: moved, not copied.
  answers.postMessage(
    answer,
    compressed.flatMap((c) => (c === null ? [] : [c.buffer as ArrayBuffer])),
  );
  return true;
}
