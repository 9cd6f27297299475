/**
 * The reading thread of ReadAhead (read-ahead.ts): reads the files in order into their slots, at most
 * a slot count ahead of the main thread, skipping those the main thread has claimed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import {
  CONTROL_CURRENT,
  CONTROL_STOP,
  CONTROL_WAKE_AT,
  FileState,
  NOT_WAITING,
  type ReadAheadShared,
} from './read-ahead.js';

const { paths, states, control, lengths, data, slotBytes } = workerData as ReadAheadShared;
const bytes = new Uint8Array(data);
const slots = lengths.length;

for (let i = 0; i < paths.length && Atomics.load(control, CONTROL_STOP) === 0; i++) {
  // The slot is free once the main thread has moved past the file that used it before.
  if (i >= Atomics.load(control, CONTROL_CURRENT) + slots) {
    waitForSlots(i - Math.floor(slots / 2));
    // Woken by stop(): the main thread may still hold the file in this slot.
    if (Atomics.load(control, CONTROL_STOP) !== 0) break;
  }
  if (Atomics.compareExchange(states, i, FileState.Untouched, FileState.Reading) !== FileState.Untouched)
    continue;
  const slot = i % slots;
  const length = readInto(paths[i]!, bytes.subarray(slot * slotBytes, (slot + 1) * slotBytes));
  if (length !== undefined) lengths[slot] = length;
  Atomics.store(states, i, length === undefined ? FileState.Failed : FileState.Ready);
  Atomics.notify(states, i);
}

/** Waits until the main thread is on file `wakeAt` or later. */
function waitForSlots(wakeAt: number): void {
  Atomics.store(control, CONTROL_WAKE_AT, wakeAt);
  // The main thread stores its file, then reads CONTROL_WAKE_AT: a move after this load ends the wait.
  for (let current = Atomics.load(control, CONTROL_CURRENT); current < wakeAt;) {
    Atomics.wait(control, CONTROL_CURRENT, current);
    current = Atomics.load(control, CONTROL_CURRENT);
  }
  Atomics.store(control, CONTROL_WAKE_AT, NOT_WAITING);
}

/** The file's length, or undefined when it cannot be read or does not fit (the main thread reads it). */
function readInto(path: string, slot: Uint8Array): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    // The paths are regular files, where a short read is the end (see FileReader.read); a full one
    // may not be.
    const length = readSync(fd, slot, 0, slot.length, null);
    return length < slot.length ? length : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
