/**
 * A phrase is what a mail server says, lower-case, matched against normalised text
 * (lower-cased, whitespace runs collapsed to one space):
 *   'mailbox full'                 a plain substring
 *   ['mailbox', 'is full']         fragments that must appear in this order, each starting within
 *                                  FRAGMENT_WINDOW characters after the end of the previous one
 * No regular expressions: matching is a linear scan.
 */
export type Phrase = string | readonly string[];
export type PhraseList = readonly Phrase[];

export const FRAGMENT_WINDOW = 48;
