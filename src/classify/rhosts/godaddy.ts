import type { Reason } from '../reasons.js';
import { codeReason, findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * GoDaddy's inbound servers (smtp.secureserver.net, mailstore1.secureserver.net) end a refusal with
 * an "IBnnn" code from their published bounce table: "552 ... judged to be spam ... IB212".
 */
const CODES: Readonly<Record<string, Reason>> = {
  // "Connection refused, too many sessions from this IP."
  ib007: 'toomanyconn',
  // "Server temporarily unavailable. Try again later." (queue under high volume)
  ib101: 'speeding',
  // "This IP has a poor reputation on Cloudmark Sender Intelligence (CSI)."
  ib103: 'badreputation',
  // "This IP address is listed on the Spamhaus SBL / XBL / PBL."
  ib104: 'blocked',
  ib105: 'blocked',
  ib106: 'blocked',
  // "Temporarily rejected. Reverse DNS for this IP failed."
  ib108: 'requireptr',
  // "This IP has been blocked (for an hour / the day) for sending spam or mailing invalid recipients."
  ib110: 'blocked',
  ib111: 'blocked',
  ib112: 'blocked',
  ib113: 'blocked',
  // "This message has been rejected due to content judged to be spam by the internet community."
  ib212: 'spamdetected',
  // "Authentication not allowed on IBSMTP Servers." (a client used the inbound server to send)
  ib401: 'securityerror',
  // "Blank From: addresses are not allowed." / "IP addresses are not allowed as a From: Address."
  ib501: 'notcompliantrfc',
  ib502: 'notcompliantrfc',
  // "This IP has sent too many messages this hour."
  ib504: 'speeding',
  // "From: Domain is invalid. Provide a valid From:" (the sender domain does not resolve)
  ib506: 'rejected',
  // "Invalid SPF record."
  ib508: 'authfailure',
  // "This message has exceeded the max number of messages per session."
  ib510: 'speeding',
  // "This message contains too many recipients."
  ib605: 'toomanyconn',
  // "This IP has sent to too many recipients this hour."
  ib607: 'speeding',
  // "Virus infected message rejected."
  ib705: 'virusdetected',
};

/** Replies GoDaddy sends without an IB code. */
const SENTENCES: PhraseTable = [
  // "554 RBL Reject." / "553 http://www.spamhaus.org/query/bl?ip=192.0.2.1"
  ['blocked', ['rbl reject', 'spamhaus.org/query/bl?ip=']],
  // "Account storage limit": the recipient's box is full
  ['mailboxfull', ['account storage limit']],
];

const CODE = /\bib\d{3}\b/;

export const godaddy: RhostRules = {
  id: 'godaddy',
  hosts: ['secureserver.net'],
  reason(input) {
    const code = CODE.exec(input.text)?.[0];
    return codeReason(code, CODES, code ?? '') ?? findPhrase(input.text, SENTENCES);
  },
};
