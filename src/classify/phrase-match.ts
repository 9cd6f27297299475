import { FragmentAutomaton } from './fragment-automaton.js';
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
  /** Fragment ids in order, with their lengths. */
  parts: { id: number; length: number }[];
}

interface IndexedPhrase extends CompiledPhrase {
  reason: Reason;
}

const automaton = new FragmentAutomaton();
/** Phrases by the id of their first fragment: a scan's matches lead straight to the candidates. */
const BY_FIRST_FRAGMENT = new Map<number, IndexedPhrase[]>();
for (const [reason, list] of Object.entries(PHRASES) as [Reason, readonly Phrase[]][]) {
  for (const phrase of list) {
    const compiled = { ...compile(phrase), reason };
    const first = compiled.parts[0]?.id;
    if (first === undefined) continue;
    const bucket = BY_FIRST_FRAGMENT.get(first);
    if (bucket) bucket.push(compiled);
    else BY_FIRST_FRAGMENT.set(first, [compiled]);
  }
}
automaton.build();

function compile(phrase: Phrase): CompiledPhrase {
  const fragments = typeof phrase === 'string' ? [phrase] : [...phrase];
  return {
    shown: fragments.join(' … '),
    parts: fragments.map((fragment) => ({ id: automaton.add(fragment), length: fragment.length })),
  };
}

/** Do the fragments occur in order, each starting within FRAGMENT_WINDOW of the previous one's end? */
function occurs(phrase: CompiledPhrase, found: Map<number, number[]>): boolean {
  const [first, ...rest] = phrase.parts;
  const firstEnds = first ? found.get(first.id) : undefined;
  if (!firstEnds) return false;
  if (rest.length === 0) return true;
  return firstEnds.some((end) => chainFrom(end, rest, found));
}

function chainFrom(end: number, rest: CompiledPhrase['parts'], found: Map<number, number[]>): boolean {
  let previousEnd = end;
  for (const part of rest) {
    const ends = found.get(part.id);
    const next = ends?.find((e) => {
      const start = e - part.length;
      return start >= previousEnd && start - previousEnd <= FRAGMENT_WINDOW;
    });
    if (next === undefined) return false;
    previousEnd = next;
  }
  return true;
}

/** Every reason whose phrases occur in the text, best rank first. `text` must be normalised. */
export function matchPhrases(text: string): PhraseHit[] {
  if (text.length === 0) return [];
  const found = automaton.scan(text);
  const best = new Map<Reason, string>();
  for (const id of found.keys()) {
    for (const phrase of BY_FIRST_FRAGMENT.get(id) ?? []) {
      if (!best.has(phrase.reason) && occurs(phrase, found)) best.set(phrase.reason, phrase.shown);
    }
  }
  return [...best]
    .map(([reason, phrase]) => ({ reason, phrase }))
    .sort((a, b) => REASONS[b.reason].rank - REASONS[a.reason].rank);
}
