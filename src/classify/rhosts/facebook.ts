import type { Reason } from '../reasons.js';
import { codeReason } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Facebook's mail servers name each refusal with a code from postmaster.facebook.com/response_codes:
 * "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=...#rcp Refused due to recipient
 * preferences". P codes are permanent, T codes temporary.
 */
const CODES: Readonly<Record<string, Reason>> = {
  // RCP-P1, INT-P1, INT-P3, INT-P4: the recipient (or group) address does not exist
  'rcp-p1': 'userunknown',
  'int-p1': 'userunknown',
  'int-p3': 'userunknown',
  'int-p4': 'userunknown',
  // RCP-P2, RCP-P3: the recipient's preferences or privacy settings refuse the message
  'rcp-p2': 'filtered',
  'rcp-p3': 'filtered',
  // RCP-T4: the address is deactivated, perhaps for a while
  'rcp-t4': 'suspend',
  // RCP-T1: the address is unavailable because of an internal issue
  'rcp-t1': 'systemerror',
  // POL-P1..P4, POL-T1..T3: the sending IP is listed (Spamhaus PBL) or refused for some hours
  'pol-p1': 'blocked',
  'pol-p2': 'blocked',
  'pol-p3': 'blocked',
  'pol-p4': 'blocked',
  'pol-t1': 'blocked',
  'pol-t2': 'blocked',
  'pol-t3': 'blocked',
  // POL-P5: the message contains a virus
  'pol-p5': 'virusdetected',
  // POL-P6: the message contains a blocked URL
  'pol-p6': 'spamdetected',
  // MSG-P1, INT-P2: the message is larger than allowed
  'msg-p1': 'mesgtoobig',
  'int-p2': 'mesgtoobig',
  // MSG-P2: an attachment type is not accepted
  'msg-p2': 'contenterror',
  // MSG-P3: a header that may appear once appears several times
  'msg-p3': 'notcompliantrfc',
  // DNS-P1, DNS-P2, DNS-T1: the MAIL FROM domain does not exist, has no MX, or does not resolve
  'dns-p1': 'rejected',
  'dns-p2': 'rejected',
  'dns-t1': 'rejected',
  // DNS-P3, DNS-T2: the sending server has no (resolving) reverse DNS
  'dns-p3': 'requireptr',
  'dns-t2': 'requireptr',
  // CON-T1..T4, MSG-T1: too many connections or recipients
  'con-t1': 'toomanyconn',
  'con-t2': 'toomanyconn',
  'con-t3': 'toomanyconn',
  'con-t4': 'toomanyconn',
  'msg-t1': 'toomanyconn',
};

const CODE = /\b(?:rcp|int|pol|msg|dns|con)-[pt]\d\b/;

export const facebook: RhostRules = {
  id: 'facebook',
  hosts: ['facebook.com'],
  recipientDomains: ['facebook.com'],
  reason(input) {
    const code = CODE.exec(input.text)?.[0];
    return codeReason(code, CODES, code ?? '');
  },
};
