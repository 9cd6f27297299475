import type { Reason } from '../classify/reasons.js';
import type {
  CheckRow,
  EvidenceBatch,
  EvidenceRow,
  IncidentRef,
  IncidentRow,
  IncidentState,
  IncidentStore,
  NewCheck,
  NewIncident,
  RepairRow,
} from './incidents.js';
import type { Announce } from './outbox.js';
import type { SqlDb } from './sql-db.js';
import type { Keyset } from './store.js';
import { matchAny, sqlChunks, valueRows } from './sql-chunks.js';
import { announcedWrite } from './webhook-sql.js';

/**
 * IncidentStore on either database. The SQL is written once with `@name` placeholders; each dialect
 * gives a runner that binds them (SQLite natively, PostgreSQL as $n) and reports changed rows, and its
 * SqlDb for the state changes, which write their webhooks to the outbox in the same transaction.
 */
type Raw = Record<string, unknown>;
type Params = Record<string, string | number | null>;

export interface SqlRunner {
  all(sql: string, params: Params): Promise<Raw[]>;
  /** Number of rows changed. */
  run(sql: string, params: Params): Promise<number>;
}

const INCIDENT_COLUMNS = `id, account_id, state, sender, sender_kind, receiving_domain, blocklists, reasons,
  evidence_count, recipient_count, first_seen, last_seen, opened_at, closed_at, closed_by, close_note`;
const EVIDENCE_COLUMNS = 'key, recipient, reason, blocklist, text, at, bounce_id, source';
/** EvidenceRow's fields in EVIDENCE_COLUMNS' order. */
const EVIDENCE_FIELDS = [
  'key',
  'recipient',
  'reason',
  'blocklist',
  'text',
  'at',
  'bounceId',
  'source',
] as const;
const CHECK_COLUMNS =
  'id, account_id, checked_at, target, target_kind, zone, outcome, codes, meaning, incident_id';

/** The unique-index key of a live incident: receiving domain, or '' for a DNS-check incident. */
const scopeOf = (receivingDomain: string | null): string => receivingDomain ?? '';

/** A sorted JSON array of the distinct non-null values of an evidence column, '[]' for none. */
const DISTINCT_JSON: Record<SqlDb['dialect'], (column: string) => string> = {
  sqlite: (c) => `json_group_array(DISTINCT ${c} ORDER BY ${c}) FILTER (WHERE ${c} IS NOT NULL)`,
  // COLLATE "C": code-point order, as the SQLite side and JavaScript sort, whatever the server's locale.
  postgres: (c) =>
    `coalesce(jsonb_agg(DISTINCT ${c} COLLATE "C" ORDER BY ${c} COLLATE "C") FILTER (WHERE ${c} IS NOT NULL), '[]')`,
};

/** An evidence row's identity: its key within its incident. */
const evidenceId = (incidentId: string, key: string): string => `${incidentId}\n${key}`;

/**
 * The incidents `ids` (a list of parameters) recounted from all their evidence in one statement, one
 * pass over their evidence: counts, first time, blocklists and reasons; `@seenAt` moves lastSeen
 * forward, never back. An incident without evidence is left as it is.
 */
function refreshSql(dialect: SqlDb['dialect'], ids: string): string {
  const distinct = DISTINCT_JSON[dialect];
  // The summary's columns are named apart from the incident's: RETURNING names the incident's.
  return `UPDATE incidents SET blocklists = s.e_blocklists, reasons = s.e_reasons,
       evidence_count = s.e_count, recipient_count = s.e_recipients, first_seen = coalesce(s.e_first, first_seen),
       last_seen = CASE WHEN last_seen < @seenAt THEN @seenAt ELSE last_seen END
     FROM (SELECT incident_id AS e_incident, count(*) AS e_count, min(at) AS e_first,
         count(DISTINCT recipient) AS e_recipients, ${distinct('blocklist')} AS e_blocklists,
         ${distinct('reason')} AS e_reasons
       FROM incident_evidence WHERE account_id = @accountId AND incident_id IN (${ids})
       GROUP BY incident_id) AS s
     WHERE incidents.account_id = @accountId AND incidents.id = s.e_incident RETURNING ${INCIDENT_COLUMNS}`;
}

export class SqlIncidentStore implements IncidentStore {
  constructor(
    private readonly db: SqlRunner,
    private readonly txDb: SqlDb,
  ) {}

  async createIncident(incident: NewIncident): Promise<IncidentRow> {
    const [row] = await this.db.all(
      `INSERT INTO incidents (account_id, state, sender, sender_kind, receiving_domain, scope, blocklists, reasons,
         evidence_count, recipient_count, first_seen, last_seen, opened_at, closed_at, closed_by, close_note)
       VALUES (@accountId, @state, @sender, @senderKind, @receivingDomain, @scope, @blocklists, @reasons,
         @evidenceCount, @recipientCount, @firstSeen, @lastSeen, @openedAt, @closedAt, @closedBy, @closeNote)
       ON CONFLICT DO NOTHING RETURNING ${INCIDENT_COLUMNS}`,
      {
        ...incidentParams(incident),
        accountId: incident.accountId,
        scope: scopeOf(incident.receivingDomain),
      },
    );
    if (row !== undefined) return incidentRow(row);
    const live = await this.findLive(incident.accountId, incident.sender, incident.receivingDomain);
    if (live === undefined) throw new Error('incident vanished between insert and read');
    return live;
  }

  async findLive(
    accountId: string,
    sender: string,
    receivingDomain: string | null,
  ): Promise<IncidentRow | undefined> {
    const [live] = await this.liveIncidents(accountId, [{ sender, receivingDomain }]);
    return live;
  }

  async liveIncidents(accountId: string, scopes: readonly IncidentRef[]): Promise<IncidentRow[]> {
    const out: IncidentRow[] = [];
    for (const part of sqlChunks(scopes)) {
      const params: Params = { accountId };
      const match = matchAny(
        part,
        ['sender', 'scope'],
        (r) => [r.sender, scopeOf(r.receivingDomain)],
        params,
      );
      const rows = await this.db.all(
        `SELECT ${INCIDENT_COLUMNS} FROM incidents
         WHERE account_id = @accountId AND state <> 'closed' AND (${match})`,
        params,
      );
      out.push(...rows.map(incidentRow));
    }
    return out;
  }

  async getIncident(accountId: string, id: string): Promise<IncidentRow | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const [row] = await this.db.all(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE account_id = @accountId AND id = @id`,
      { accountId, id: Number(id) },
    );
    return row === undefined ? undefined : incidentRow(row);
  }

  async refreshIncidents(accountId: string, ids: readonly string[], seenAt: string): Promise<IncidentRow[]> {
    const out: IncidentRow[] = [];
    for (const part of sqlChunks(ids)) {
      const params: Params = { accountId, seenAt };
      const list = part.map((id, i) => {
        params[`i${i}`] = Number(id);
        return `@i${i}`;
      });
      const rows = await this.db.all(refreshSql(this.txDb.dialect, list.join(', ')), params);
      out.push(...rows.map(incidentRow));
    }
    return out;
  }

  async openIncident(
    accountId: string,
    id: string,
    at: string,
    announce: Announce<IncidentRow>,
  ): Promise<boolean> {
    return this.announced(
      announce,
      `UPDATE incidents SET state = 'open', opened_at = @at
       WHERE account_id = @accountId AND id = @id AND state = 'pending' RETURNING ${INCIDENT_COLUMNS}`,
      { accountId, id: Number(id), at },
    );
  }

  async closeIncident(
    accountId: string,
    id: string,
    close: { at: string; by: string; note: string },
    announce: Announce<IncidentRow>,
  ): Promise<boolean> {
    return this.announced(
      announce,
      `UPDATE incidents SET state = 'closed', closed_at = @at, closed_by = @by, close_note = @note
       WHERE account_id = @accountId AND id = @id AND state <> 'closed' RETURNING ${INCIDENT_COLUMNS}`,
      { accountId, id: Number(id), ...close },
    );
  }

  /** A state change and the events announcing it, in one transaction; false when no row changed. */
  private async announced(announce: Announce<IncidentRow>, sql: string, params: Params): Promise<boolean> {
    return (await announcedWrite(this.txDb, announce, sql, params, incidentRow)) !== undefined;
  }

  async listIncidents(
    accountId: string,
    filter: { state?: IncidentState | undefined },
    page: Keyset,
  ): Promise<IncidentRow[]> {
    const parts = ['account_id = @accountId'];
    const params: Params = { accountId, limit: page.limit };
    if (filter.state !== undefined) {
      parts.push('state = @state');
      params.state = filter.state;
    }
    if (page.after !== null) {
      parts.push('id < @after');
      params.after = Number(page.after);
    }
    const rows = await this.db.all(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE ${parts.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
      params,
    );
    return rows.map(incidentRow);
  }

  async openIncidents(accountId: string): Promise<IncidentRow[]> {
    const rows = await this.db.all(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE account_id = @accountId AND state = 'open' ORDER BY id`,
      { accountId },
    );
    return rows.map(incidentRow);
  }

  async quietIncidents(before: string): Promise<IncidentRow[]> {
    const rows = await this.db.all(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE state <> 'closed' AND last_seen < @before ORDER BY id`,
      { before },
    );
    return rows.map(incidentRow);
  }

  /** One multi-row insert per chunk: an import's batch brings hundreds of rows to dozens of incidents. */
  async addEvidence(
    accountId: string,
    batches: readonly EvidenceBatch[],
  ): Promise<Map<string, EvidenceRow[]>> {
    const byKey = new Map<string, { incidentId: string; row: EvidenceRow }>();
    for (const { incidentId, rows } of batches)
      for (const row of rows) byKey.set(evidenceId(incidentId, row.key), { incidentId, row });
    const added = new Map<string, EvidenceRow[]>();
    for (const chunk of sqlChunks([...byKey.values()])) {
      const params: Params = { accountId };
      const values = valueRows(
        chunk,
        ({ incidentId, row }) => [Number(incidentId), ...EVIDENCE_FIELDS.map((field) => row[field])],
        params,
        ['accountId'],
      );
      const inserted = await this.db.all(
        `INSERT INTO incident_evidence (account_id, incident_id, ${EVIDENCE_COLUMNS})
         VALUES ${values} ON CONFLICT DO NOTHING RETURNING incident_id, key`,
        params,
      );
      for (const r of inserted) {
        const { incidentId, row } = byKey.get(evidenceId(String(r.incident_id), String(r.key))) as {
          incidentId: string;
          row: EvidenceRow;
        };
        const rows = added.get(incidentId);
        if (rows === undefined) added.set(incidentId, [row]);
        else rows.push(row);
      }
    }
    return added;
  }

  async evidence(accountId: string, incidentId: string, limit: number): Promise<EvidenceRow[]> {
    const rows = await this.db.all(
      `SELECT ${EVIDENCE_COLUMNS} FROM incident_evidence
       WHERE account_id = @accountId AND incident_id = @incidentId ORDER BY at DESC, key LIMIT @limit`,
      { accountId, incidentId: Number(incidentId), limit },
    );
    return rows.map(evidenceRow);
  }

  async recipients(
    accountId: string,
    incidentId: string,
    limit: number,
  ): Promise<{ items: string[]; total: number }> {
    const params = { accountId, incidentId: Number(incidentId) };
    const where = 'account_id = @accountId AND incident_id = @incidentId AND recipient IS NOT NULL';
    const [items, [count]] = await Promise.all([
      this.db.all(
        `SELECT DISTINCT recipient FROM incident_evidence WHERE ${where} ORDER BY recipient LIMIT @limit`,
        { ...params, limit },
      ),
      this.db.all(`SELECT count(DISTINCT recipient) AS n FROM incident_evidence WHERE ${where}`, params),
    ]);
    return { items: items.map((r) => String(r.recipient)), total: Number(count?.n ?? 0) };
  }

  async addRepair(accountId: string, incidentId: string, repair: RepairRow): Promise<boolean> {
    const changed = await this.db.run(
      `INSERT INTO incident_repairs (incident_id, account_id, address, blocked_by, explanation, at)
       VALUES (@incidentId, @accountId, @address, @blockedBy, @explanation, @at)
       ON CONFLICT DO NOTHING`,
      { ...repair, incidentId: Number(incidentId), accountId },
    );
    return changed > 0;
  }

  async repairs(accountId: string, incidentId: string): Promise<RepairRow[]> {
    const rows = await this.db.all(
      `SELECT address, blocked_by, explanation, at FROM incident_repairs
       WHERE account_id = @accountId AND incident_id = @incidentId ORDER BY at, address`,
      { accountId, incidentId: Number(incidentId) },
    );
    return rows.map((r) => ({
      address: String(r.address),
      blockedBy: String(r.blocked_by),
      explanation: String(r.explanation),
      at: String(r.at),
    }));
  }

  async insertChecks(rows: NewCheck[]): Promise<CheckRow[]> {
    const out: CheckRow[] = [];
    for (const row of rows) {
      const [stored] = await this.db.all(
        `INSERT INTO blocklist_checks (account_id, checked_at, target, target_kind, zone, outcome, codes, meaning,
           incident_id)
         VALUES (@accountId, @checkedAt, @target, @targetKind, @zone, @outcome, @codes, @meaning, @incidentId)
         RETURNING ${CHECK_COLUMNS}`,
        {
          ...row,
          codes: JSON.stringify(row.codes),
          incidentId: row.incidentId === null ? null : Number(row.incidentId),
        },
      );
      if (stored !== undefined) out.push(checkRow(stored));
    }
    return out;
  }

  async listChecks(accountId: string, page: Keyset): Promise<CheckRow[]> {
    const after = page.after === null ? '' : ' AND id < @after';
    const rows = await this.db.all(
      `SELECT ${CHECK_COLUMNS} FROM blocklist_checks WHERE account_id = @accountId${after}
       ORDER BY id DESC LIMIT @limit`,
      { accountId, limit: page.limit, ...(page.after === null ? {} : { after: Number(page.after) }) },
    );
    return rows.map(checkRow);
  }

  async guardSettings(accountId: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.db.all('SELECT settings FROM guard_settings WHERE account_id = @accountId', {
      accountId,
    });
    return row === undefined ? undefined : (parsed(row.settings) as Record<string, unknown>);
  }

  async saveGuardSettings(accountId: string, settings: Record<string, unknown>): Promise<void> {
    await this.db.run(
      `INSERT INTO guard_settings (account_id, settings) VALUES (@accountId, @settings)
       ON CONFLICT (account_id) DO UPDATE SET settings = excluded.settings`,
      { accountId, settings: JSON.stringify(settings) },
    );
  }

  async guardAccounts(): Promise<string[]> {
    const rows = await this.db.all('SELECT account_id FROM guard_settings ORDER BY account_id', {});
    return rows.map((r) => String(r.account_id));
  }

  async claimScheduledCheck(accountId: string, now: string, dueBefore: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE guard_settings SET last_check_at = @now
       WHERE account_id = @accountId AND (last_check_at IS NULL OR last_check_at < @dueBefore)`,
      { accountId, now, dueBefore },
    );
    return changed > 0;
  }
}

function incidentParams(i: NewIncident): Params {
  return {
    state: i.state,
    sender: i.sender,
    senderKind: i.senderKind,
    receivingDomain: i.receivingDomain,
    blocklists: JSON.stringify(i.blocklists),
    reasons: JSON.stringify(i.reasons),
    evidenceCount: i.evidenceCount,
    recipientCount: i.recipientCount,
    firstSeen: i.firstSeen,
    lastSeen: i.lastSeen,
    openedAt: i.openedAt,
    closedAt: i.closedAt,
    closedBy: i.closedBy,
    closeNote: i.closeNote,
  };
}

/** SQLite hands JSON columns back as text, PostgreSQL as values. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function nullable(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function incidentRow(r: Raw): IncidentRow {
  return {
    id: String(r.id),
    accountId: String(r.account_id),
    state: r.state as IncidentState,
    sender: String(r.sender),
    senderKind: r.sender_kind as IncidentRow['senderKind'],
    receivingDomain: nullable(r.receiving_domain),
    blocklists: parsed(r.blocklists) as string[],
    reasons: parsed(r.reasons) as Reason[],
    evidenceCount: Number(r.evidence_count),
    recipientCount: Number(r.recipient_count),
    firstSeen: String(r.first_seen),
    lastSeen: String(r.last_seen),
    openedAt: nullable(r.opened_at),
    closedAt: nullable(r.closed_at),
    closedBy: nullable(r.closed_by),
    closeNote: nullable(r.close_note),
  };
}

function evidenceRow(r: Raw): EvidenceRow {
  return {
    key: String(r.key),
    recipient: nullable(r.recipient),
    reason: nullable(r.reason) as Reason | null,
    blocklist: nullable(r.blocklist),
    text: String(r.text),
    at: String(r.at),
    bounceId: nullable(r.bounce_id),
    source: r.source as EvidenceRow['source'],
  };
}

function checkRow(r: Raw): CheckRow {
  return {
    id: String(r.id),
    accountId: String(r.account_id),
    checkedAt: String(r.checked_at),
    target: String(r.target),
    targetKind: r.target_kind as CheckRow['targetKind'],
    zone: String(r.zone),
    outcome: r.outcome as CheckRow['outcome'],
    codes: parsed(r.codes) as string[],
    meaning: String(r.meaning),
    incidentId: nullable(r.incident_id),
  };
}
