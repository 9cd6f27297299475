/**
 * The log of a loop that runs every few seconds (the webhook outbox): while its passes fail the same way
 * (PostgreSQL restarting for a minute, say), the first failure is logged with its error and the repeats
 * are counted, not logged again, so an outage is two lines rather than thirty stack traces: the failure,
 * then the recovery with how many passes failed. A different failure is logged when it starts.
 */
export interface StreakLog {
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

export class FailureStreak {
  private failing: { kind: string; passes: number } | undefined;

  constructor(
    private readonly log: StreakLog,
    /** What fails, as the log names it: "webhooks: outbox pass". */
    private readonly what: string,
  ) {}

  failed(error: unknown): void {
    const kind = kindOf(error);
    if (this.failing?.kind === kind) {
      this.failing.passes++;
      return;
    }
    this.failing = { kind, passes: 1 };
    this.log.error({ err: error }, `${this.what} failed; repeats of this failure are counted, not logged`);
  }

  succeeded(): void {
    if (this.failing === undefined) return;
    this.log.warn({ failedPasses: this.failing.passes }, `${this.what} works again`);
    this.failing = undefined;
  }
}

/** Failures of one kind: our error code, else the driver's or the system's code, else the message. */
function kindOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return error instanceof Error ? error.message : String(error);
}
