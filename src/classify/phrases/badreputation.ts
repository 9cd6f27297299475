import type { PhraseList } from './phrase.js';

/** badreputation: refused because of the reputation of the sending IP address or domain. */
export const badreputation: PhraseList = [
  // 550-5.7.1 Our system has detected that this message is likely suspicious due to the very low
  //   reputation of the sending IP address (Gmail); 421 4.7.0 ... very low reputation of the sending domain
  'very low reputation',
  'low reputation of the sending',
  ['suspicious due to', 'reputation'],
  // 451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation (Outlook.com)
  'rate limited due to ip reputation',
  'due to ip reputation',
  'due to poor reputation',
  'due to bad reputation',
  'due to low reputation',
  // 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints (Yahoo, AOL)
  'deferred due to unexpected volume or user complaints',
  'due to user complaints',
  '[tss04]',
  // 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation (Barracuda)
  "sending mta's poor reputation",
  'poor reputation',
  'bad reputation',
  'poor email reputation',
  'a poor email reputation score',
  // 550 5.7.1 Service unavailable, IP/domain reputation problems (Comcast, Cox)
  'ip/domain reputation problems',
  'reputation problems',
  // 554 5.7.1 Rejected: sender reputation too low / reputation score too low (SendGrid, Mailgun, Proofpoint)
  ['reputation', 'too low'],
  'sender reputation',
  'ip reputation',
  'domain reputation',
  'reputation of your ip',
  'reputation of the ip',
  'reputation of your domain',
  'senderscore',
  'sender score',
  // Mail.ru: 550 spam message rejected. Please visit https://help.mail.ru/... (IP has a bad reputation)
  // Trend Micro: 550 5.7.1 Rejected by ERS (Email Reputation Services)
  'email reputation service',
  'rejected by ers',
  // 421 4.7.0 Sender IP is not in good standing / mail from your IP is temporarily rate limited due to low reputation
  'not in good standing',
];
