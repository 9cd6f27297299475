import { FragmentAutomaton } from '../fragment-automaton.js';
import type { Decoder, ParsedMessage } from '../types.js';
import { hintsOf } from './mail-hints.js';

/**
 * Pre-dispatch: each mail was offered to every decoder in turn, and the ~40 recognises() calls were
 * a visible part of classifying it. Decoders declare cues (Decoder.cues), strings without which their
 * recognises() cannot be true; one scan of the mail's head finds the cues present, and only the
 * decoders with a cue present (or with none declared) are asked, in the list's order. recognises()
 * stays the authority: a cue only lets a decoder be asked.
 */

/** The fields whose first value is scanned: every field a decoder's recognises() reads. */
const HEAD_FIELDS = ['from', 'subject', 'to', 'message-id', 'x-mailer', 'x-mimeole', 'x-mlserver'];

/** Field names whose cues are remembered: real mails use a few hundred names; odd ones are scanned each time. */
const NAME_MEMO_LIMIT = 2048;

export class DecoderIndex {
  private readonly automaton = new FragmentAutomaton();
  /** Per decoder, the ids of its cues; undefined for a decoder that declares none (always asked). */
  private readonly cueIds: (number[] | undefined)[];
  /** Scratch of candidates(), by cue id: reused, since a buffer this size is allocated outside the heap. */
  private readonly found: Uint8Array;
  /**
   * The cue ids found in each field name seen: the same few dozen names head every mail, so their
   * cues are looked up rather than scanned again.
   */
  private readonly nameCues = new Map<string, readonly number[]>();

  constructor(private readonly decoders: readonly Decoder[]) {
    this.cueIds = decoders.map((decoder) =>
      decoder.cues?.map((cue) => {
        if (cue === '' || cue !== cue.toLowerCase() || cue.includes('\n'))
          throw new Error(`decoder ${decoder.id}: a cue must be non-empty, lower-case, one line: '${cue}'`);
        return this.automaton.add(cue);
      }),
    );
    this.automaton.build();
    this.found = new Uint8Array(this.automaton.fragments.length);
  }

  /**
   * The decoders that may recognise the mail, in the list's order. The mail's head is scanned for cues
   * piece by piece, each lower-cased: its field names, the values of HEAD_FIELDS as get() gives them
   * (unfolded, decoded), and its Received values. A value that contains a string contains it
   * lower-cased, so a cue for a case-sensitive test is still necessary.
   */
  candidates(mail: ParsedMessage): Decoder[] {
    const found = this.found.fill(0);
    for (const name of mail.headers.names()) for (const id of this.cuesOfName(name)) found[id] = 1;
    for (const field of HEAD_FIELDS) {
      const value = mail.headers.get(field);
      if (value !== undefined) this.automaton.mark(value.toLowerCase(), found);
    }
    this.automaton.mark(hintsOf(mail).receivedLower, found);
    const chosen: Decoder[] = [];
    for (let at = 0; at < this.decoders.length; at++) {
      const ids = this.cueIds[at];
      if (ids === undefined || ids.some((id) => found[id] === 1)) chosen.push(this.decoders[at]!);
    }
    return chosen;
  }

  private cuesOfName(name: string): readonly number[] {
    const known = this.nameCues.get(name);
    if (known !== undefined) return known;
    const marks = new Uint8Array(this.found.length);
    this.automaton.mark(name, marks);
    const ids: number[] = [];
    marks.forEach((mark, id) => {
      if (mark === 1) ids.push(id);
    });
    if (this.nameCues.size < NAME_MEMO_LIMIT) this.nameCues.set(name, ids);
    return ids;
  }
}
