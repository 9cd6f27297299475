import type { Migration } from '../migration.js';
import { sql as initial } from './0001-initial.js';
import { sql as incidents } from './0004-incidents.js';

/** Every SQLite migration, in order. Append; never edit one that has shipped. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 4, name: 'incidents', sql: incidents },
];
