/**
 * The campaign or tag a client names for a message sent through the relay: the `X-Rebound-Campaign`
 * header. Read from the header block only (up to the first empty line), folded lines unfolded; the header
 * stays in the message (receivers ignore X- headers).
 */
export const CAMPAIGN_HEADER = 'x-rebound-campaign';
const MAX_CAMPAIGN_LENGTH = 200;
/** Headers longer than this are not a CRM's: the campaign is looked for in the first 64 KiB only. */
const MAX_HEAD_BYTES = 65_536;

export function campaignHeader(raw: Buffer): string | undefined {
  const head = raw.subarray(0, MAX_HEAD_BYTES).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const lines = (end < 0 ? head : head.slice(0, end)).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== CAMPAIGN_HEADER) continue;
    let value = line.slice(colon + 1);
    while (/^[ \t]/.test(lines[i + 1] ?? '')) value += ` ${(lines[++i] ?? '').trim()}`;
    const campaign = value.trim();
    return campaign === '' ? undefined : campaign.slice(0, MAX_CAMPAIGN_LENGTH);
  }
  return undefined;
}
