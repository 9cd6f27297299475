/**
 * The one catalogue of errors the edges can show. Inside, code throws `ReboundError` with a code from
 * here; the HTTP error handler turns it into problem+json with the status, the SMTP edge into the reply,
 * the CLI into one line and exit status 1. A code not listed here cannot be thrown.
 */
export const ERRORS = {
  invalid_address: { status: 400, smtp: '501 5.1.3', title: 'Invalid email address' },
  invalid_request: { status: 400, smtp: '501 5.5.4', title: 'Invalid request' },
  invalid_json: { status: 400, smtp: '501 5.5.4', title: 'Invalid JSON body' },
  invalid_cursor: { status: 400, smtp: '501 5.5.4', title: 'Invalid pagination cursor' },
  unauthorized: { status: 401, smtp: '530 5.7.0', title: 'Missing or unknown API key' },
  forbidden: { status: 403, smtp: '550 5.7.1', title: 'This key may not do that' },
  not_found: { status: 404, smtp: '550 5.1.1', title: 'Not found' },
  conflict: { status: 409, smtp: '451 4.3.0', title: 'Conflicting change, retry' },
  not_blocked: { status: 409, smtp: '550 5.7.1', title: 'The address is not blocked' },
  unblock_limit: { status: 409, smtp: '550 5.7.1', title: 'The address reached its unblock limit' },
  request_pending: { status: 409, smtp: '451 4.3.0', title: 'An unblock request is already waiting' },
  request_decided: { status: 409, smtp: '550 5.7.1', title: 'The unblock request is already decided' },
  too_many_requests: { status: 429, smtp: '421 4.7.0', title: 'Too many failed attempts, wait' },
  payload_too_large: { status: 413, smtp: '552 5.3.4', title: 'Payload too large' },
  unreadable_mail: { status: 422, smtp: '554 5.6.0', title: 'Not a bounce: no recipient could be read' },
  unsupported_media_type: { status: 415, smtp: '554 5.6.1', title: 'Unsupported media type' },
  database_too_new: { status: 500, smtp: '451 4.3.0', title: 'Database schema is newer than this Rebound' },
  database_unusable: { status: 500, smtp: '451 4.3.0', title: 'The database file cannot be used' },
  internal: { status: 500, smtp: '451 4.3.0', title: 'Internal error' },
  database_unavailable: {
    status: 503,
    smtp: '451 4.3.0',
    title: 'The database is unreachable; retry shortly',
  },
  storage_full: { status: 507, smtp: '452 4.3.1', title: "The database's disk is full; retry later" },
  spam_refused: { status: 422, smtp: '550 5.7.1', title: 'Refused by the content check (SpamAssassin)' },
  sending_disabled: { status: 503, smtp: '421 4.3.2', title: 'Sending is not configured on this server' },
} as const satisfies Record<string, { status: number; smtp: string; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class ReboundError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, detail?: string, options?: { cause: unknown }) {
    super(detail ?? ERRORS[code].title, options);
    this.name = 'ReboundError';
    this.code = code;
    this.status = ERRORS[code].status;
  }
}

export function isReboundError(value: unknown): value is ReboundError {
  return value instanceof ReboundError;
}
