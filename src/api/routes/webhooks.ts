/**
 * POST /v1/webhooks/{provider}/{accountId}: one route for every provider. No API key: the provider's own
 * signature (or basic auth, for Postmark) checked against the secrets configured for that account is the
 * authentication; the account id in the path only says whose secrets to check. Verified events go through
 * the same ingestEvents as POST /v1/events.
 */
import type { FastifyPluginAsync } from 'fastify';
import { PROVIDER_IDS, webhookProviders, type WebhookDeps } from '../../capture/webhooks/index.js';
import { mergeSecrets } from '../../capture/webhooks/secrets.js';
import type { ParsedSignal, ProviderId, SubscriptionConfirmation } from '../../capture/webhooks/types.js';
import { ReboundError } from '../../errors.js';
import { addressProblem } from '../../service/address.js';
import type { EventInput } from '../../service/types.js';
import { problemResponses } from '../schemas.js';
import { MAX_EVENTS } from './events.js';
import type { RouteDeps } from './route-deps.js';

/** SendGrid posts batches of up to a few thousand events; nothing else comes close. */
const BODY_LIMIT = 8 * 1024 * 1024;

export interface WebhookRouteDeps extends RouteDeps {
  /** Absent: no account has webhook secrets, every call is answered 401. */
  webhooks?: WebhookDeps | undefined;
}

const NOT_CONFIGURED: WebhookDeps = {
  secrets: new Map(),
  fetchText: () => Promise.reject(new Error('webhooks are not configured')),
};

export const webhookRoutes: FastifyPluginAsync<WebhookRouteDeps> = async (app, { service, webhooks }) => {
  const { secrets, storedSecrets, fetchText } = webhooks ?? NOT_CONFIGURED;
  const providers = webhookProviders(fetchText);
  // Signatures cover the exact bytes: keep them. SNS posts JSON as text/plain. Scoped to this plugin.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Params: { provider: ProviderId; accountId: string } }>(
    '/v1/webhooks/:provider/:accountId',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: 'public' },
      schema: {
        summary:
          "Receive a provider's bounce, complaint and delivery events (no API key: signed by the provider)",
        description:
          'Setup per provider: docs/webhooks.md. A bad or missing signature gets 401 and changes nothing.',
        tags: ['webhooks'],
        params: {
          type: 'object',
          required: ['provider', 'accountId'],
          properties: {
            provider: { type: 'string', enum: PROVIDER_IDS },
            accountId: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['events', 'skipped', 'confirmed'],
            properties: {
              events: { type: 'integer', description: 'Events recorded (a repeat counts once in the store)' },
              skipped: { type: 'integer', description: 'Events without a usable recipient address' },
              confirmed: { type: 'integer', description: 'SNS subscriptions confirmed' },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { provider: id, accountId } = request.params;
      const provider = providers.get(id);
      if (provider === undefined) throw new ReboundError('not_found', `No webhook provider ${id}`);
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const body = parseJson(rawBody);
      const verdict = await provider.verify(
        { headers: request.headers, rawBody, url: request.url, body },
        mergeSecrets(await storedSecrets?.(accountId), secrets.get(accountId)),
      );
      if (!verdict.ok) throw new ReboundError(verdict.code, verdict.detail);
      const { events, confirmations, skipped } = sort(provider.parse(body));
      for (const { url } of confirmations) await fetchText(url);
      for (let i = 0; i < events.length; i += MAX_EVENTS) {
        await service.ingestEvents(accountId, events.slice(i, i + MAX_EVENTS));
      }
      return { events: events.length, skipped, confirmed: confirmations.length };
    },
  );
};

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw new ReboundError('invalid_json', 'The body is empty');
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new ReboundError('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * One unreadable recipient must not reject a provider's whole batch (it would retry it for days): such
 * events are counted and left out.
 */
function sort(signals: ParsedSignal[]) {
  const events: EventInput[] = [];
  const confirmations: SubscriptionConfirmation[] = [];
  let skipped = 0;
  for (const signal of signals) {
    if (signal.type === 'subscription-confirmation') confirmations.push(signal);
    else if (addressProblem(signal.recipient.trim().toLowerCase()) === undefined) events.push(signal);
    else skipped += 1;
  }
  return { events, confirmations, skipped };
}
