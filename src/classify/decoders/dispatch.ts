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

export class DecoderIndex {
  private readonly automaton = new FragmentAutomaton();
  /** Positions in `decoders` by cue id. */
  private readonly byCue: number[][] = [];
  /** 1 for the decoders that declare no cue. */
  private readonly always: Uint8Array;
  /** Scratch of candidates(), by cue id: reused, since a buffer this size is allocated outside the heap. */
  private readonly found: Uint8Array;

  constructor(private readonly decoders: readonly Decoder[]) {
    this.always = new Uint8Array(decoders.length);
    decoders.forEach((decoder, at) => {
      if (decoder.cues === undefined) {
        this.always[at] = 1;
        return;
      }
      for (const cue of decoder.cues) {
        if (cue === '' || cue !== cue.toLowerCase() || cue.includes('\n'))
          throw new Error(`decoder ${decoder.id}: a cue must be non-empty, lower-case, one line: '${cue}'`);
        (this.byCue[this.automaton.add(cue)] ??= []).push(at);
      }
    });
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
    for (const name of mail.headers.names()) this.automaton.mark(name, found);
    for (const field of HEAD_FIELDS) {
      const value = mail.headers.get(field);
      if (value !== undefined) this.automaton.mark(value.toLowerCase(), found);
    }
    this.automaton.mark(hintsOf(mail).receivedLower, found);
    const chosen = this.always.slice();
    for (let id = 0; id < found.length; id++)
      if (found[id] === 1) for (const at of this.byCue[id] ?? []) chosen[at] = 1;
    return this.decoders.filter((_, at) => chosen[at] === 1);
  }
}
