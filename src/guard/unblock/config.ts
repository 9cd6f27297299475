import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { ConfigError } from '../../config.js';

/**
 * The unblock checks' and the block-expiry sweep's settings from the environment (per process; the
 * per-account switches are policy settings). Read once by the composition root.
 */
export interface UnblockConfig {
  /** `REBOUND_DNS_SERVERS`: resolvers as `ip` or `ip:port` (`[v6]:port`); empty: the system's. */
  dnsServers: string[];
  dnsTimeoutMs: number;
  /** `REBOUND_PROBE_PORT` (25): the RCPT probe's port; tests point it at a loopback server. */
  probePort: number;
  /** `REBOUND_PROBE_HELO`: the name given in EHLO; default the host's name. */
  probeHelo: string;
  probeTimeoutMs: number;
  /** `REBOUND_SWEEP_MINUTES` (60): how often the block-expiry sweep runs. */
  sweepIntervalMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PROBE_PORT = 25;
export const DEFAULT_SWEEP_MINUTES = 60;
const DNS_TIMEOUT_MS = 5000;
const PROBE_TIMEOUT_MS = 20_000;

export function unblockConfig(env: Env): UnblockConfig {
  return {
    dnsServers: dnsServers(env.REBOUND_DNS_SERVERS?.trim() ?? ''),
    dnsTimeoutMs: DNS_TIMEOUT_MS,
    probePort: whole(env, 'REBOUND_PROBE_PORT', DEFAULT_PROBE_PORT, 1, 65535),
    probeHelo: env.REBOUND_PROBE_HELO?.trim() || hostname(),
    probeTimeoutMs: PROBE_TIMEOUT_MS,
    sweepIntervalMs: whole(env, 'REBOUND_SWEEP_MINUTES', DEFAULT_SWEEP_MINUTES, 1, 7 * 24 * 60) * 60_000,
  };
}

function dnsServers(text: string): string[] {
  if (text === '') return [];
  return text.split(',').map((entry) => {
    const server = entry.trim();
    if (!isDnsServer(server)) {
      throw new ConfigError(
        `REBOUND_DNS_SERVERS: '${server}' is not an IP address (write 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53)`,
      );
    }
    return server;
  });
}

/** `192.0.2.1`, `192.0.2.1:53`, `2001:db8::1`, `[2001:db8::1]` and `[2001:db8::1]:53`: what node:dns setServers takes. */
function isDnsServer(server: string): boolean {
  if (isIP(server) !== 0) return true;
  const isPort = (text: string): boolean => /^\d{1,5}$/.test(text) && Number(text) <= 65535;
  if (server.startsWith('[')) {
    const end = server.indexOf(']');
    const rest = server.slice(end + 1);
    return (
      end > 0 &&
      isIP(server.slice(1, end)) === 6 &&
      (rest === '' || (rest[0] === ':' && isPort(rest.slice(1))))
    );
  }
  const colon = server.lastIndexOf(':');
  return colon > 0 && isIP(server.slice(0, colon)) === 4 && isPort(server.slice(colon + 1));
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw new ConfigError(`${name} must be a number from ${min} to ${max}, got '${text}'`);
  return value;
}
