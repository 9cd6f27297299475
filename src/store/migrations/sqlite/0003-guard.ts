import { guardSchema } from '../guard-schema.js';

/** SQLite schema 3: the deliverability guard (see guard-schema.ts). */
export const sql = guardSchema('INTEGER PRIMARY KEY', 'REAL');
