import { GUARD_LEASES, uncountRepairs } from '../guard-leases-schema.js';

/** SQLite schema 7: guard leases; sender-incident repairs no longer count as unblocks (guard-leases-schema.ts). */
export const sql = GUARD_LEASES + uncountRepairs("json_extract(c.data, '$.causedBy')", (e) => `max(0, ${e})`);
