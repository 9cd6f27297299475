import type { Decoder } from '../types.js';
import { arf } from './arf.js';
import { exchange2003 } from './exchange2003.js';
import { gmail } from './gmail.js';
import { googlegroups } from './googlegroups.js';
import { googleworkspace } from './googleworkspace.js';
import { gmx } from './gmx.js';
import { yahoo } from './yahoo.js';
import { zoho } from './zoho.js';
import { verizon } from './verizon.js';
import { office365 } from './office365.js';
import { amazonses } from './amazonses.js';
import { dragonfly } from './dragonfly.js';
import { exim } from './exim.js';
import { mailru } from './mailru.js';
import { opensmtpd } from './opensmtpd.js';
import { postfix } from './postfix.js';
import { postfixTranscript } from './postfix-transcript.js';
import { qmail } from './qmail.js';
import { sendmail } from './sendmail.js';
import { v5sendmail } from './v5sendmail.js';
import { x1 } from './x1.js';
import { x6 } from './x6.js';
import { ezweb } from './ezweb.js';
import { kddi } from './kddi.js';
import { biglobe } from './biglobe.js';
import { domino } from './domino.js';
import { notes } from './notes.js';
import { imailserver } from './imailserver.js';
import { mailfoundry } from './mailfoundry.js';
import { mailmarshal } from './mailmarshal.js';
import { mfilter } from './mfilter.js';
import { mxlogic } from './mxlogic.js';
import { trendmicro } from './trendmicro.js';
import { activehunter } from './activehunter.js';
import { mimecast } from './mimecast.js';
import { x3 } from './x3.js';
import { x5 } from './x5.js';
import { deliveryfailure } from './deliveryfailure.js';
import { fml } from './fml.js';
import { apachejames } from './apachejames.js';
import { dovecot } from './dovecot.js';
import { rfc3464 } from './rfc3464.js';
import { rfc3834 } from './rfc3834.js';
import { daemonNotice } from './daemon-notice.js';

/**
 * The one ordered list of decoders. Provider- and MTA-specific decoders come first (each rejects a
 * mail that is not its own by a cheap header test); the generic RFC decoders come last. A mail meets
 * only the decoders whose cues its head carries (dispatch.ts), in this order.
 */
export const DECODERS: readonly Decoder[] = [
  arf,
  exchange2003,
  gmail,
  googlegroups,
  googleworkspace,
  gmx,
  yahoo,
  zoho,
  office365,
  amazonses,
  verizon,
  ezweb,
  kddi,
  biglobe,
  domino,
  notes,
  imailserver,
  mailfoundry,
  mailmarshal,
  mfilter,
  mxlogic,
  trendmicro,
  activehunter,
  mimecast,
  mailru,
  exim,
  qmail,
  dragonfly,
  opensmtpd,
  v5sendmail,
  sendmail,
  postfixTranscript,
  postfix,
  x1,
  x6,
  x3,
  x5,
  deliveryfailure,
  fml,
  apachejames,
  dovecot,
  rfc3464,
  rfc3834,
  // Last: a mailer daemon's plain notice that no decoder above knows.
  daemonNotice,
];
