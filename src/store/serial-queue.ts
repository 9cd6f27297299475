/**
 * Runs tasks one after another. SQLite has one connection per process here: an async transaction
 * that awaits between statements must not let another request's statements in, so every use of
 * the connection goes through this queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** fault: what a task's failure is thrown as (the store's own error for a full disk, say). */
  constructor(private readonly fault: (error: unknown) => unknown = (error) => error) {}

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task).catch((error: unknown) => {
      throw this.fault(error);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
