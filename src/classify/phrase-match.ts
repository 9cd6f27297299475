import { FragmentAutomaton, type Occurrences } from './fragment-automaton.js';
import { REASONS, type Reason } from './reasons.js';
import { FRAGMENT_WINDOW, type Phrase } from './phrases/phrase.js';
import { PHRASES } from './phrases/index.js';
import { collapseWhitespace } from './whitespace.js';

export interface PhraseHit {
  reason: Reason;
  /** The phrase as written in the table, fragments joined with ' … '. */
  phrase: string;
}

/** Lower-case and collapse whitespace, so phrases need not care about folding or padding. */
export function normalise(text: string): string {
  return collapseWhitespace(text.toLowerCase());
}

interface CompiledPhrase {
  shown: string;
  reason: Reason;
  /** The first fragment's id; a scan's matches of it lead to this phrase. */
  first: number;
  /** The fragments after the first, in order, with their lengths ([] for a plain phrase). */
  rest: { id: number; length: number }[];
}

const automaton = new FragmentAutomaton();
/** Phrases by the id of their first fragment, in table order: a scan's matches lead straight to the candidates. */
const BY_FIRST_FRAGMENT: CompiledPhrase[][] = [];
for (const [reason, list] of Object.entries(PHRASES) as [Reason, readonly Phrase[]][]) {
  for (const phrase of list) {
    const compiled = compile(phrase, reason);
    if (compiled === undefined) continue;
    (BY_FIRST_FRAGMENT[compiled.first] ??= []).push(compiled);
  }
}
automaton.build();

function compile(phrase: Phrase, reason: Reason): CompiledPhrase | undefined {
  const fragments = typeof phrase === 'string' ? [phrase] : [...phrase];
  const [first, ...rest] = fragments;
  if (first === undefined) return undefined;
  return {
    shown: fragments.join(' … '),
    reason,
    first: automaton.add(first),
    rest: rest.map((fragment) => ({ id: automaton.add(fragment), length: fragment.length })),
  };
}

/** Reused by every matchPhrases (calls do not nest). */
const occurrences = automaton.newOccurrences();

/**
 * Do the later fragments follow one of the first fragment's occurrences in order, each starting within
 * FRAGMENT_WINDOW of the previous one's end?
 */
function follows(phrase: CompiledPhrase, found: Occurrences): boolean {
  if (phrase.rest.length === 0) return true;
  for (let k = found.first(phrase.first); k !== -1; k = found.nexts[k] as number)
    if (chainFrom(found.ends[k] as number, phrase.rest, found)) return true;
  return false;
}

function chainFrom(end: number, rest: CompiledPhrase['rest'], found: Occurrences): boolean {
  let previousEnd = end;
  for (const part of rest) {
    let next = -1;
    for (let k = found.first(part.id); k !== -1; k = found.nexts[k] as number) {
      const e = found.ends[k] as number;
      const start = e - part.length;
      if (start >= previousEnd && start - previousEnd <= FRAGMENT_WINDOW) {
        next = e;
        break;
      }
    }
    if (next === -1) return false;
    previousEnd = next;
  }
  return true;
}

/** Every reason whose phrases occur in the text, best rank first. `text` must be normalised. */
export function matchPhrases(text: string): PhraseHit[] {
  if (text.length === 0) return [];
  const found = automaton.scanInto(text, occurrences);
  // The first phrase found for a reason is the one shown: scan order, then table order.
  const hits: PhraseHit[] = [];
  for (let k = 0; k < found.count; k++) {
    const id = found.ids[k] as number;
    // Each fragment once, where it first occurs.
    if (found.first(id) !== k) continue;
    const candidates = BY_FIRST_FRAGMENT[id];
    if (candidates === undefined) continue;
    for (const phrase of candidates) {
      if (!hits.some((hit) => hit.reason === phrase.reason) && follows(phrase, found))
        hits.push({ reason: phrase.reason, phrase: phrase.shown });
    }
  }
  return hits.length > 1 ? hits.sort((a, b) => REASONS[b.reason].rank - REASONS[a.reason].rank) : hits;
}
