import { GUARD_LEASES, uncountRepairs } from '../guard-leases-schema.js';

/** PostgreSQL schema 7: guard leases; sender-incident repairs no longer count as unblocks (guard-leases-schema.ts). */
export const sql = GUARD_LEASES + uncountRepairs("c.data->>'causedBy'", (e) => `greatest(0, ${e})`);
