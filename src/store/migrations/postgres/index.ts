import type { Migration } from '../migration.js';
import { sql as initial } from './0001-initial.js';
import { sql as captureSettings } from './0002-capture-settings.js';
import { sql as guard } from './0003-guard.js';
import { sql as unblockRequests } from './0005-unblock-requests.js';
import { sql as dashboard } from './0006-dashboard.js';
import { sql as incidents } from './0004-incidents.js';
import { sql as guardSeams } from './0007-guard-seams.js';
import { sql as eventCounts } from './0008-event-counts.js';
import { sql as unusedEventIndexes } from './0009-unused-event-indexes.js';

/** Every PostgreSQL migration, in order. Append; never edit one that has shipped. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'capture-settings', sql: captureSettings },
  { version: 3, name: 'guard', sql: guard },
  { version: 4, name: 'incidents', sql: incidents },
  { version: 5, name: 'unblock-requests', sql: unblockRequests },
  { version: 6, name: 'dashboard', sql: dashboard },
  { version: 7, name: 'guard-seams', sql: guardSeams },
  { version: 8, name: 'event-counts', sql: eventCounts },
  { version: 9, name: 'unused-event-indexes', sql: unusedEventIndexes },
];
