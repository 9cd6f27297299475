/** The production FetchText: HTTPS only, a short timeout, a small size cap (a certificate, a confirmation page). */
import type { FetchText } from './types.js';

const TIMEOUT_MS = 5000;
const MAX_BYTES = 64 * 1024;

export const fetchTextOverHttps: FetchText = async (url) => {
  if (url.protocol !== 'https:') throw new Error(`refusing to fetch ${url.href}: not https`);
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
  const body = await response.arrayBuffer();
  if (body.byteLength > MAX_BYTES)
    throw new Error(`GET ${url.href}: response larger than ${MAX_BYTES} bytes`);
  return Buffer.from(body).toString('utf8');
};
