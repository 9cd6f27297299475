import type pg from 'pg';
import type { CaptureSettingsArea, CaptureSettingsStore } from '../capture-settings.js';

export class PgCaptureSettings implements CaptureSettingsStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(accountId: string, area: CaptureSettingsArea): Promise<unknown> {
    const { rows } = await this.pool.query<{ value: unknown }>(
      'SELECT value FROM capture_settings WHERE account_id = $1 AND area = $2',
      [accountId, area],
    );
    return rows[0]?.value;
  }

  async put(accountId: string, area: CaptureSettingsArea, value: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO capture_settings (account_id, area, value, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (account_id, area) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [accountId, area, JSON.stringify(value)],
    );
  }
}
