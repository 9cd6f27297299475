import type { PhraseList } from './phrase.js';

/** The receiving server's disk, spool or resources are exhausted (not one user's quota). */
export const systemfull: PhraseList = [
  // RFC 5321 text of 452: 452 4.3.1 Requested action not taken: insufficient system storage
  'insufficient system storage',
  // Sendmail: 452 4.4.5 Insufficient disk space; try again later
  'insufficient disk space',
  'no space left on device',
  'mail system full',
  // Exchange back pressure: 452 4.3.1 Insufficient system resources
  'insufficient system resources',
];
