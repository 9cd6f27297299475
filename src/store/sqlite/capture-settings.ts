import type Database from 'better-sqlite3';
import type { CaptureSettingsArea, CaptureSettingsStore } from '../capture-settings.js';

/** Writes go through the store's queue: on the one connection, they must not land inside a transaction. */
export class SqliteCaptureSettings implements CaptureSettingsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly serially: <T>(task: () => T) => Promise<T>,
  ) {}

  get(accountId: string, area: CaptureSettingsArea): Promise<unknown> {
    return this.serially(() => {
      const row = this.db
        .prepare('SELECT value FROM capture_settings WHERE account_id = ? AND area = ?')
        .get(accountId, area) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
    });
  }

  put(accountId: string, area: CaptureSettingsArea, value: unknown): Promise<void> {
    return this.serially(() => {
      this.db
        .prepare(
          `INSERT INTO capture_settings (account_id, area, value, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (account_id, area) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(accountId, area, JSON.stringify(value), new Date().toISOString());
    });
  }
}
