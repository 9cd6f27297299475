/** The guard store on any SqlDb: webhooks (webhook-sql.ts), plus leases, rate counters, alerts and pauses. */
import type {
  Announce,
  AlertFigures,
  AlertFilter,
  AlertRow,
  CampaignSend,
  GuardStore,
  NewPause,
  PauseRow,
  RateCounts,
  RateIncrement,
  RateWindow,
  ScopeKind,
  ScopeRef,
} from './guard.js';
import { scopeId } from './guard.js';
import { alertRow, pauseRow } from './guard-rows.js';
import { matchAny, sqlChunks, valueRows } from './sql-chunks.js';
import type { SqlDb, SqlParams } from './sql-db.js';
import type { Keyset } from './store.js';
import { announcedWrite, isId, SqlWebhookStore } from './webhook-sql.js';

/** The columns naming an alert scope. */
const SCOPE_COLUMNS = ['scope_kind', 'scope_key'];
const ALERT_COLUMNS = `id, account_id, scope_kind, scope_key, metric, level, state, rate, count, sent, threshold,
  window_hours, explanation, opened_at, updated_at, closed_at`;
const PAUSE_COLUMNS = `id, account_id, scope_kind, scope_key, alert_id, actor, note, explanation, created_at,
  resumed_at, resumed_by, resume_note`;

export class SqlGuardStore extends SqlWebhookStore implements GuardStore {
  async takeLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    // One statement, so one row lock settles it: SQLite runs it under the database's write lock,
    // PostgreSQL's ON CONFLICT DO UPDATE re-checks the WHERE on the row it locked.
    const rows = await this.db.all(
      `INSERT INTO guard_leases (name, holder, expires_at) VALUES (@name, @holder, @until)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE guard_leases.holder = excluded.holder OR guard_leases.expires_at <= @now
       RETURNING holder`,
      { name, holder, now, until },
    );
    return rows.length === 1;
  }

  async releaseLease(name: string, holder: string, at: string): Promise<void> {
    await this.db.all(
      'UPDATE guard_leases SET expires_at = @at WHERE name = @name AND holder = @holder AND expires_at > @at',
      { name, holder, at },
    );
  }

  async addRates(accountId: string, increments: RateIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    // Increments are one per scope and hour (tallyRates), so no row is hit twice by one statement.
    await this.allOrNone(sqlChunks(increments), async (db, part) => {
      const params: SqlParams = { accountId };
      const rows = valueRows(
        part,
        (inc) => [inc.scope.kind, inc.scope.key, inc.hour, inc.sent, inc.bounced, inc.complained],
        params,
        ['accountId'],
      );
      await db.all(
        `INSERT INTO rate_buckets (account_id, scope_kind, scope_key, hour, sent, bounced, complained)
         VALUES ${rows}
         ON CONFLICT (account_id, scope_kind, scope_key, hour) DO UPDATE SET
           sent = rate_buckets.sent + excluded.sent, bounced = rate_buckets.bounced + excluded.bounced,
           complained = rate_buckets.complained + excluded.complained`,
        params,
      );
    });
  }

  /**
   * Runs `write` for each chunk, all of them or none: in one transaction when there are several; a single
   * statement is atomic alone (on PostgreSQL that spares BEGIN and COMMIT, two round trips).
   */
  private async allOrNone<T>(chunks: T[][], write: (db: SqlDb, chunk: T[]) => Promise<void>): Promise<void> {
    if (chunks.length === 1) return write(this.db, chunks[0] as T[]);
    await this.db.tx(async (db) => {
      for (const chunk of chunks) await write(db, chunk);
    });
  }

  async rateWindows(
    accountId: string,
    scopes: ScopeRef[],
    oldestHour: string,
  ): Promise<Map<string, RateWindow>> {
    const sums = ['sent', 'bounced', 'complained'].flatMap((c) => [
      `coalesce(sum(CASE WHEN hour = @oldestHour THEN ${c} END), 0) AS oldest_${c}`,
      `coalesce(sum(CASE WHEN hour > @oldestHour THEN ${c} END), 0) AS later_${c}`,
    ]);
    const out = new Map<string, RateWindow>();
    for (const part of sqlChunks(scopes)) {
      const params: SqlParams = { accountId, oldestHour };
      const match = matchAny(part, SCOPE_COLUMNS, (scope) => [scope.kind, scope.key], params);
      const rows = await this.db.all(
        `SELECT scope_kind, scope_key, ${sums.join(', ')} FROM rate_buckets
         WHERE account_id = @accountId AND hour >= @oldestHour AND (${match})
         GROUP BY scope_kind, scope_key`,
        params,
      );
      for (const r of rows) {
        const counts = (part: string): RateCounts => ({
          sent: Number(r[`${part}_sent`]),
          bounced: Number(r[`${part}_bounced`]),
          complained: Number(r[`${part}_complained`]),
        });
        const scope = { kind: String(r.scope_kind) as ScopeKind, key: String(r.scope_key) };
        out.set(scopeId(scope), { oldest: counts('oldest'), later: counts('later') });
      }
    }
    return out;
  }

  async activeScopes(fromHour: string): Promise<{ accountId: string; scope: ScopeRef }[]> {
    const rows = await this.db.all(
      'SELECT DISTINCT account_id, scope_kind, scope_key FROM rate_buckets WHERE hour >= @fromHour',
      { fromHour },
    );
    return rows.map((r) => ({
      accountId: String(r.account_id),
      scope: { kind: String(r.scope_kind) as ScopeKind, key: String(r.scope_key) },
    }));
  }

  async recordCampaignSends(accountId: string, sends: CampaignSend[]): Promise<void> {
    if (sends.length === 0) return;
    await this.allOrNone(sqlChunks(sends), async (db, part) => {
      const params: SqlParams = { accountId };
      const rows = valueRows(part, (s) => [s.messageId, s.address, s.campaign, s.at], params, ['accountId']);
      await db.all(
        `INSERT INTO campaign_sends (account_id, message_id, address, campaign, at) VALUES ${rows}
         ON CONFLICT DO NOTHING`,
        params,
      );
    });
  }

  async campaignsOf(
    accountId: string,
    keys: { messageId: string; address: string }[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of sqlChunks(keys)) {
      const params: SqlParams = { accountId };
      const match = matchAny(part, ['message_id', 'address'], (k) => [k.messageId, k.address], params);
      const rows = await this.db.all(
        `SELECT message_id, address, campaign FROM campaign_sends
         WHERE account_id = @accountId AND (${match})`,
        params,
      );
      for (const r of rows) out.set(`${String(r.message_id)} ${String(r.address)}`, String(r.campaign));
    }
    return out;
  }

  async getAlertSettings(accountId: string): Promise<Record<string, unknown> | undefined> {
    const [r] = await this.db.all('SELECT settings FROM alert_settings WHERE account_id = @accountId', {
      accountId,
    });
    return r === undefined ? undefined : (JSON.parse(String(r.settings)) as Record<string, unknown>);
  }

  async putAlertSettings(accountId: string, settings: Record<string, unknown>): Promise<void> {
    await this.db.all(
      `INSERT INTO alert_settings (account_id, settings) VALUES (@accountId, @settings)
       ON CONFLICT (account_id) DO UPDATE SET settings = excluded.settings`,
      { accountId, settings: JSON.stringify(settings) },
    );
  }

  async openAlert(
    row: Omit<AlertRow, 'id' | 'state' | 'closedAt' | 'updatedAt'>,
    announce: Announce<AlertRow>,
  ): Promise<AlertRow | undefined> {
    // Two processes evaluating the same scope at once: the partial unique index lets one alert open.
    return announcedWrite(
      this.db,
      announce,
      `INSERT INTO alerts (account_id, scope_kind, scope_key, metric, level, state, rate, count, sent, threshold,
         window_hours, explanation, opened_at, updated_at)
       VALUES (@accountId, @kind, @key, @metric, @level, 'open', @rate, @count, @sent, @threshold, @windowHours,
         @explanation, @openedAt, @openedAt)
       ON CONFLICT (account_id, scope_kind, scope_key, metric) WHERE state = 'open' DO NOTHING
       RETURNING ${ALERT_COLUMNS}`,
      {
        accountId: row.accountId,
        ...row.scope,
        metric: row.metric,
        level: row.level,
        rate: row.rate,
        count: row.count,
        sent: row.sent,
        threshold: row.threshold,
        windowHours: row.windowHours,
        explanation: row.explanation,
        openedAt: row.openedAt,
      },
      alertRow,
    );
  }

  async updateAlert(
    id: string,
    f: AlertFigures,
    at: string,
    close: boolean,
    announce: Announce<AlertRow>,
  ): Promise<AlertRow | undefined> {
    return announcedWrite(
      this.db,
      announce,
      `UPDATE alerts SET level = @level, rate = @rate, count = @count, sent = @sent, threshold = @threshold,
         window_hours = @windowHours, explanation = @explanation, updated_at = @at,
         state = CASE WHEN @close = 1 THEN 'closed' ELSE state END,
         closed_at = CASE WHEN @close = 1 THEN @at ELSE closed_at END
       WHERE id = @id AND state = 'open' AND (@close = 1 OR level <> @level) RETURNING ${ALERT_COLUMNS}`,
      { ...f, at, close: close ? 1 : 0, id: Number(id) },
      alertRow,
    );
  }

  async openAlertsIn(accountId: string, scopes: ScopeRef[]): Promise<AlertRow[]> {
    const out: AlertRow[] = [];
    for (const part of sqlChunks(scopes)) {
      const params: SqlParams = { accountId };
      const match = matchAny(part, SCOPE_COLUMNS, (scope) => [scope.kind, scope.key], params);
      const rows = await this.db.all(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE account_id = @accountId AND state = 'open' AND (${match})`,
        params,
      );
      out.push(...rows.map(alertRow));
    }
    return out;
  }

  async getAlert(accountId: string, id: string): Promise<AlertRow | undefined> {
    if (!isId(id)) return undefined;
    const [r] = await this.db.all(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE account_id = @accountId AND id = @id`,
      {
        accountId,
        id: Number(id),
      },
    );
    return r === undefined ? undefined : alertRow(r);
  }

  async listAlerts(accountId: string, filter: AlertFilter, page: Keyset): Promise<AlertRow[]> {
    const where = ['account_id = @accountId'];
    if (filter.state !== undefined) where.push('state = @state');
    if (filter.scope !== undefined) where.push('scope_kind = @scope');
    if (page.after !== null) where.push('id < @after');
    const rows = await this.db.all(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
      {
        accountId,
        limit: page.limit,
        ...(filter.state === undefined ? {} : { state: filter.state }),
        ...(filter.scope === undefined ? {} : { scope: filter.scope }),
        ...(page.after === null ? {} : { after: Number(page.after) }),
      },
    );
    return rows.map(alertRow);
  }

  async createPause(p: NewPause): Promise<PauseRow | undefined> {
    const [r] = await this.db.all(
      `INSERT INTO pauses (account_id, scope_kind, scope_key, alert_id, actor, note, explanation, created_at)
       VALUES (@accountId, @kind, @key, @alertId, @actor, @note, @explanation, @createdAt)
       ON CONFLICT (account_id, scope_kind, scope_key) WHERE resumed_at IS NULL DO NOTHING
       RETURNING ${PAUSE_COLUMNS}`,
      {
        accountId: p.accountId,
        ...p.scope,
        alertId: p.alertId === null ? null : Number(p.alertId),
        actor: p.actor,
        note: p.note,
        explanation: p.explanation,
        createdAt: p.createdAt,
      },
    );
    return r === undefined ? undefined : pauseRow(r);
  }

  async resumePause(
    accountId: string,
    id: string,
    by: { actor: string; note: string; at: string },
  ): Promise<PauseRow | undefined> {
    if (!isId(id)) return undefined;
    const [r] = await this.db.all(
      `UPDATE pauses SET resumed_at = @at, resumed_by = @actor, resume_note = @note
       WHERE account_id = @accountId AND id = @id AND resumed_at IS NULL RETURNING ${PAUSE_COLUMNS}`,
      { accountId, id: Number(id), ...by },
    );
    return r === undefined ? undefined : pauseRow(r);
  }

  async getPause(accountId: string, id: string): Promise<PauseRow | undefined> {
    if (!isId(id)) return undefined;
    const [r] = await this.db.all(
      `SELECT ${PAUSE_COLUMNS} FROM pauses WHERE account_id = @accountId AND id = @id`,
      {
        accountId,
        id: Number(id),
      },
    );
    return r === undefined ? undefined : pauseRow(r);
  }

  async activePauses(accountId: string): Promise<PauseRow[]> {
    const rows = await this.db.all(
      `SELECT ${PAUSE_COLUMNS} FROM pauses WHERE account_id = @accountId AND resumed_at IS NULL ORDER BY id`,
      { accountId },
    );
    return rows.map(pauseRow);
  }

  async listPauses(accountId: string, active: boolean | undefined, page: Keyset): Promise<PauseRow[]> {
    const where = ['account_id = @accountId'];
    if (active !== undefined) where.push(active ? 'resumed_at IS NULL' : 'resumed_at IS NOT NULL');
    if (page.after !== null) where.push('id < @after');
    const rows = await this.db.all(
      `SELECT ${PAUSE_COLUMNS} FROM pauses WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
      { accountId, limit: page.limit, ...(page.after === null ? {} : { after: Number(page.after) }) },
    );
    return rows.map(pauseRow);
  }
}
