/**
 * Amazon SNS envelopes: the signature (SignatureVersion 1 = SHA1withRSA, 2 = SHA256withRSA) checked with
 * the certificate at SigningCertURL, which must be an https URL on an SNS host, and the topic, which must be
 * one the account configured (anyone can sign with SNS from their own AWS account).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { VERIFIED, unauthorized, type FetchText, type VerifyResult } from './types.js';
import { str, type Json } from './signal-fields.js';

export type SnsType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
const TYPES: ReadonlySet<string> = new Set<SnsType>([
  'Notification',
  'SubscriptionConfirmation',
  'UnsubscribeConfirmation',
]);

/** The fields each type signs, in the order AWS documents. */
const SIGNED_FIELDS: Readonly<Record<SnsType, readonly string[]>> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

const ALGORITHMS: Readonly<Record<string, string>> = { '1': 'sha1', '2': 'sha256' };
/** Certificates rotate rarely; a bound keeps a flood of distinct (valid-looking) URLs from growing memory. */
const MAX_CACHED_CERTIFICATES = 32;

export function snsType(body: Json): SnsType | undefined {
  const type = body.Type;
  return typeof type === 'string' && TYPES.has(type) ? (type as SnsType) : undefined;
}

/** sns.<region>.amazonaws.com (or .com.cn): checked label by label, no pattern to backtrack on. */
export function isSnsUrl(url: URL): boolean {
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '')
    return false;
  const labels = url.hostname.toLowerCase().split('.');
  const suffix = labels.slice(2).join('.');
  return (
    labels[0] === 'sns' &&
    isRegion(labels[1] ?? '') &&
    (suffix === 'amazonaws.com' || suffix === 'amazonaws.com.cn')
  );
}

/** An AWS region name: 'us-east-1', 'eu-central-2', 'us-gov-west-1'. */
function isRegion(label: string): boolean {
  const parts = label.split('-');
  const [area, ...rest] = parts;
  const number = rest.pop();
  return (
    area !== undefined &&
    /^[a-z]{2}$/.test(area) &&
    rest.length > 0 &&
    rest.every((part) => /^[a-z]+$/.test(part)) &&
    number !== undefined &&
    /^\d$/.test(number)
  );
}

export function parseUrl(value: unknown): URL | undefined {
  const text = str(value);
  if (text === undefined || !URL.canParse(text)) return undefined;
  return new URL(text);
}

export class SnsVerifier {
  private readonly certificates = new Map<string, Promise<KeyObject>>();

  constructor(private readonly fetchText: FetchText) {}

  async verify(body: Json, topicArns: readonly string[]): Promise<VerifyResult> {
    const type = snsType(body);
    if (type === undefined)
      return { ok: false, code: 'invalid_request', detail: 'Not an SNS message: unknown Type' };
    const topic = str(body.TopicArn);
    if (topic === undefined || !topicArns.includes(topic)) {
      return unauthorized(`SNS topic ${JSON.stringify(topic ?? null)} is not configured for this account`);
    }
    const algorithm = ALGORITHMS[String(body.SignatureVersion)];
    if (algorithm === undefined) return unauthorized('SignatureVersion must be 1 or 2');
    const certUrl = parseUrl(body.SigningCertURL);
    if (certUrl === undefined || !isSnsUrl(certUrl) || !certUrl.pathname.endsWith('.pem')) {
      return unauthorized('SigningCertURL must be an https .pem URL on sns.<region>.amazonaws.com');
    }
    const signature = Buffer.from(str(body.Signature) ?? '', 'base64');
    if (signature.length === 0) return unauthorized('The SNS message is not signed');
    const key = await this.certificate(certUrl);
    const ok = verify(algorithm, Buffer.from(stringToSign(type, body), 'utf8'), key, signature);
    return ok ? VERIFIED : unauthorized('The SNS signature does not match the message');
  }

  /** A fetch that fails is not cached (the next delivery retries); one that succeeds is, per URL. */
  private certificate(url: URL): Promise<KeyObject> {
    const cached = this.certificates.get(url.href);
    if (cached !== undefined) return cached;
    if (this.certificates.size >= MAX_CACHED_CERTIFICATES) this.certificates.clear();
    const loading = this.fetchText(url).then((pem) => createPublicKey(pem));
    this.certificates.set(url.href, loading);
    loading.catch(() => this.certificates.delete(url.href));
    return loading;
  }
}

/** "Name\nvalue\n" for each signed field present, in order. */
export function stringToSign(type: SnsType, body: Json): string {
  let text = '';
  for (const field of SIGNED_FIELDS[type]) {
    const value = body[field];
    if (typeof value === 'string') text += `${field}\n${value}\n`;
  }
  return text;
}
