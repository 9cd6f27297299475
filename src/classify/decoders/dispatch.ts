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

/** The fields whose first value goes into the digest: every field a decoder's recognises() reads. */
const HEAD_FIELDS = ['from', 'subject', 'to', 'message-id', 'x-mailer', 'x-mimeole', 'x-mlserver'];

/**
 * The head digest: field names, then the values of HEAD_FIELDS as get() gives them (unfolded,
 * decoded), then every Received value, joined with '\n' and lower-cased. A value that contains a
 * string contains it lower-cased here, so a cue for a case-sensitive test is still necessary.
 */
export function headDigest(mail: ParsedMessage): string {
  const parts = mail.headers.names();
  for (const name of HEAD_FIELDS) {
    const value = mail.headers.get(name);
    if (value !== undefined) parts.push(value);
  }
  parts.push(hintsOf(mail).receivedText);
  return parts.join('\n').toLowerCase();
}

export class DecoderIndex {
  private readonly automaton = new FragmentAutomaton();
  /** Positions in `decoders` by cue id. */
  private readonly byCue: number[][] = [];
  /** 1 for the decoders that declare no cue. */
  private readonly always: Uint8Array;

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
  }

  /** The decoders that may recognise the mail, in the list's order. */
  candidates(mail: ParsedMessage): Decoder[] {
    const chosen = this.always.slice();
    for (const id of this.automaton.scan(headDigest(mail)).keys()) {
      for (const at of this.byCue[id] ?? []) chosen[at] = 1;
    }
    return this.decoders.filter((_, at) => chosen[at] === 1);
  }
}
