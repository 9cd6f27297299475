import type { PhraseList } from './phrase.js';

/** virusdetected: the receiving server found a virus or malware in the message. */
export const virusdetected: PhraseList = [
  // 554 5.7.1 Virus detected / 550 Message rejected: virus found (ClamAV, Amavis)
  'virus detected',
  'virus found',
  'virus infected',
  'virus was found',
  'virus has been detected',
  'contains a virus',
  'contained a virus',
  'contains virus',
  'infected with a virus',
  'infected with',
  'infected attachment',
  'infected file',
  'virus or spam content',
  'prohibited virus',
  'malware detected',
  'malware found',
  'contains malware',
  'malicious content',
  'malicious attachment',
  'malicious url',
  'malicious_url',
  'phishing/malicious',
  'trojan',
  'clamav',
  'eicar',
  'found a virus',
  'known virus',
  'virus scan',
  'antivirus',
  'anti-virus',
  // 552-5.7.0 This message was blocked because it has a potentially executable attachment (Gmail)
  'potentially executable attachment',
  'this form of attachment has been used by recent viruses',
  // Amavis: 554 5.7.0 Reject, id=... - INFECTED: Eicar-Test-Signature / BANNED: ...
  ['reject, id=', 'infected'],
  // Mimecast: 554 Message contains a virus / Trend Micro / Sophos / Barracuda: Message contains a virus
  'message contains a virus',
];
