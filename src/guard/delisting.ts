/**
 * What to do about an incident: where to look a listing up and ask for removal, and whom to ask at the
 * receiving domain. Data tables of public pages (names as src/classify/blocklist.ts spells them), and
 * one pure function that turns an incident into steps a support agent can follow.
 */
import type { Reason } from '../classify/reasons.js';

export interface ListPages {
  /** Where to see whether (and why) an IP or domain is listed. */
  lookup: string;
  /** Where to ask for removal; the lookup page when removal starts there. */
  delist: string;
  /** What is particular about this list's removal. */
  note: string;
}

export const LIST_PAGES = {
  Spamhaus: {
    lookup: 'https://check.spamhaus.org/',
    delist: 'https://check.spamhaus.org/',
    note: 'an SBL listing is removed only at the request of the network (ISP) that holds the IP, by its abuse team, and no other Spamhaus listing of that IP can be removed before it; XBL and CSS (a misused or infected host) and PBL (a range not meant to send mail) are removed from this page once the cause is fixed.',
  },
  SpamCop: {
    lookup: 'https://www.spamcop.net/bl.shtml',
    delist: 'https://www.spamcop.net/bl.shtml',
    note: 'there is no removal request: a listing expires by itself about 24 hours after the reports stop.',
  },
  Barracuda: {
    lookup: 'https://www.barracudacentral.org/lookups',
    delist: 'https://www.barracudacentral.org/rbl/removal-request',
    note: 'removal requests are reviewed by hand, usually within a day: fix the cause first and ask once.',
  },
  UCEPROTECT: {
    lookup: 'https://www.uceprotect.net/en/rblcheck.php',
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
    note: 'there is no free removal request: a level 1 listing expires by itself 7 days after the last spam (the paid express delisting is not needed); levels 2 and 3 list whole networks and are for the network owner.',
  },
  PSBL: {
    lookup: 'https://psbl.org/',
    delist: 'https://psbl.org/',
    note: 'anyone may remove an IP from the lookup result.',
  },
  Invaluement: {
    lookup: 'https://www.invaluement.com/lookup/',
    delist: 'https://www.invaluement.com/removal/',
    note: 'it lists senders of unsolicited bulk mail: fix how addresses are collected before asking.',
  },
  SURBL: {
    lookup: 'https://www.surbl.org/surbl-analysis',
    delist: 'https://www.surbl.org/surbl-analysis',
    note: 'it lists domains found in message bodies, not senders: check every link and image host in the mail.',
  },
  URIBL: {
    lookup: 'https://admin.uribl.com/',
    delist: 'https://admin.uribl.com/',
    note: 'it lists domains found in message bodies, not senders: check every link and image host in the mail; a removal request needs an account.',
  },
  Microsoft: {
    lookup: 'https://sendersupport.olc.protection.outlook.com/snds/',
    delist: 'https://sender.office.com/',
    note: "Microsoft 365's own list (rejections 5.7.606 to 5.7.649 name it) is left through the delist portal, one IP at a time; Outlook.com blocks (S3140, S3150) go through the Outlook.com sender support form instead.",
  },
  Abusix: {
    lookup: 'https://lookup.abusix.com/',
    delist: 'https://lookup.abusix.com/',
    note: 'removal is free from the lookup result, with an account whose email address is confirmed; a listing comes back at once if the traffic goes on.',
  },
  Proofpoint: {
    lookup: 'https://ipcheck.proofpoint.com/',
    delist: 'https://ipcheck.proofpoint.com/',
    note: 'a delay lifts by itself within minutes; a block lifts once the spam stops for a while, or on a request from this page with the blocked recipient, the kind of mail and what was fixed.',
  },
  Cloudmark: {
    lookup: 'https://csi.cloudmark.com/en/reset/',
    delist: 'https://csi.cloudmark.com/en/reset/',
    note: "a reputation service, not a list: it resets an IP's statistics instead of removing it; the request is confirmed by email and handled within about a business day, and a second reset is investigated.",
  },
  'Sender Score': {
    lookup: 'https://senderscore.org/blocklistlookup/',
    delist: 'https://senderscore.org/act/blocklist-remover/',
    note: "Validity's blocklist (bl.score.senderscore.com) lists IPs whose Sender Score is poor: a removal holds only if the IP's score recovers.",
  },
  DroneBL: {
    lookup: 'https://dronebl.org/lookup',
    delist: 'https://dronebl.org/lookup',
    note: 'it lists hosts that behave like compromised machines or open proxies: clean the host first.',
  },
} as const satisfies Record<string, ListPages>;

/** A list whose pages and removal rules are known here. */
export type ListName = keyof typeof LIST_PAGES;

function isKnownList(list: string): list is ListName {
  return Object.hasOwn(LIST_PAGES, list);
}

export interface ProviderContact {
  name: string;
  /** The provider's page for senders with delivery problems. */
  page: string;
}

/** The big mailbox providers' sender-support pages, by receiving domain. */
const PROVIDERS: readonly { domains: readonly string[]; contact: ProviderContact }[] = [
  {
    domains: ['gmail.com', 'googlemail.com'],
    contact: { name: 'Google', page: 'https://support.google.com/mail/contact/bulk_send_new' },
  },
  {
    domains: [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'hotmail.fr',
      'outlook.fr',
      'live.fr',
      'hotmail.co.uk',
    ],
    contact: { name: 'Microsoft (Outlook.com)', page: 'https://olcsupport.office.com/' },
  },
  {
    domains: ['yahoo.com', 'yahoo.fr', 'yahoo.co.uk', 'ymail.com', 'rocketmail.com', 'aol.com'],
    contact: { name: 'Yahoo', page: 'https://senders.yahooinc.com/' },
  },
  {
    domains: ['gmx.de', 'gmx.net', 'gmx.com', 'gmx.fr'],
    contact: { name: 'GMX', page: 'https://postmaster.gmx.net/' },
  },
  { domains: ['web.de'], contact: { name: 'WEB.DE', page: 'https://postmaster.web.de/' } },
  {
    domains: ['orange.fr', 'wanadoo.fr'],
    contact: { name: 'Orange', page: 'https://postmaster.orange.fr/' },
  },
  { domains: ['comcast.net'], contact: { name: 'Comcast', page: 'https://postmaster.comcast.net/' } },
  {
    domains: ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru'],
    contact: { name: 'Mail.ru', page: 'https://postmaster.mail.ru/' },
  },
];

export function providerOf(domain: string): ProviderContact | null {
  return PROVIDERS.find((p) => p.domains.includes(domain))?.contact ?? null;
}

/**
 * What a step is made of, so a page in another language can say it (web/src/i18n/explain.ts): a code,
 * and the params that code needs and no other. The English `step` is said from the same parts.
 */
export type ActionParts =
  | { code: 'stop-cause'; params: Record<string, never> }
  | { code: 'lookup'; params: { list: ListName; sender: string } }
  | { code: 'lookup-elsewhere'; params: { list: string; sender: string } }
  | { code: 'request-removal'; params: { list: ListName } }
  | { code: 'advice'; params: { reason: AdvisedReason; sender: string; domain: string | null } }
  | { code: 'provider-support'; params: { provider: string; domain: string } }
  | { code: 'postmaster'; params: { domain: string } };

export type ActionCode = ActionParts['code'];

/** Every code, for the API's schema; the type checks that none is missing or unknown. */
export const ACTION_CODES = Object.keys({
  'stop-cause': true,
  lookup: true,
  'lookup-elsewhere': true,
  'request-removal': true,
  advice: true,
  'provider-support': true,
  postmaster: true,
} satisfies Record<ActionCode, true>) as ActionCode[];

export type Action = ActionParts & {
  /** One sentence: what to do. */
  step: string;
  url: string | null;
};

export interface IncidentFacts {
  sender: string;
  senderKind: 'ip' | 'domain' | 'unknown';
  receivingDomain: string | null;
  blocklists: readonly string[];
  reasons: readonly Reason[];
}

/** Advice for a sender reason that names no list, in the words a support agent would use. */
export const REASON_ADVICE = {
  authfailure:
    'Check the SPF record, DKIM signature and DMARC policy of {sender}: the receiver said they failed.',
  requireptr: 'Give {sender} a reverse DNS (PTR) name whose own A record points back to it.',
  badreputation:
    "Check {sender}'s reputation (Google Postmaster Tools, Microsoft SNDS, Sender Score) and slow down until it recovers.",
  spamdetected:
    'Review the content that was refused (links, wording, attachments) and the list it went to: the receiver judged it spam.',
  policyviolation:
    "Read the receiver's reply: the message broke one of its rules (attachment type, content, sender rules).",
  contenterror: 'Fix the message structure the receiver refused (headers, MIME, encoding).',
  notcompliantrfc:
    'Fix the headers the receiver refused as not RFC 5322 compliant (duplicates, missing Date or Message-ID).',
  speeding: 'Send to {domain} more slowly: the receiver limited the rate.',
  toomanyconn: 'Open fewer connections at once to {domain}, with fewer recipients per message.',
  securityerror:
    'Check TLS and authentication towards {domain}: the receiver refused the connection security.',
  rejected: 'Check the envelope sender (return path) domain: the receiver refused it.',
  blocked:
    'The receiver refused {sender} without naming a list: ask its postmaster which list or rule applies.',
} as const satisfies Partial<Record<Reason, string>>;

/** A reason with advice of its own. */
export type AdvisedReason = keyof typeof REASON_ADVICE;

function isAdvised(reason: Reason): reason is AdvisedReason {
  return Object.hasOwn(REASON_ADVICE, reason);
}

/** The steps for an incident, most useful first. */
export function actionsFor(facts: IncidentFacts): Action[] {
  const { sender, receivingDomain: domain } = facts;
  const parts: [ActionParts, string | null][] = [];
  if (facts.blocklists.length > 0) parts.push([{ code: 'stop-cause', params: {} }, null]);
  for (const list of facts.blocklists) {
    if (!isKnownList(list)) {
      parts.push([{ code: 'lookup-elsewhere', params: { list, sender } }, null]);
      continue;
    }
    const pages: ListPages = LIST_PAGES[list];
    parts.push([{ code: 'lookup', params: { list, sender } }, pages.lookup]);
    if (pages.delist !== pages.lookup)
      parts.push([{ code: 'request-removal', params: { list } }, pages.delist]);
  }
  for (const reason of facts.reasons) {
    if (isAdvised(reason) && !(reason === 'blocked' && facts.blocklists.length > 0)) {
      parts.push([{ code: 'advice', params: { reason, sender, domain } }, null]);
    }
  }
  if (domain !== null) parts.push(...contactsAt(domain));
  return parts.map(([part, url]) => ({ ...part, step: stepText(part), url }));
}

function contactsAt(domain: string): [ActionParts, string][] {
  const provider = providerOf(domain);
  const out: [ActionParts, string][] = [];
  if (provider !== null) {
    out.push([{ code: 'provider-support', params: { provider: provider.name, domain } }, provider.page]);
  }
  // RFC 5321 section 4.5.1: every mail domain must accept mail for postmaster.
  out.push([{ code: 'postmaster', params: { domain } }, `mailto:postmaster@${domain}`]);
  return out;
}

/** The English sentence of a step. */
export function stepText({ code, params }: ActionParts): string {
  switch (code) {
    case 'stop-cause':
      return 'Find and stop the cause first (a compromised account or host, a bought or stale list, a sudden volume spike): lists relist quickly when it goes on.';
    case 'lookup':
      return `Look ${params.sender} up on ${params.list}: ${LIST_PAGES[params.list].note}`;
    case 'lookup-elsewhere':
      return `Look ${params.sender} up on ${params.list}'s own lookup page and follow its removal process.`;
    case 'request-removal':
      return `Request removal from ${params.list}.`;
    case 'advice':
      return REASON_ADVICE[params.reason]
        .replaceAll('{sender}', params.sender)
        .replaceAll('{domain}', params.domain ?? 'the receivers');
    case 'provider-support':
      return `Use ${params.provider}'s sender support page for ${params.domain}, with a rejection text and its time.`;
    case 'postmaster':
      return `Write to postmaster@${params.domain} with the rejection text, its time and the sending IP, from an address that is not blocked.`;
  }
}
