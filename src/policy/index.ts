/** The policy's public surface: the CRM rules as pure functions, their sentences and settings. */
export { apply, bounceVerdict, initialState, type ApplyContext } from './apply.js';
export { compareEventTime, compareSignals } from './event-order.js';
export { explainState, meaning, stateMessage, when, type StateMessage } from './explain.js';
export { replay } from './replay.js';
export { MAX_SOFT_BOUNCE_RETRIES, parseSettings, type SettingsResult } from './settings.js';
export { DEFAULT_SETTINGS } from './types.js';
export type { AddressState, AddressStatus, PolicySettings, Signal, SignalType, Transition } from './types.js';
