import type { Reason } from '../reasons.js';
import { codeReason, findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Cox (cox.net, inbound through *.cloudfilter.net) ends a refusal with "AUP#<code>" from its
 * published error-code page: "550 5.1.0 <x> sender rejected. Refer to Error Codes ... AUP#CXBL".
 */
const CODES: Readonly<Record<string, Reason>> = {
  // CXBL: the sending IP is blocked for spam-like behaviour; CDRBL: the same, for up to 24 hours
  cxbl: 'blocked',
  cdrbl: 'blocked',
  // CXDNS: the reverse DNS of the connecting IP fails
  cxdns: 'requireptr',
  // CXSNDR: the sender domain fails SPF/DKIM checks
  cxsndr: 'authfailure',
  // CXSMTP: SMTP protocol violation, the sender could not be verified
  cxsmtp: 'rejected',
  // CXCNCT: too many concurrent connections; CXMXRT: too many recipients sent to
  cxcnct: 'toomanyconn',
  cxmxrt: 'toomanyconn',
  // CXTHRT / CXMJ: sending limited or blocked for suspicious account activity
  cxthrt: 'securityerror',
  cxmj: 'securityerror',
  // URLBLnnn: a URL of the message is on a URI blocklist
  urlbl011: 'spamdetected',
  urlbl101: 'spamdetected',
  urlbl110: 'spamdetected',
  urlbl1001: 'spamdetected',
};

/** Cox replies without an AUP code. */
const SENTENCES: PhraseTable = [
  // "554 ... rejected - no rDNS" / "DNS check failure - try again later"
  ['requireptr', ['rejected - no rdns', 'dns check failure - try again later']],
  // "421 ... too many sessions from 192.0.2.1" / "message threshold exceeded"
  ['toomanyconn', ['too many sessions from', 'message threshold exceeded']],
  // "cox too many bad commands from 192.0.2.1"
  ['blocked', ['cox too many bad commands from']],
];

export const cox: RhostRules = {
  id: 'cox',
  hosts: ['cox.net', 'cox.com'],
  recipientDomains: ['cox.net'],
  reason(input) {
    const at = input.text.indexOf('aup#');
    if (at !== -1) {
      const code = input.text.slice(at + 4).split(/[^a-z0-9]/, 1)[0];
      // IPBLnnnn: the sending IP is on one or more DNSBLs (Spamhaus, Cloudmark CSI, ...)
      if (code?.startsWith('ipbl')) return { reason: 'blocked', matched: `aup#${code}` };
      const known = codeReason(code, CODES, `aup#${code ?? ''}`);
      if (known) return known;
    }
    return findPhrase(input.text, SENTENCES);
  },
};
