/**
 * What the HTTP API (and the CLI through it) may ask of the deliverability guard's core: outbound-webhook
 * subscriptions and their delivery log, alerts, alert settings, pauses. Every call is scoped to an account.
 */
import { ReboundError } from '../errors.js';
import { keysetOf, pageOf } from '../service/pagination.js';
import type { Page, PageRequest } from '../service/types.js';
import type { AlertFilter, GuardStore } from '../store/guard.js';
import { parseAlertSettings, type AlertSettings } from './alerts/alert-settings.js';
import type { AlertMonitor } from './alerts/alert-monitor.js';
import { alertView, type AlertView } from './alerts/alert-view.js';
import { pauseView, type Pauses, type PauseView } from './pauses.js';
import { scopeRef } from './scope.js';
import {
  createSubscription,
  deliveryView,
  subscriptionView,
  type SubscriptionInput,
  type SubscriptionView,
} from './webhooks-out/subscriptions.js';

export type DeliveryView = ReturnType<typeof deliveryView>;

export class Guard {
  constructor(
    private readonly store: GuardStore,
    private readonly pauses: Pauses,
    private readonly monitor: AlertMonitor,
  ) {}

  createSubscription(
    accountId: string,
    input: SubscriptionInput,
  ): Promise<SubscriptionView & { secret: string }> {
    return createSubscription(this.store, accountId, input);
  }

  async listSubscriptions(accountId: string): Promise<SubscriptionView[]> {
    return (await this.store.listSubscriptions(accountId)).map(subscriptionView);
  }

  async deleteSubscription(accountId: string, id: string): Promise<void> {
    if (!(await this.store.deleteSubscription(accountId, id, new Date().toISOString()))) {
      throw new ReboundError('not_found', `No webhook subscription with id ${id}.`);
    }
  }

  async listDeliveries(
    accountId: string,
    subscriptionId: string,
    page: PageRequest,
  ): Promise<Page<DeliveryView>> {
    if ((await this.store.getSubscription(accountId, subscriptionId)) === undefined) {
      throw new ReboundError('not_found', `No webhook subscription with id ${subscriptionId}.`);
    }
    const keyset = keysetOf(page);
    const rows = await this.store.listDeliveries(accountId, subscriptionId, keyset);
    return pageOf(rows, keyset.pageSize, (r) => r.id, deliveryView);
  }

  async listAlerts(accountId: string, filter: AlertFilter, page: PageRequest): Promise<Page<AlertView>> {
    const keyset = keysetOf(page);
    const rows = await this.store.listAlerts(accountId, filter, keyset);
    return pageOf(rows, keyset.pageSize, (r) => r.id, alertView);
  }

  async getAlert(accountId: string, id: string): Promise<AlertView> {
    const row = await this.store.getAlert(accountId, id);
    if (row === undefined) throw new ReboundError('not_found', `No alert with id ${id}.`);
    return alertView(row);
  }

  alertSettings(accountId: string): Promise<AlertSettings> {
    return this.monitor.settings(accountId);
  }

  async updateAlertSettings(accountId: string, input: unknown): Promise<AlertSettings> {
    const parsed = parseAlertSettings(input, await this.monitor.settings(accountId));
    if (!parsed.ok) throw new ReboundError('invalid_request', `${parsed.errors.join('; ')}.`);
    await this.store.putAlertSettings(accountId, { ...parsed.settings });
    return parsed.settings;
  }

  async listPauses(
    accountId: string,
    state: 'active' | 'resumed' | undefined,
    page: PageRequest,
  ): Promise<Page<PauseView>> {
    const keyset = keysetOf(page);
    const active = state === undefined ? undefined : state === 'active';
    const rows = await this.store.listPauses(accountId, active, keyset);
    return pageOf(rows, keyset.pageSize, (r) => r.id, pauseView);
  }

  pause(
    accountId: string,
    scope: { kind: string; campaign?: string; domain?: string },
    actor: string,
    note: string,
  ): Promise<PauseView> {
    return this.pauses.pause(accountId, scopeRef(scope), actor, note);
  }

  resume(accountId: string, id: string, actor: string, note: string): Promise<PauseView> {
    return this.pauses.resume(accountId, id, actor, note);
  }
}
