/**
 * An import worker thread: hashes, classifies and (when told to) compresses the mails it is sent, off the
 * thread that writes the database. Classification is pure, so a worker needs nothing but the bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compressRaw } from '../store/raw-codec.js';
import { prepareMail } from '../service/ingest-batch.js';
import type { PreparedWire, PrepareJob, PrepareReply, PrepareWorkerData } from './import-pool.js';

const { compress } = workerData as PrepareWorkerData;

function prepareOne(raw: Uint8Array): PreparedWire {
  const mail = prepareMail(raw);
  if (mail instanceof Error) return { refused: { code: mail.code, message: mail.message } };
  // compressRaw's result has an ArrayBuffer of its own, so it can be transferred.
  return compress ? { ...mail, compressed: compressRaw(raw) } : mail;
}

parentPort?.on('message', (job: PrepareJob) => {
  const mails = job.raws.map(prepareOne);
  const transfer = mails.flatMap((m) =>
    'refused' in m ? [] : m.compressed === undefined ? [m.raw.buffer] : [m.raw.buffer, m.compressed.buffer],
  );
  const reply: PrepareReply = { id: job.id, mails };
  parentPort?.postMessage(reply, transfer as ArrayBuffer[]);
});
