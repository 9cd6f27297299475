/**
 * An import worker thread: hashes, classifies and compresses the mails it is sent, off the thread that
 * writes the database. Classification is pure, so a worker needs nothing but the bytes.
 */
import { parentPort } from 'node:worker_threads';
import { compressRaw } from '../store/raw-codec.js';
import { prepareMail } from '../service/ingest-batch.js';
import type { PreparedWire, PrepareJob, PrepareReply } from './import-pool.js';

function prepareOne(raw: Uint8Array): PreparedWire {
  const mail = prepareMail(raw);
  if (mail instanceof Error) return { refused: { code: mail.code, message: mail.message } };
  // Its own ArrayBuffer, so it can be transferred: zlib's small results share Node's buffer pool.
  return { ...mail, gzipped: new Uint8Array(compressRaw(raw)) };
}

parentPort?.on('message', (job: PrepareJob) => {
  const mails = job.raws.map(prepareOne);
  const transfer = mails.flatMap((m) => ('refused' in m ? [] : [m.raw.buffer, m.gzipped.buffer]));
  const reply: PrepareReply = { id: job.id, mails };
  parentPort?.postMessage(reply, transfer as ArrayBuffer[]);
});
