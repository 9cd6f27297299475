/**
 * A doorbell for the mailbox loop: new mail (IDLE's EXISTS), a dropped connection or a stop ring it; the
 * loop waits for a ring or a timeout. A ring while nobody waits is kept, so mail that arrives while a
 * pass is running is not left for the next interval.
 */
export interface Wakeup {
  ring(): void;
  /** Resolves at the first ring since the last wait, or after ms. */
  wait(ms: number): Promise<void>;
}

export function createWakeup(): Wakeup {
  let rung = false;
  let wake: (() => void) | undefined;
  return {
    ring() {
      rung = true;
      wake?.();
    },
    wait(ms) {
      if (rung) {
        rung = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          wake = undefined;
          rung = false;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wake = done;
      });
    },
  };
}
