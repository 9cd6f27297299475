/**
 * The capture paths' own per-account settings, one JSON document per area: what the sending path checks
 * (GET/PUT /v1/settings/sending) and the webhook secrets (PUT /v1/settings/webhook-secrets). The store
 * keeps documents; their shape is checked by their owners (src/capture/settings/).
 */
export type CaptureSettingsArea = 'sending' | 'webhook-secrets';

export interface CaptureSettingsStore {
  /** The stored document, or undefined when the account never set this area. */
  get(accountId: string, area: CaptureSettingsArea): Promise<unknown>;
  /** Replaces the area's document. */
  put(accountId: string, area: CaptureSettingsArea, value: unknown): Promise<void>;
}
