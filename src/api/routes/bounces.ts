/**
 * Bounce mails: POST a raw mail (message/rfc822) to classify, store and apply it; list what was stored;
 * fetch a stored mail back byte for byte.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ReboundError } from '../../errors.js';
import type { Kind } from '../../classify/reasons.js';
import { principalOf } from '../auth.js';
import { looksLikeMail } from '../mail-shape.js';
import { KINDS, pageOf, pageQuery, problem, problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

export const RFC822 = 'message/rfc822';
/** Bounces quote the original; 10 MB holds any report a receiving server will send back. */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;

const ingestResponse = {
  type: 'object',
  required: ['bounceId', 'duplicate', 'verdicts', 'states'],
  properties: {
    bounceId: { type: ['string', 'null'] },
    duplicate: { type: 'boolean', description: 'The same mail was already ingested: nothing changed' },
    verdicts: { type: 'array', items: { $ref: 'Verdict#' } },
    states: { type: 'array', items: { $ref: 'AddressView#' } },
  },
} as const;

interface ListQuery {
  reason?: string;
  kind?: Kind;
  domain?: string;
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

export const bounceRoutes: FastifyPluginAsync<RouteDeps> = async (app, { service }) => {
  // Kept as bytes: the classifier reads any charset, and the stored copy must be the mail as received.
  app.addContentTypeParser(RFC822, { parseAs: 'buffer', bodyLimit: MAX_MAIL_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.post<{ Body: Buffer }>(
    '/v1/bounces',
    {
      bodyLimit: MAX_MAIL_BYTES,
      // The body schema documents the bytes for OpenAPI; JSON Schema cannot judge a Buffer (looksLikeMail does).
      validatorCompiler: () => () => true,
      schema: {
        summary: 'Ingest a bounce mail',
        description:
          'The raw mail as received (Content-Type: message/rfc822). 202 with its verdicts and the states of ' +
          'the addresses it concerns. A body with no header block is refused (400 invalid_request); a mail ' +
          'from which no recipient can be read, e.g. one that is no bounce, is refused too (422 ' +
          'unreadable_mail) and not stored. The same mail twice is counted once (duplicate: true).',
        tags: ['bounces'],
        consumes: [RFC822],
        body: {
          content: {
            [RFC822]: { schema: { type: 'string', format: 'binary', description: 'The raw mail' } },
          },
        },
        response: {
          202: ingestResponse,
          413: problem,
          415: problem,
          422: problem,
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const raw = request.body;
      // A JSON body parses too (its parser is the application's): only message/rfc822 arrives as bytes.
      if (!Buffer.isBuffer(raw)) {
        throw new ReboundError('unsupported_media_type', `Send the mail as Content-Type: ${RFC822}`);
      }
      if (!looksLikeMail(raw)) {
        throw new ReboundError(
          'invalid_request',
          'The body is not an RFC 5322 message: it has no header block',
        );
      }
      const result = await service.ingestBounce(principalOf(request).accountId, raw);
      return reply.code(202).send(result);
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/v1/bounces',
    {
      schema: {
        summary: 'List stored bounces, newest first',
        tags: ['bounces'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            reason: { type: 'string', maxLength: 64 },
            kind: { type: 'string', enum: KINDS },
            domain: { type: 'string', maxLength: 255 },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            ...pageQuery,
          },
        },
        response: { 200: pageOf('BounceView'), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return service.listBounces(principalOf(request).accountId, filter, { limit, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/bounces/:id/raw',
    {
      schema: {
        summary: 'The stored mail, byte for byte',
        tags: ['bounces'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        produces: [RFC822],
        response: {
          200: {
            description: 'The raw mail',
            content: { [RFC822]: { schema: { type: 'string', format: 'binary' } } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const raw = await service.getBounceRaw(principalOf(request).accountId, request.params.id);
      if (raw === undefined) throw new ReboundError('not_found', `No bounce ${request.params.id}`);
      return reply.type(RFC822).send(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    },
  );
};
