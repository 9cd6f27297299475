import type { ReboundService } from '../../service/types.js';

/** What every route plugin is given: the service, never the store. */
export interface RouteDeps {
  service: ReboundService;
}
