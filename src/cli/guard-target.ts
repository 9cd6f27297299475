/**
 * What `rebound alerts`, `pauses`, `pause` and `resume` act on: the local database's default account, or a
 * running server (--server URL --key KEY) through its HTTP API. Both answer the API's shapes.
 */
import { storeConfig } from '../config.js';
import type { AlertSettings } from '../guard/alerts/alert-settings.js';
import type { AlertView } from '../guard/alerts/alert-view.js';
import type { DeliveryView } from '../guard/guard.js';
import type { PauseView } from '../guard/pauses.js';
import type { SubscriptionInput, SubscriptionView } from '../guard/webhooks-out/subscriptions.js';
import { openLocal } from '../local.js';
import type { Page } from '../service/types.js';
import { cliHttpTarget } from './http-target.js';
import { TargetUsageError } from './target.js';

export interface PauseScopeInput {
  kind: string;
  campaign?: string | undefined;
  domain?: string | undefined;
}

export interface GuardTarget {
  listAlerts(query: { state?: string | undefined; scope?: string | undefined }): Promise<Page<AlertView>>;
  listPauses(query: { state?: string | undefined }): Promise<Page<PauseView>>;
  pause(scope: PauseScopeInput, note: string): Promise<PauseView>;
  resume(id: string, note: string): Promise<PauseView>;
  listSubscriptions(): Promise<SubscriptionView[]>;
  createSubscription(input: SubscriptionInput): Promise<SubscriptionView & { secret: string }>;
  deleteSubscription(id: string): Promise<void>;
  listDeliveries(id: string): Promise<Page<DeliveryView>>;
  alertSettings(): Promise<AlertSettings>;
  updateAlertSettings(input: unknown): Promise<AlertSettings>;
  close(): Promise<void>;
}

/** Who acts from a local command line, in the audit trail. */
const LOCAL_ACTOR = 'cli';
const LIMIT = 1000;

export async function openGuardTarget(
  options: { server?: string | undefined; key?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Promise<GuardTarget> {
  const key = options.key ?? env.REBOUND_API_KEY;
  if (options.server === undefined) {
    if (options.key !== undefined) throw new TargetUsageError('--key goes with --server');
    const local = await openLocal(storeConfig(env));
    const { guard } = local.guard;
    const id = local.accountId;
    return {
      listAlerts: (q) => guard.listAlerts(id, q as Parameters<typeof guard.listAlerts>[1], { limit: LIMIT }),
      listPauses: (q) => guard.listPauses(id, q.state as 'active' | 'resumed' | undefined, { limit: LIMIT }),
      pause: (scope, note) => guard.pause(id, scope, LOCAL_ACTOR, note),
      resume: (pauseId, note) => guard.resume(id, pauseId, LOCAL_ACTOR, note),
      listSubscriptions: () => guard.listSubscriptions(id),
      createSubscription: (input) => guard.createSubscription(id, input),
      deleteSubscription: (subscription) => guard.deleteSubscription(id, subscription),
      listDeliveries: (subscription) => guard.listDeliveries(id, subscription, { limit: LIMIT }),
      alertSettings: () => guard.alertSettings(id),
      updateAlertSettings: (input) => guard.updateAlertSettings(id, input),
      close: () => local.close(),
    };
  }
  if (key === undefined) throw new TargetUsageError('--server needs --key KEY (or REBOUND_API_KEY)');
  const http = cliHttpTarget(options.server, key);
  const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
  const query = (q: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ limit: String(LIMIT) });
    for (const [name, value] of Object.entries(q)) if (value !== undefined) params.set(name, value);
    return params;
  };
  return {
    listAlerts: (q) => http.request('GET', `/v1/alerts?${query(q)}`),
    listPauses: (q) => http.request('GET', `/v1/pauses?${query(q)}`),
    pause: (scope, note) => http.request('POST', '/v1/pauses', json({ scope, note })),
    resume: (id, note) => http.request('POST', `/v1/pauses/${encodeURIComponent(id)}/resume`, json({ note })),
    listSubscriptions: async () =>
      (await http.request<{ items: SubscriptionView[] }>('GET', '/v1/webhook-subscriptions')).items,
    createSubscription: (input) => http.request('POST', '/v1/webhook-subscriptions', json(input)),
    deleteSubscription: (id) => http.request('DELETE', `/v1/webhook-subscriptions/${encodeURIComponent(id)}`),
    listDeliveries: (id) =>
      http.request('GET', `/v1/webhook-subscriptions/${encodeURIComponent(id)}/deliveries?${query({})}`),
    alertSettings: () => http.request('GET', '/v1/settings/alerts'),
    updateAlertSettings: (input) => http.request('PUT', '/v1/settings/alerts', json(input)),
    close: () => http.close(),
  };
}
