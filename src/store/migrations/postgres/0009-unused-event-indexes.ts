import { DROP_UNUSED_EVENT_INDEXES } from '../unused-event-indexes.js';

/** PostgreSQL schema 9: two indexes on events that no query reads (unused-event-indexes.ts). */
export const sql = DROP_UNUSED_EVENT_INDEXES;
