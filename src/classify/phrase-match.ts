import { REASONS, type Reason } from './reasons.js';
import { FRAGMENT_WINDOW, type Phrase } from './phrases/phrase.js';
import { PHRASES } from './phrases/index.js';

export interface PhraseHit {
  reason: Reason;
  /** The phrase as written in the table, fragments joined with ' … '. */
  phrase: string;
}

/** Lower-case and collapse whitespace, so phrases need not care about folding or padding. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

function matchesPhrase(text: string, phrase: Phrase): boolean {
  if (typeof phrase === 'string') return text.includes(phrase);
  const [first, ...rest] = phrase;
  if (first === undefined) return false;
  let at = text.indexOf(first);
  while (at !== -1) {
    if (restFollows(text, at + first.length, rest)) return true;
    at = text.indexOf(first, at + 1);
  }
  return false;
}

function restFollows(text: string, from: number, rest: readonly string[]): boolean {
  let end = from;
  for (const fragment of rest) {
    const next = text.indexOf(fragment, end);
    if (next === -1 || next - end > FRAGMENT_WINDOW) return false;
    end = next + fragment.length;
  }
  return true;
}

function show(phrase: Phrase): string {
  return typeof phrase === 'string' ? phrase : phrase.join(' … ');
}

/** Every reason whose phrases occur in the text, best rank first. `text` must be normalised. */
export function matchPhrases(text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  if (text.length === 0) return hits;
  for (const [reason, list] of PHRASE_ENTRIES) {
    for (const phrase of list) {
      if (matchesPhrase(text, phrase)) {
        hits.push({ reason, phrase: show(phrase) });
        break;
      }
    }
  }
  return hits.sort((a, b) => REASONS[b.reason].rank - REASONS[a.reason].rank);
}

const PHRASE_ENTRIES = Object.entries(PHRASES) as [Reason, readonly Phrase[]][];
