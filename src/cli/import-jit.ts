/**
 * V8 tuning for `rebound import` on the local database, whose threads keep every core busy: there,
 * TurboFan's inlining costs more in compiling (on background threads, competing for the same cores) than
 * it saves in running, over imports of thousands to tens of thousands of mails. Measured on this
 * project's 2-core machine (docs/benchmarks.md, session 7): a 5,032-mail import 13.9 -> 12.4 G
 * instructions (callgrind), the same per mail once warm (20,128 mails), and faster in every alternated
 * pair (8 of 8 at 5,032 mails, -8 to -10%; 4 of 4 at 20,128, -7%). Not for the server, whose compiled
 * code serves for days, nor for `classify`, whose compiling runs on a core its one thread leaves idle.
 * V8's flags belong to the process (every thread): set once, before the workers start.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneJitForImport(): void {
  setFlagsFromString('--no-turbo-inlining');
}
