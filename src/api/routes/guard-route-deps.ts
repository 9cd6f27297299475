import type { Guard } from '../../guard/guard.js';

/** What the guard's route plugins are given: the guard's core, never the store. */
export interface GuardRouteDeps {
  guard: Guard;
}
