/**
 * An import worker thread: hashes and classifies the mails it is sent, off the thread that writes the
 * database, and answers at once. Then, as long as no other batch is waiting for it, it compresses the
 * raw mails of the batches it answered whose writing has not started, the newest first: the oldest is the
 * next to be written, and the writing thread compresses what it finds not compressed (see
 * import-pool.ts). Classification is pure, so a worker needs nothing but the bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compressRaw } from '../store/raw-codec.js';
import { prepareMail } from '../service/ingest-batch.js';
import { mailsOf } from './import-pack.js';
import type { PrepareAnswer, PrepareJob, PreparedWire, PrepareWorkerData } from './import-pool.js';

const { answers, sent, writing } = workerData as PrepareWorkerData;
/** Mails compressed between two looks at whether a batch is waiting: about a millisecond's work. */
const CHUNK = 32;

interface Answered {
  id: number;
  raws: Uint8Array[];
  /** Only mails that will be stored are worth compressing. */
  stored: boolean[];
  /** The first mail not compressed yet. */
  next: number;
}

let received = 0;
const answered: Answered[] = [];
let scheduled = false;

function prepareOne(raw: Uint8Array): PreparedWire {
  const mail = prepareMail(raw);
  if (mail instanceof Error) return { refused: { code: mail.code, message: mail.message } };
  // The main thread has the raw bytes: only what it lacks crosses back.
  return { sha256: mail.sha256, verdicts: mail.verdicts, applicable: mail.applicable };
}

parentPort?.on('message', (job: PrepareJob) => {
  received++;
  const raws = mailsOf(job.mails);
  const prepared = raws.map(prepareOne);
  const answer: PrepareAnswer = { id: job.id, prepared };
  answers.postMessage(answer);
  answered.push({ id: job.id, raws, stored: prepared.map((p) => !('refused' in p)), next: 0 });
  scheduleCompression();
});

function scheduleCompression(): void {
  if (scheduled) return;
  scheduled = true;
  // After the messages already queued: a batch that arrived meanwhile goes first.
  setImmediate(compressSome);
}

/** Compresses the next CHUNK mails of the newest batch not being written yet, unless a batch is waiting. */
function compressSome(): void {
  scheduled = false;
  // A batch is on its way: its arrival schedules this again once it is answered.
  if (Atomics.load(sent, 0) > received) return;
  const started = Atomics.load(writing, 0);
  while (answered.length > 0 && (answered[0] as Answered).id <= started) answered.shift();
  let batch = answered.at(-1);
  while (batch !== undefined && batch.next === batch.raws.length) {
    answered.pop();
    batch = answered.at(-1);
  }
  if (batch === undefined) return;
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
  scheduleCompression();
}
