/**
 * What a DNS blocklist's A records mean. Pure and without Node modules: the dashboard reads a stored
 * check's zone and answer codes with the same function to say its meaning in another language. NXDOMAIN
 * means not listed; an A record in 127.0.0.0/8 means listed, with a code that says why; 127.255.255.x is
 * the list refusing to answer (a public or unregistered resolver, too many queries): "could not check",
 * never "listed".
 */

/** The codes the main lists document, by zone. */
export const ANSWER_CODES = {
  'zen.spamhaus.org': {
    '127.0.0.2': 'Spamhaus SBL: a known spam source or spam operation',
    '127.0.0.3': 'Spamhaus SBL CSS: snowshoe spam, low-reputation sending',
    '127.0.0.4': 'Spamhaus XBL: a compromised or infected host (CBL)',
    '127.0.0.9': 'Spamhaus DROP: a hijacked or criminal network',
    '127.0.0.10': 'Spamhaus PBL: an end-user range that should not send directly (ISP policy)',
    '127.0.0.11': 'Spamhaus PBL: an end-user range that should not send directly (Spamhaus)',
  },
  'dbl.spamhaus.org': {
    '127.0.1.2': 'Spamhaus DBL: a spam domain',
    '127.0.1.4': 'Spamhaus DBL: a phishing domain',
    '127.0.1.5': 'Spamhaus DBL: a malware domain',
    '127.0.1.6': 'Spamhaus DBL: a botnet command-and-control domain',
    '127.0.1.102': 'Spamhaus DBL: an abused legitimate domain used in spam',
    '127.0.1.103': 'Spamhaus DBL: an abused legitimate domain used as a redirector',
    '127.0.1.104': 'Spamhaus DBL: an abused legitimate domain used for phishing',
    '127.0.1.105': 'Spamhaus DBL: an abused legitimate domain used for malware',
    '127.0.1.106': 'Spamhaus DBL: an abused legitimate domain used for botnet control',
  },
  'bl.spamcop.net': { '127.0.0.2': 'SpamCop: spam reported from this IP recently' },
  'b.barracudacentral.org': { '127.0.0.2': 'Barracuda Reputation Block List: poor reputation' },
} as const satisfies Record<string, Record<string, string>>;

/** A zone whose codes are documented here. */
export type CodedZone = keyof typeof ANSWER_CODES;

/** Spamhaus's (and others') answers for a query it will not serve. */
export const REFUSALS = {
  '127.255.255.252': 'the list says the query was malformed',
  '127.255.255.254':
    'the list refuses queries from public or open resolvers: use your own resolver (REBOUND_DNS_SERVERS) or a data query service key',
  '127.255.255.255': 'the list refuses: too many queries from this resolver',
} as const satisfies Record<string, string>;

export type Refusal = keyof typeof REFUSALS;

/** What one query's answer says, in parts. */
export type Reading =
  | { outcome: 'clear' }
  | { outcome: 'listed'; codes: string[] }
  /** `code`: the 127.255.255.x answer. */
  | { outcome: 'unchecked'; why: 'refused'; code: string }
  /** The resolver answered outside 127.0.0.0/8 (NXDOMAIN hijacking). */
  | { outcome: 'unchecked'; why: 'untrusted'; answers: string[] }
  /** `error`: the resolver's error code, when known (a stored check keeps only the sentence). */
  | { outcome: 'unchecked'; why: 'dns-error'; error?: string };

/** The A records of a query; `[]` is NXDOMAIN or no data: not listed. */
export function readAnswers(answers: readonly string[]): Reading {
  if (answers.length === 0) return { outcome: 'clear' };
  const refusal = answers.find((a) => a.startsWith('127.255.255.'));
  if (refusal !== undefined) return { outcome: 'unchecked', why: 'refused', code: refusal };
  // Some resolvers answer every unknown name with an address of their own.
  if (!answers.every((a) => a.startsWith('127.')))
    return { outcome: 'unchecked', why: 'untrusted', answers: [...answers] };
  return { outcome: 'listed', codes: [...answers] };
}

/** A stored check's reading: its outcome and answer codes (a DNS error stores no code). */
export function readCheck(check: {
  outcome: 'listed' | 'clear' | 'unchecked';
  codes: readonly string[];
}): Reading {
  return check.outcome === 'unchecked' && check.codes.length === 0
    ? { outcome: 'unchecked', why: 'dns-error' }
    : readAnswers(check.codes);
}

export function isCodedZone(zone: string): zone is CodedZone {
  return Object.hasOwn(ANSWER_CODES, zone);
}

export function isRefusal(code: string): code is Refusal {
  return Object.hasOwn(REFUSALS, code);
}

/** A listing code's meaning in this zone, if the zone documents it. */
export function codeMeaning<T>(
  table: { [Z in CodedZone]: Record<keyof (typeof ANSWER_CODES)[Z], T> },
  zone: string,
  code: string,
): T | undefined {
  if (!isCodedZone(zone)) return undefined;
  const codes: Record<string, T> = table[zone];
  return Object.hasOwn(codes, code) ? codes[code] : undefined;
}

/** The English sentence of a reading. */
export function sayReading(zone: string, reading: Reading): string {
  switch (reading.outcome) {
    case 'clear':
      return `Not listed on ${zone}.`;
    case 'listed':
      return `Listed on ${zone}: ${reading.codes.map((a) => codeMeaning(ANSWER_CODES, zone, a) ?? `code ${a}`).join('; ')}.`;
  }
  switch (reading.why) {
    case 'refused':
      return `Could not check on ${zone}: ${isRefusal(reading.code) ? REFUSALS[reading.code] : 'the list refused the query'}.`;
    case 'untrusted':
      return `Could not check on ${zone}: the resolver answered ${reading.answers.join(', ')}, outside 127.0.0.0/8, so its answers cannot be trusted.`;
    case 'dns-error':
      return `Could not check on ${zone}: DNS ${reading.error ?? 'error'}.`;
  }
}
