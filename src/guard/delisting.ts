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

export const LIST_PAGES: Readonly<Record<string, ListPages>> = {
  Spamhaus: {
    lookup: 'https://check.spamhaus.org/',
    delist: 'https://check.spamhaus.org/',
    note: 'SBL listings need the cause fixed first; XBL/CBL (an infected or misused host) and PBL (a dynamic range) can be removed from the same page.',
  },
  SpamCop: {
    lookup: 'https://www.spamcop.net/bl.shtml',
    delist: 'https://www.spamcop.net/bl.shtml',
    note: 'Listings expire by themselves about 24 hours after the reports stop.',
  },
  Barracuda: {
    lookup: 'https://www.barracudacentral.org/lookups',
    delist: 'https://www.barracudacentral.org/rbl/removal-request',
    note: 'Removal requests are reviewed by hand, usually within a day.',
  },
  UCEPROTECT: {
    lookup: 'https://www.uceprotect.net/en/rblcheck.php',
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
    note: 'Level 1 listings expire by themselves after 7 days without spam; levels 2 and 3 list whole networks.',
  },
  PSBL: {
    lookup: 'https://psbl.org/',
    delist: 'https://psbl.org/',
    note: 'Removal is self-service from the lookup result.',
  },
  Invaluement: {
    lookup: 'https://www.invaluement.com/lookup/',
    delist: 'https://www.invaluement.com/removal/',
    note: 'Lists senders of unsolicited bulk mail; fix list hygiene before asking.',
  },
  SURBL: {
    lookup: 'https://www.surbl.org/surbl-analysis',
    delist: 'https://www.surbl.org/surbl-analysis',
    note: 'Lists domains found in message bodies: check every link and image host in the mail.',
  },
  URIBL: {
    lookup: 'https://admin.uribl.com/',
    delist: 'https://admin.uribl.com/',
    note: 'Lists domains found in message bodies: check every link and image host in the mail.',
  },
  Microsoft: {
    lookup: 'https://sendersupport.olc.protection.outlook.com/snds/',
    delist: 'https://sender.office.com/',
    note: 'Outlook.com and Microsoft 365 keep their own list: the delisting portal handles one IP at a time.',
  },
  Abusix: {
    lookup: 'https://lookup.abusix.com/',
    delist: 'https://lookup.abusix.com/',
    note: 'Removal is self-service from the lookup result.',
  },
  Proofpoint: {
    lookup: 'https://ipcheck.proofpoint.com/',
    delist: 'https://ipcheck.proofpoint.com/',
    note: 'Proofpoint-protected organisations share this reputation.',
  },
  Cloudmark: {
    lookup: 'https://csi.cloudmark.com/en/reset/',
    delist: 'https://csi.cloudmark.com/en/reset/',
    note: 'A reset request asks Cloudmark to re-evaluate the IP.',
  },
  'Sender Score': {
    lookup: 'https://senderscore.org/',
    delist: 'https://senderscore.org/',
    note: 'A score, not a list: it rises again with clean volume over a few weeks.',
  },
  DroneBL: {
    lookup: 'https://dronebl.org/lookup',
    delist: 'https://dronebl.org/lookup',
    note: 'Lists hosts that behave like compromised machines: check the host first.',
  },
};

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

export interface Action {
  /** One sentence: what to do. */
  step: string;
  url: string | null;
}

export interface IncidentFacts {
  sender: string;
  senderKind: 'ip' | 'domain' | 'unknown';
  receivingDomain: string | null;
  blocklists: readonly string[];
  reasons: readonly Reason[];
}

/** Advice for a sender reason that names no list, in the words a support agent would use. */
const REASON_ADVICE: Partial<Record<Reason, string>> = {
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
};

/** The steps for an incident, most useful first. */
export function actionsFor(facts: IncidentFacts): Action[] {
  const fill = (text: string): string =>
    text
      .replaceAll('{sender}', facts.sender)
      .replaceAll('{domain}', facts.receivingDomain ?? 'the receivers');
  const actions: Action[] = [];
  if (facts.blocklists.length > 0) {
    actions.push({
      step: fill(
        'Find and stop the cause first (a compromised account or host, a bought or stale list, a sudden volume spike): lists relist quickly when it goes on.',
      ),
      url: null,
    });
  }
  for (const list of facts.blocklists) {
    const pages = LIST_PAGES[list];
    if (pages === undefined) {
      actions.push({
        step: `Look ${facts.sender} up on ${list}'s own lookup page and follow its removal process.`,
        url: null,
      });
      continue;
    }
    actions.push({ step: `Look ${facts.sender} up on ${list}: ${pages.note}`, url: pages.lookup });
    if (pages.delist !== pages.lookup)
      actions.push({ step: `Request removal from ${list}.`, url: pages.delist });
  }
  for (const reason of facts.reasons) {
    const advice = REASON_ADVICE[reason];
    if (advice !== undefined && !(reason === 'blocked' && facts.blocklists.length > 0)) {
      actions.push({ step: fill(advice), url: null });
    }
  }
  if (facts.receivingDomain !== null) actions.push(...contactsAt(facts.receivingDomain));
  return actions;
}

function contactsAt(domain: string): Action[] {
  const provider = providerOf(domain);
  const out: Action[] = [];
  if (provider !== null) {
    out.push({
      step: `Use ${provider.name}'s sender support page for ${domain}, with a rejection text and its time.`,
      url: provider.page,
    });
  }
  // RFC 5321 section 4.5.1: every mail domain must accept mail for postmaster.
  out.push({
    step: `Write to postmaster@${domain} with the rejection text, its time and the sending IP, from an address that is not blocked.`,
    url: `mailto:postmaster@${domain}`,
  });
  return out;
}
