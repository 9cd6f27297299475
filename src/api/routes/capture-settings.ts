/**
 * GET/PUT /v1/settings/sending (pre-send checks; PUT admin) and GET/PUT /v1/settings/webhook-secrets
 * (admin only; the secrets are never shown back, only where each provider's comes from).
 * docs/pre-send-checks.md, docs/webhooks.md.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { CaptureSettings } from '../../capture/settings/capture-settings.js';
import { principalOf } from '../auth.js';
import { problemResponses } from '../schemas.js';

export interface CaptureSettingsRouteDeps {
  captureSettings: CaptureSettings;
}

const anyObject = { type: 'object', additionalProperties: true } as const;
const adminResponses = { ...problemResponses, 403: problemResponses[401] } as const;

export const captureSettingsRoutes: FastifyPluginAsync<CaptureSettingsRouteDeps> = async (app, deps) => {
  const settings = deps.captureSettings;

  app.get(
    '/v1/settings/sending',
    { schema: { summary: "The account's pre-send checks", tags: ['settings'], response: problemResponses } },
    async (request) => settings.sending(principalOf(request).accountId),
  );

  app.put<{ Body: unknown }>(
    '/v1/settings/sending',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change pre-send checks (fields left out keep their values; unknown fields refused)',
        tags: ['settings'],
        body: anyObject,
        response: adminResponses,
      },
    },
    async (request) => settings.updateSending(principalOf(request).accountId, request.body),
  );

  app.get(
    '/v1/settings/webhook-secrets',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Where each provider's webhook secret comes from (never the secret itself)",
        tags: ['settings', 'webhooks'],
        response: adminResponses,
      },
    },
    async (request) => settings.secretsView(principalOf(request).accountId),
  );

  app.put<{ Body: unknown }>(
    '/v1/settings/webhook-secrets',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Replace the account's stored webhook secrets ({} removes them); effective at once",
        tags: ['settings', 'webhooks'],
        body: anyObject,
        response: adminResponses,
      },
    },
    async (request) => settings.replaceSecrets(principalOf(request).accountId, request.body),
  );
};
