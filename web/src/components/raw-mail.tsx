/**
 * A stored bounce, as received (GET /v1/bounces/{id}/raw), with the verdict's evidence marked: the
 * receiving server's reply, the status code and the recipient, wherever they appear in the text.
 */
import { api } from '../api.js';
import { t } from '../i18n/i18n.js';
import { Show, useLoad } from './async.js';

/** Long mails are cut for the browser's sake; the API gives the whole mail. */
const MAX_CHARS = 200_000;

export interface Piece {
  text: string;
  marked: boolean;
}

/** Splits text into marked and unmarked pieces; longer needles win where two overlap. Case-insensitive. */
export function markAll(text: string, needles: string[]): Piece[] {
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const needle of needles.filter((n) => n.length >= 3).sort((a, b) => b.length - a.length)) {
    const n = needle.toLowerCase();
    for (let at = lower.indexOf(n); at >= 0; at = lower.indexOf(n, at + n.length))
      marks.fill(true, at, at + n.length);
  }
  const pieces: Piece[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      pieces.push({ text: text.slice(start, i), marked: marks[start] === true });
      start = i;
    }
  }
  return pieces;
}

/** Mail text folds long lines (RFC 5322): evidence is searched in the unfolded text's words too. */
function evidenceNeedles(values: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    out.push(value);
    // A folded or quoted reply rarely appears whole: its longest runs of words still do.
    for (const part of value.split(/[;\r\n]+/)) if (part.trim().length >= 12) out.push(part.trim());
  }
  return out;
}

export function RawMail({
  bounceId,
  evidence,
}: {
  bounceId: string;
  evidence: (string | null | undefined)[];
}) {
  const [loaded, retry] = useLoad(
    () => api.get<string>(`/v1/bounces/${encodeURIComponent(bounceId)}/raw`),
    bounceId,
  );
  return (
    <section class="raw" aria-labelledby={`raw-${bounceId}`}>
      <h3 id={`raw-${bounceId}`}>{t('bounces.raw')}</h3>
      <p class="hint">{t('bounces.rawHint')}</p>
      <Show loaded={loaded} retry={retry}>
        {(raw) => (
          <pre tabIndex={0}>
            {markAll(raw.slice(0, MAX_CHARS), evidenceNeedles(evidence)).map((p, i) =>
              p.marked ? <mark key={i}>{p.text}</mark> : p.text,
            )}
          </pre>
        )}
      </Show>
    </section>
  );
}
