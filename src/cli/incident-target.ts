/**
 * What `rebound incidents` and `rebound blocklist-check` act on: the local database (with the sender
 * guard built on it, as the server builds it) or a running server with --server URL --key KEY.
 */
import { userInfo } from 'node:os';
import { loadConfig } from '../config.js';
import { ReboundError } from '../errors.js';
import type { IncidentDetail, IncidentView } from '../guard/incident-view.js';
import { openLocal } from '../local.js';
import type { Page, PageRequest } from '../service/types.js';
import type { CheckRow, IncidentState } from '../store/incidents.js';
import { cliHttpTarget, type HttpTarget } from './http-target.js';
import { TargetUsageError } from './target.js';

export interface IncidentTarget {
  listIncidents(state: IncidentState | undefined, page: PageRequest): Promise<Page<IncidentView>>;
  getIncident(id: string): Promise<IncidentDetail>;
  resolve(id: string, note: string): Promise<IncidentDetail>;
  runChecks(): Promise<CheckRow[]>;
  close(): Promise<void>;
}

export async function openIncidentTarget(
  options: { server?: string | undefined; key?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Promise<IncidentTarget> {
  const key = options.key ?? env.REBOUND_API_KEY;
  if (options.server === undefined) {
    if (options.key !== undefined) throw new TargetUsageError('--key goes with --server');
    return localIncidents(env);
  }
  if (key === undefined) throw new TargetUsageError('--server needs --key KEY (or REBOUND_API_KEY)');
  return httpIncidents(cliHttpTarget(options.server, key));
}

async function localIncidents(env: Readonly<Record<string, string | undefined>>): Promise<IncidentTarget> {
  const config = loadConfig(env);
  const local = await openLocal(config.store, { unblock: config.unblock });
  const { tracker, checker } = local.sender;
  const id = local.accountId;
  return {
    listIncidents: (state, page) => tracker.list(id, { state }, page),
    getIncident: async (incident) => {
      const detail = await tracker.get(id, incident);
      if (detail === undefined) throw new ReboundError('not_found', `There is no incident ${incident}.`);
      return detail;
    },
    resolve: (incident, note) => tracker.resolve(id, incident, `cli:${userInfo().username}`, note),
    runChecks: () => checker.run(id),
    close: () => local.close(),
  };
}

function httpIncidents(http: HttpTarget): IncidentTarget {
  return {
    listIncidents: (state, page) => {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries({ state, ...page })) {
        if (value !== undefined) query.set(name, String(value));
      }
      return http.request('GET', `/v1/incidents?${query}`);
    },
    getIncident: (id) => http.request('GET', `/v1/incidents/${encodeURIComponent(id)}`),
    resolve: (id, note) =>
      http.request('POST', `/v1/incidents/${encodeURIComponent(id)}/resolve`, {
        type: 'application/json',
        body: JSON.stringify({ note }),
      }),
    runChecks: async () =>
      (
        await http.request<{ items: CheckRow[] }>('POST', '/v1/blocklist-checks', {
          type: 'application/json',
          body: '{}',
        })
      ).items,
    close: () => http.close(),
  };
}
