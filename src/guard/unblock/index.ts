/**
 * Unblock requests and the block-expiry sweep, built from plain values: the composition root
 * (src/server.ts) calls these; nothing here reads the environment or opens anything on import.
 */
import type { ReboundService } from '../../service/types.js';
import type { Store } from '../../store/store.js';
import type { Notifier } from '../notifications.js';
import { startBlockExpirySweep } from './block-expiry-sweep.js';
import type { UnblockConfig } from './config.js';
import { checkMailDomain, dnsResolver } from './mail-domain.js';
import { probeRecipient } from './rcpt-probe.js';
import { UnblockRequests } from './unblock-requests.js';

export { unblockConfig, type UnblockConfig } from './config.js';
export { UnblockRequests } from './unblock-requests.js';

export function buildUnblockRequests(
  store: Store,
  service: Pick<ReboundService, 'getAddress' | 'getSettings' | 'unblock'>,
  notifier: Notifier,
  config: UnblockConfig,
): UnblockRequests {
  const resolver = dnsResolver(config.dnsServers, config.dnsTimeoutMs);
  return new UnblockRequests({
    store,
    service,
    notifier,
    checkDomain: (domain) => checkMailDomain(resolver, domain),
    probe: (host, address) =>
      probeRecipient(host, address, {
        port: config.probePort,
        heloName: config.probeHelo,
        timeoutMs: config.probeTimeoutMs,
        resolveHost: async (name) =>
          (await resolver.resolve4(name).catch(() => []))[0] ?? (await resolver.resolve6(name))[0],
      }),
    now: () => new Date(),
  });
}

export function startSweep(
  store: Store,
  config: UnblockConfig,
  onError: (error: unknown) => void,
): { close(): Promise<void> } {
  const resolver = dnsResolver(config.dnsServers, config.dnsTimeoutMs);
  const deps = { store, checkDomain: (d: string) => checkMailDomain(resolver, d), now: () => new Date() };
  return startBlockExpirySweep(deps, config.sweepIntervalMs, onError);
}
