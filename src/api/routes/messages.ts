/**
 * HTTP send: the message is composed here (nodemailer's MailComposer), then goes through the same send
 * gate and durable spool as mail given to the SMTP relay. 202 once it is spooled: delivery comes after,
 * and the upstream's refusals arrive as bounce events (docs/relay.md).
 */
import type { FastifyPluginAsync } from 'fastify';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Outbox } from '../../capture/relay/outbox.js';
import { ReboundError } from '../../errors.js';
import { principalOf } from '../auth.js';
import { MAX_ADDRESS_LENGTH, problem, problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

export interface MessageRouteDeps extends RouteDeps {
  /** Asked per request (the relay starts after the API is built); undefined when sending is off. */
  outbox: () => Outbox | undefined;
}

export const MAX_MESSAGE_RECIPIENTS = 1000;
export const MESSAGE_BODY_LIMIT = 10 * 1024 * 1024;

interface MessageBody {
  from: string;
  to: string[];
  cc?: string[];
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  campaign?: string;
}

interface Refused {
  address: string;
  reason: string;
  explanation: string;
}

const address = { type: 'string', minLength: 3, maxLength: MAX_ADDRESS_LENGTH } as const;
const addressList = { type: 'array', maxItems: MAX_MESSAGE_RECIPIENTS, items: address } as const;

const bodySchema = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: address,
    to: { ...addressList, minItems: 1 },
    cc: addressList,
    subject: { type: 'string', maxLength: 998 },
    text: { type: 'string' },
    html: { type: 'string' },
    campaign: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Campaign or tag: counted in its rates, held by its pauses (docs/alerts.md)',
    },
    headers: {
      type: 'object',
      maxProperties: 50,
      // A header name is printable ASCII without ':' (RFC 5322 2.2); a value is one line.
      propertyNames: { pattern: '^[!-9;-~]{1,76}$' },
      additionalProperties: { type: 'string', maxLength: 998, pattern: '^[^\\r\\n]*$' },
    },
  },
} as const;

const responseSchema = {
  type: 'object',
  required: ['accepted', 'refused', 'messageId'],
  properties: {
    accepted: { type: 'array', items: { type: 'string' } },
    refused: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'reason', 'explanation'],
        properties: {
          address: { type: 'string' },
          reason: { type: 'string' },
          explanation: { type: 'string' },
        },
      },
    },
    messageId: { type: ['string', 'null'], description: 'null when every recipient was refused' },
    spam: {
      type: 'object',
      description:
        'The SpamAssassin check: {checked: false, why} or {checked: true, score, threshold, spam, action, rules: [{name, score, description}]}',
      additionalProperties: true,
    },
  },
} as const;

export const messageRoutes: FastifyPluginAsync<MessageRouteDeps> = async (app, deps) => {
  app.post<{ Body: MessageBody }>(
    '/v1/messages',
    {
      bodyLimit: MESSAGE_BODY_LIMIT,
      schema: {
        summary: 'Send a message through the send gate and the relay',
        description:
          'Recipients (to and cc) that the send gate refuses are listed with the reason; the others are ' +
          'queued durably and delivered with a signed VERP return path. 202 once queued. Pre-send checks ' +
          '(docs/pre-send-checks.md): a sender the account may not use is 403, a message over its size limit ' +
          '413, one refused by the spam check 422; the spam score and the rules that fired are in `spam`.',
        tags: ['messages'],
        body: bodySchema,
        response: { 202: responseSchema, 403: problem, 413: problem, 422: problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const outbox = deps.outbox();
      if (outbox === undefined) {
        throw new ReboundError('sending_disabled', 'Sending is off on this server: set REBOUND_UPSTREAM');
      }
      const { accountId } = principalOf(request);
      const body = request.body;
      const recipients = unique([...body.to, ...(body.cc ?? [])]);
      const decisions = await outbox.gate(accountId, recipients, body.campaign);
      const accepted: string[] = [];
      const refused: Refused[] = [];
      recipients.forEach((rcpt, i) => {
        const decision = decisions[i];
        if (decision === undefined || decision.kind === 'accept') accepted.push(rcpt);
        else refused.push({ address: rcpt, reason: decision.reason, explanation: decision.explanation });
      });
      if (accepted.length === 0) return reply.code(202).send({ accepted, refused, messageId: null });
      const { raw, from } = await compose(body);
      // A pre-send refusal (sender 403, size 413 with the limit, spam 422 with the rules) queues nothing.
      const { messageId, spam } = await outbox.submit({
        accountId,
        from,
        recipients: accepted,
        raw,
        campaign: body.campaign,
      });
      return reply.code(202).send({ accepted, refused, messageId, spam });
    },
  );
};

/** The message, and the bare envelope sender (`News <news@example.com>` -> news@example.com). */
async function compose(body: MessageBody): Promise<{ raw: Buffer; from: string }> {
  const { from, to, cc, subject, text, html, headers } = body;
  const mail = new MailComposer({ from, to, cc, subject, text, html, headers }).compile();
  const envelope = mail.getEnvelope() as { from: string | false };
  return { raw: await mail.build(), from: envelope.from === false ? '' : envelope.from };
}

/** The same address in to and cc is sent once (compared case-insensitively, first spelling kept). */
function unique(addresses: string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = a.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
