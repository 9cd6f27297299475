/**
 * The one error handler: every failure leaves as RFC 9457 problem details (application/problem+json).
 * Our own errors carry a code from src/errors.ts; Fastify's (validation, content type, body size, JSON
 * syntax) are mapped onto the same codes so a client sees one vocabulary. A 5xx body never shows the
 * internal message: it goes to the log with the request id, and the client gets the id to quote.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, isReboundError, type ErrorCode } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** A stable identifier per code, documented in docs/api.md ("Errors"). */
export const PROBLEM_TYPE_PREFIX = 'urn:rebound:problem:';

/** Seconds a client is told to wait when the database does not answer: a restart or failover takes a few. */
const DATABASE_RETRY_AFTER_S = 5;

/** The database failing, not the request nor our code (src/store/postgres/server-faults.ts, sqlite-faults.ts). */
const STORE_FAULTS: ReadonlySet<ErrorCode> = new Set(['database_unavailable', 'storage_full']);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

export function problemOf(code: ErrorCode, detail?: string): Problem {
  const { status, title } = ERRORS[code];
  return { type: PROBLEM_TYPE_PREFIX + code, title, status, ...(detail === undefined ? {} : { detail }) };
}

/** Fastify's own error codes -> ours, with a sentence a client developer can act on. */
const FASTIFY_CODES: Readonly<Record<string, { code: ErrorCode; detail?: (error: FastifyError) => string }>> =
  {
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      code: 'unsupported_media_type',
      detail: (e) => `${e.message}: see the route's documentation at /docs for the accepted types`,
    },
    FST_ERR_CTP_BODY_TOO_LARGE: {
      code: 'payload_too_large',
      detail: () => 'The request body exceeds the limit of this route',
    },
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_request' },
    FST_ERR_CTP_EMPTY_JSON_BODY: {
      code: 'invalid_json',
      detail: () => 'The body is empty but Content-Type says application/json',
    },
    FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', detail: (e) => e.message },
    FST_ERR_VALIDATION: { code: 'invalid_request', detail: validationDetail },
  };

export function toProblem(error: FastifyError | Error): Problem {
  if (isReboundError(error)) {
    // The database's address and the driver's words are for the log, not for API clients.
    const hidden = (error.status >= 500 && error.status !== 503) || STORE_FAULTS.has(error.code);
    return hidden ? problemOf(error.code) : problemOf(error.code, error.message);
  }
  const fastify = error as FastifyError;
  const known = fastify.code === undefined ? undefined : FASTIFY_CODES[fastify.code];
  if (known !== undefined) return problemOf(known.code, known.detail?.(fastify) ?? fastify.message);
  if (fastify.validation !== undefined) return problemOf('invalid_request', validationDetail(fastify));
  // JSON.parse failures from the parser arrive as a SyntaxError with a 400 status.
  if (error instanceof SyntaxError && fastify.statusCode === 400) {
    return problemOf('invalid_json', `The body is not valid JSON: ${error.message}`);
  }
  const status = fastify.statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return genericClientProblem(status, fastify.message);
  return problemOf('internal');
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const problem = toProblem(error);
  if (isReboundError(error) && STORE_FAULTS.has(error.code)) {
    // Not a bug to report: the operator's database needs attention; the log says what it answered.
    request.log.error({ err: error.cause ?? error }, error.message);
    if (error.code === 'database_unavailable') reply.header('Retry-After', String(DATABASE_RETRY_AFTER_S));
    return sendProblem(reply, problem);
  }
  // A deliberate 503 (a feature switched off) says what to do; other 5xx hide their internals.
  if (problem.status >= 500 && problem.status !== 503) {
    request.log.error({ err: error }, 'request failed');
    problem.detail = `Internal error; quote request id ${request.id} when reporting it`;
  } else {
    request.log.info(
      { code: problem.type.slice(PROBLEM_TYPE_PREFIX.length), detail: problem.detail },
      'rejected',
    );
  }
  return sendProblem(reply, problem);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    problemOf('not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}

/** "body/recipients must NOT have more than 100000 items" reads better as "recipients: must not ...". */
function validationDetail(error: FastifyError): string {
  const first = error.validation?.[0];
  if (first === undefined) return error.message;
  const where = `${error.validationContext ?? 'request'}${first.instancePath.replaceAll('/', '.')}`;
  const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues;
  const suffix = allowed === undefined ? '' : `: ${allowed.join(', ')}`;
  return `${where} ${first.message ?? 'is invalid'}${suffix}`;
}

/** A 4xx Fastify raised that we have no code for (a rare one): keep its status, no internals to hide. */
function genericClientProblem(status: number, message: string): Problem {
  return { type: 'about:blank', title: 'Bad request', status, detail: message };
}
