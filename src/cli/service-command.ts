/** What check, addresses and import share: open the target, run, report a failure as one line, close. */
import { ConfigError } from '../config.js';
import { isReboundError } from '../errors.js';
import { HttpTargetError } from './http-target.js';
import { openTarget, TargetUsageError, type Target, type UnblockTarget } from './target.js';
import { EXIT_READ_ERROR, usageError } from './usage.js';

export function withTarget(
  options: { server?: string | undefined; key?: string | undefined },
  help: string,
  run: (target: Target & UnblockTarget) => Promise<number>,
): Promise<number> {
  return withOpened(() => openTarget(options, process.env), help, run);
}

/** The same for any target a command opens (the guard commands open their own). */
export async function withOpened<T extends { close(): Promise<void> }>(
  open: () => Promise<T>,
  help: string,
  run: (target: T) => Promise<number>,
): Promise<number> {
  let target: T;
  try {
    target = await open();
  } catch (error) {
    if (error instanceof TargetUsageError) return usageError(error.message, help);
    return fail(error);
  }
  try {
    return await run(target);
  } catch (error) {
    return fail(error);
  } finally {
    await target.close();
  }
}

/** Errors we expect (bad config, a refused request, a server that is down) are one line; others too, plus a hint. */
export function fail(error: unknown): number {
  const expected = error instanceof ConfigError || error instanceof HttpTargetError || isReboundError(error);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`rebound: ${message}${expected ? '' : ' (unexpected error: please report it)'}\n`);
  return EXIT_READ_ERROR;
}
