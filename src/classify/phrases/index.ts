import type { Reason } from '../reasons.js';
import type { PhraseList } from './phrase.js';
import { authfailure } from './authfailure.js';
import { badreputation } from './badreputation.js';
import { blocked } from './blocked.js';
import { contenterror } from './contenterror.js';
import { exceedlimit } from './exceedlimit.js';
import { expired } from './expired.js';
import { filtered } from './filtered.js';
import { hasmoved } from './hasmoved.js';
import { hostunknown } from './hostunknown.js';
import { mailboxfull } from './mailboxfull.js';
import { mailererror } from './mailererror.js';
import { mesgtoobig } from './mesgtoobig.js';
import { networkerror } from './networkerror.js';
import { norelaying } from './norelaying.js';
import { notaccept } from './notaccept.js';
import { notcompliantrfc } from './notcompliantrfc.js';
import { policyviolation } from './policyviolation.js';
import { rejected } from './rejected.js';
import { requireptr } from './requireptr.js';
import { securityerror } from './securityerror.js';
import { spamdetected } from './spamdetected.js';
import { speeding } from './speeding.js';
import { suspend } from './suspend.js';
import { syntaxerror } from './syntaxerror.js';
import { systemerror } from './systemerror.js';
import { systemfull } from './systemfull.js';
import { toomanyconn } from './toomanyconn.js';
import { userunknown } from './userunknown.js';
import { virusdetected } from './virusdetected.js';

/** Reasons told apart by what servers say. delivered, feedback, vacation, onhold and undefined are not: they come from report structure. */
export const PHRASES: Partial<Record<Reason, PhraseList>> = {
  authfailure,
  badreputation,
  blocked,
  contenterror,
  exceedlimit,
  expired,
  filtered,
  hasmoved,
  hostunknown,
  mailboxfull,
  mailererror,
  mesgtoobig,
  networkerror,
  norelaying,
  notaccept,
  notcompliantrfc,
  policyviolation,
  rejected,
  requireptr,
  securityerror,
  spamdetected,
  speeding,
  suspend,
  syntaxerror,
  systemerror,
  systemfull,
  toomanyconn,
  userunknown,
  virusdetected,
};
