import type { PhraseList } from './phrase.js';

/** policyviolation: the message broke a policy of the receiving organisation. */
export const policyviolation: PhraseList = [
  // 554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes (Yahoo, AOL)
  // 554 Message not allowed - [PH01] Email not accepted for policy reasons
  'not accepted for policy reasons',
  'rejected for policy reasons',
  'refused for policy reasons',
  'blocked for policy reasons',
  'for policy reasons',
  // 550 Denied by policy / 550 5.7.1 Rejected by policy / message refused by local policy
  'denied by policy',
  'rejected by policy',
  'refused by policy',
  'blocked by policy',
  'rejected due to policy',
  'local policy violation',
  'policy violation',
  'violates our policy',
  'violates our email policy',
  'violation of our policy',
  'against our policy',
  'against the policy',
  'by local policy',
  'due to local policy',
  'message policy',
  'content policy',
  'security policies',
  'security policy',
  'organizational settings',
  'organisational settings',
  // 550 5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail (Google Workspace)
  'has a policy that prohibited',
  // 550 5.7.900-999 Delivery not authorized, message refused (Exchange Online mail flow rule)
  'delivery not authorized, message refused',
  // 550 5.7.1 Delivery not authorized (Exchange: a restricted group or rule does not take mail from this sender)
  'delivery not authorized',
  'rejected by a transport rule',
  'transport rule',
  'mail flow rule',
  // 550 5.0.350 Requested action not taken: policy violation detected (AS345)
  // 552-5.7.0 Our system detected an illegal attachment on your message (Gmail)
  'illegal attachment',
  'attachment is not allowed',
  'attachments are not allowed',
  'attachment not allowed',
  'attachment extension is forbidden',
  'prohibited attachment',
  'prohibited file',
  'blocked attachment',
  'attachment type',
  'file type is not allowed',
  'file type not allowed',
  'banned attachment',
  'we do not accept messages containing images or other attachments',
  // 552-5.7.0 This message was blocked because its content presents a potential security issue (Gmail)
  'content presents a potential security issue',
  'content presents a potential',
  // 554 5.7.0 Header error (Exim ACL)
  'header error',
  // 550 Protocol violation
  'protocol violation',
  // Mimecast: 554 Host network not allowed / 550 Envelope blocked - User Entry / Administrative prohibition
  'host network not allowed',
  'envelope blocked',
  'administrative prohibition',
  'message bounced due to organizational settings',
  'because the recipient is not accepting mail with',
  'message given low priority',
  'closed mailing list',
  'not subscribed to this group',
  // Spectrum / Charter: AUP#I-1160..1190 (the sending domain's security policies)
  'aup#i-116',
  'aup#in-116',
  'aup#i-117',
  'aup#in-117',
  'aup#i-118',
  'aup#in-118',
  'aup#i-119',
  'aup#in-119',
  // La Poste: 554 5.7.1 Client host rejected ... LPN000_630
  ['lpn', '_630'],
  // Cox: 554 esmtp no data before greeting
  'no data before greeting',
];
