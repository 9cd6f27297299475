import pg from 'pg';
import { serverFault } from './server-faults.js';

/** How long opening a connection may take before the request fails as database_unavailable. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface PoolLog {
  warn(o: object, m: string): void;
}

/**
 * The store's connection pool. node-postgres reports an idle connection that the server or the network
 * closed as an 'error' event on the pool, which ends the process when nobody listens: here it is logged
 * and the pool opens a new connection on the next statement. A statement or a checkout that cannot reach
 * the database fails with database_unavailable (server-faults.ts). Connections are named `rebound` in
 * pg_stat_activity.
 */
export function openPool(config: pg.PoolConfig, log: PoolLog): pg.Pool {
  const pool = new pg.Pool({
    application_name: 'rebound',
    // A server that does not answer at all (a partition, a firewall dropping packets) fails a request
    // in seconds rather than after the system's TCP timeout of minutes; keepalives find a dead peer
    // under a connection that waits.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...config,
  });
  pool.on('error', (error) =>
    log.warn({ err: error }, 'PostgreSQL closed an idle connection; the next statement opens a new one'),
  );
  const rethrow = (error: unknown): never => {
    throw serverFault(error);
  };
  // Every sub-store queries through this one object: wrapping its two entry points covers them all.
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query')
        return (...args: unknown[]) =>
          (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(rethrow);
      if (prop === 'connect') return () => target.connect().catch(rethrow);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
