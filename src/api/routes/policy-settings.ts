/** The account's policy settings: the CRM rules' numbers and the time-aware and unblock options. */
import type { FastifyPluginAsync } from 'fastify';
import { MAX_DAYS, MAX_SOFT_BOUNCE_RETRIES, MAX_UNBLOCKS_LIMIT } from '../../policy/settings.js';
import type { PolicySettings } from '../../policy/types.js';
import { principalOf } from '../auth.js';
import { problem, problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

const days = (what: string) =>
  ({
    type: ['integer', 'null'],
    minimum: 1,
    maximum: MAX_DAYS,
    description: `${what}; null: never`,
  }) as const;

export const policySettingsSchema = {
  $id: 'PolicySettings',
  type: 'object',
  required: [
    'softBounceRetries',
    'complaintsBlock',
    'softStreakExpiryDays',
    'hardBlockExpiryDays',
    'maxUnblocks',
    'unblockProbe',
    'autoApproveAfterDays',
  ],
  properties: {
    softBounceRetries: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_SOFT_BOUNCE_RETRIES,
      description: 'Soft bounces tolerated after the first: 5 means the 6th in a row blocks',
    },
    complaintsBlock: { type: 'boolean', description: 'Whether a complaint blocks the address' },
    softStreakExpiryDays: days('Days without a soft bounce after which the next one starts a new streak'),
    hardBlockExpiryDays: days('Days after which the sweep re-verifies a bounce block and lifts it'),
    maxUnblocks: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_UNBLOCKS_LIMIT,
      description: 'How many times an address may be unblocked',
    },
    unblockProbe: {
      type: 'boolean',
      description: "Unblock requests ask the domain's mail host about the recipient (RCPT, no message)",
    },
    autoApproveAfterDays: days(
      'A request for a hard-bounce block at least this old, at a domain with mail, no complaint, is approved alone',
    ),
  },
} as const;

export const policySettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { service }) => {
  app.get(
    '/v1/settings/policy',
    {
      schema: {
        summary: "The account's policy settings",
        tags: ['settings'],
        response: { 200: { $ref: 'PolicySettings#' }, ...problemResponses },
      },
    },
    async (request) => service.getSettings(principalOf(request).accountId),
  );

  app.put<{ Body: Partial<PolicySettings> }>(
    '/v1/settings/policy',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change policy settings (admin)',
        description:
          'Any subset of the fields of PolicySettings; the others keep their values. An unknown field or a ' +
          'value out of range is refused with one message per problem.',
        tags: ['settings'],
        // Checked by parseSettings, not here: the schema would coerce "30" into 30 and drop unknown fields.
        body: { type: 'object' },
        response: { 200: { $ref: 'PolicySettings#' }, 403: problem, ...problemResponses },
      },
    },
    async (request) => service.updateSettings(principalOf(request).accountId, request.body),
  );
};
