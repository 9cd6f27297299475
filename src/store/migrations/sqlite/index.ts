import type { Migration } from '../migration.js';
import { sql as initial } from './0001-initial.js';
import { sql as guard } from './0003-guard.js';

/** Every SQLite migration, in order. Append; never edit one that has shipped. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 3, name: 'guard', sql: guard },
];
