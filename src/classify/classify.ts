import { DecoderIndex } from './decoders/dispatch.js';
import { DECODERS } from './decoders/index.js';
import { parseMessage } from './mime/parse-message.js';
import type { DecodedReport, Decoder, ParsedMessage, Verdict } from './types.js';
import { originalRef, toVerdict } from './verdict.js';

/**
 * Classify one raw mail: one verdict per recipient the report speaks of; an empty list when the mail
 * is no bounce, complaint or automatic reply. Pure and total: never throws on data.
 */
export function classify(raw: Uint8Array | string): Verdict[] {
  const mail = parseMessage(raw);
  for (const decoder of INDEX.candidates(mail)) {
    const report = tryDecoder(decoder, mail);
    if (report) return toVerdicts(report, decoder.id, mail);
  }
  return [];
}

const INDEX = new DecoderIndex(DECODERS);

function tryDecoder(decoder: Decoder, mail: ParsedMessage): DecodedReport | undefined {
  try {
    if (!decoder.recognises(mail)) return undefined;
    const report = decoder.decode(mail);
    return report && report.recipients.length > 0 ? report : undefined;
  } catch {
    // A decoder bug on strange input must not cost the other decoders their chance.
    return undefined;
  }
}

function toVerdicts(report: DecodedReport, decoderId: string, mail: ParsedMessage): Verdict[] {
  const original = originalRef(report.original ?? mail.original?.headers, mail.headers);
  const byRecipient = new Map<string, Verdict>();
  for (const fact of report.recipients) {
    const verdict = toVerdict(fact, decoderId, original);
    const seen = byRecipient.get(verdict.recipient);
    // A report may name a recipient twice (a summary line, then the details): keep what says more.
    if (!seen || (!seen.diagnosticCode && verdict.diagnosticCode))
      byRecipient.set(verdict.recipient, verdict);
  }
  return [...byRecipient.values()];
}
