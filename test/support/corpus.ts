/**
 * The Sisimai corpus (another project's data, kept outside this repository) and its reference
 * labels, compared with our verdicts. Used by the corpus test and by `npm run corpus:report`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../../src/classify/classify.js';
import type { Verdict } from '../../src/classify/types.js';
import { splitMbox } from '../../src/cli/mbox.js';

export interface LabelFact {
  recipient: string;
  reason: string;
  hardbounce: boolean;
  deliverystatus: string;
  replycode: string;
  smtpagent: string;
  diagnosticcode: string;
}

export interface LabelLine {
  file: string;
  mbox_index?: number;
  facts: LabelFact[];
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function corpusDir(): string | undefined {
  const dir = process.env.REBOUND_CORPUS ?? join(REPO, '..', 'shared', 'corpus', 'sisimai');
  return existsSync(join(dir, 'labels.jsonl')) ? dir : undefined;
}

export const CORPUS_MISSING =
  'Sisimai corpus not found (looked at ../shared/corpus/sisimai and $REBOUND_CORPUS): clone ' +
  'sisimai/set-of-emails and run labels through Sisimai 5.1, or point REBOUND_CORPUS at a copy with labels.jsonl';

export function readLabels(dir: string): LabelLine[] {
  return readFileSync(join(dir, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelLine);
}

/**
 * Labels we are sure are wrong, with the answer we expect instead and why. `facts: []` means the
 * mail is no bounce at all.
 */
export const LABEL_CORRECTIONS: Record<string, { why: string; facts: LabelFact[] }> = {
  'maildir/not/rb-issue-368-bug.eml': {
    why: 'an ordinary mail, not a bounce; Sisimai 5.1.0p3 labels it mailboxfull (a known Sisimai bug, see SOURCE.md)',
    facts: [],
  },
  'maildir/bsd/arf-12.eml': {
    why: 'an opt-out report whose Removal-Recipient names user@example.com; Sisimai ignores that field and invents "undisclosed-recipient-in-headers@libsisimai.org.invalid"',
    facts: [fact('user@example.com', 'feedback')],
  },
  'maildir/bsd/arf-15.eml': {
    why: 'the complained-about mail was sent To: "undisclosed" and the report has no Original-Rcpt-To: no address can be blamed; Sisimai invents one',
    facts: [],
  },
  'maildir/bsd/lhost-postfix-80.eml': {
    why: 'the server refused MAIL FROM because "MailFrom domain is listed in Spamhaus": the sender is refused, the recipient is not unknown (Sisimai reads 5.1.0 as userunknown)',
    facts: [fact('xxxx@xxxx.com', 'rejected', '5.1.0')],
  },
  'maildir/bsd/lhost-exim-37.eml': {
    why: '"553 neko.example.com does not exist" names the domain of the return path (sironeko-nyaan@neko.example.com), not of the recipient, whose host answered after end of data; Sisimai calls it hostunknown',
    facts: [fact('kijitora@example.net', 'rejected')],
  },
  'maildir/bsd/lhost-receivingses-02.eml': {
    why: '"550 5.1.1 Mailbox does not exist": the status (bad destination mailbox address) and the words agree that the mailbox does not exist; Sisimai says filtered',
    facts: [fact('userunknown@neko.example.jp', 'userunknown', '5.1.1', true)],
  },
  'maildir/bsd/lhost-mfilter-05.eml': {
    why: 'newer than Sisimai 5.1.0p3, which reads nothing; the mail reports "452 4.3.1 Insufficient system resources"',
    facts: [fact('kijitora@example.co.jp', 'systemfull', '4.3.1')],
  },
  'maildir/bsd/lhost-mimecast-01.eml': {
    why: 'newer than Sisimai 5.1.0p3; Exchange Online\'s "5.4.1 Recipient address rejected: Access denied" is its directory-based edge blocking: no such recipient',
    facts: [fact('sabineko@neko.ef.example.org', 'userunknown', '5.4.1', true)],
  },
  'maildir/bsd/lhost-mimecast-02.eml': {
    why: 'newer than Sisimai 5.1.0p3; "5.7.54 Unable to relay recipient in non-accepted domain"',
    facts: [fact('sabatora@example.net', 'norelaying', '5.7.54')],
  },
  'maildir/bsd/lhost-x1-04.eml': {
    why: 'newer than Sisimai 5.1.0p3; the delivery gave up after "Connection timed out"',
    facts: [fact('kijitora-neko@neko.example.go.jp', 'expired')],
  },
  'maildir/bsd/lhost-office365-04.eml': {
    why: 'Final-Recipient is otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp; Sisimai takes the address of a mailto: link in the HTML part, which differs',
    facts: [fact('otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp', 'filtered', '5.1.351')],
  },
  // Pipelined sessions: sendmail shows '>>> DATA', then the replies to the RCPT it sent ahead
  // ('<<< 550 ... User unknown'), then the refusal of DATA for want of a recipient ('503 Need RCPT',
  // 'no valid recipients'); its own summary line files the address under 5.1.1. Sisimai takes the
  // last command shown, DATA, and calls "user unknown" after DATA filtered.
  'maildir/bsd/lhost-sendmail-02.eml': {
    why: 'the address was refused at (pipelined) RCPT, "User Unknown", and sendmail summarises it 5.1.1',
    facts: [
      fact('userunknown@example.org', 'userunknown', '5.1.1', true),
      fact('filtered@example.com', 'userunknown', '5.2.1', true),
    ],
  },
  'maildir/bsd/lhost-sendmail-27.eml': {
    why: 'the address was refused at (pipelined) RCPT, "User unknown", and sendmail summarises it 5.1.1',
    facts: [fact('this-local-part-does-not-exist-on-the-system@mineo.jp', 'userunknown', '5.0.0', true)],
  },
  'maildir/bsd/lhost-sendmail-48.eml': {
    why: 'Postfix at sfr.fr refused the address at (pipelined) RCPT, "Recipient address rejected: User unknown", then "no valid recipients"',
    facts: [fact('pseudo-local-part-kijitora-nyaan@sfr.fr', 'userunknown', '5.7.1', true)],
  },
  'maildir/bsd/lhost-sendmail-13.eml': {
    why: 'the local delivery agent says "maildrop: maildir over quota."; sendmail\'s "Insufficient permission" only renders maildrop\'s exit status (EX_NOPERM), which Sisimai reads as systemerror',
    facts: [fact('kijitora@example.or.jp', 'mailboxfull', '5.3.0')],
  },
  // The reference contradicting itself: the same meaning, labelled one way here and another way in
  // many other facts. We expect the majority's label, which is also what the words and the status say.
  'maildir/bsd/lhost-exchange2007-03.eml': {
    why: '"5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient": 5.2.3 with the recipient\'s own limit is exceedlimit in the 8 other facts that carry 5.2.3 (receivingses-08 "Message length exceeds limit set by recipient", sendmail-05, dragonfly-08, ...); Sisimai says mesgtoobig here only',
    facts: [fact('kijitora@neko.example.com', 'exceedlimit', '5.2.3')],
  },
  'maildir/bsd/lhost-exim-46.eml': {
    why: '"554 5.7.1 [C14] Missing reverse DNS for 203.0.113.2" at the greeting: a missing PTR record is requireptr in the 12 other facts that say so (exim-32 "No PTR Record" and exim-33 at the greeting too, opensmtpd-14, rhost-google-06, ...); Sisimai says blocked here only',
    facts: [fact('kijitora@example.com', 'requireptr', '5.7.1')],
  },
  'maildir/bsd/lhost-sendmail-21.eml': {
    why: '"Deferred: Connection refused by mx... Message could not be delivered for 8 hours", status 4.4.7 (delivery time expired): the queue gave up, as in office365-08 ("Message expired, connection refused"), labelled expired; Sisimai says blocked here',
    facts: [fact('kijitora@cat.example.ne.jp', 'expired', '4.4.7')],
  },
  // McAfee's gateway relays the downstream server's reply ("550 Unknown user <address>", "No such user")
  // with no status and no command. The same words relayed the same way are filtered in every other
  // module's facts (SurfControl "550 kijitora@example.com... No such user", X1 and rfc3464-35 "user
  // unknown", MXLogic "550 unknown user<...>", Yahoo, MailFoundry, ActiveHunter: 14 facts), and after
  // DATA too (Courier, sendmail-40, NTT docomo). Only the McAfee module calls them userunknown; the
  // label follows which module read the mail, not anything in it (docs/accuracy.md).
  ...inEveryFolder('lhost-mcafee-01.eml', {
    why: '"550 Unknown user kijitora@example.co.jp" relayed by the gateway, no status, no command: filtered, as the same words everywhere else',
    facts: [fact('kijitora@example.co.jp', 'filtered')],
  }),
  'maildir/bsd/lhost-mcafee-04.eml': {
    why: '"550 kijitora@example.com... No such user" relayed by the gateway, no status, no command: filtered, as the same words from SurfControl',
    facts: [fact('kijitora@example.com', 'filtered')],
  },
  'maildir/bsd/lhost-mcafee-05.eml': {
    why: '"550 <kijitora-nyaan@example.co.jp>... User not exist" relayed by the gateway, no status, no command: filtered, as the same words everywhere else',
    facts: [fact('kijitora-nyaan@example.co.jp', 'filtered')],
  },
  ...inEveryFolder('lhost-apachejames-01.eml', {
    why: 'the only address in the mail is "RCPT TO: 000000000000@vtext.example.com" (twelve zeros); Sisimai reports eleven',
    facts: [fact('000000000000@vtext.example.com', 'filtered')],
  }),
  ...inEveryFolder('lhost-v5sendmail-01.eml', {
    why: 'Sisimai cuts the recipient to "kijitora@exampl"; the unsent message was To: kijitora@example.com, the host the transcript names (and its pseudo-status 4.0.947 is no status)',
    facts: [fact('kijitora@example.com', 'expired')],
  }),
};

/** The same correction for a mail that bsd/, dos/ and mac/ each hold with other newlines. */
function inEveryFolder(name: string, correction: { why: string; facts: LabelFact[] }) {
  return Object.fromEntries(['bsd', 'dos', 'mac'].map((folder) => [`maildir/${folder}/${name}`, correction]));
}

function fact(recipient: string, reason: string, deliverystatus = '', hardbounce = false): LabelFact {
  return { recipient, reason, hardbounce, deliverystatus, replycode: '', smtpagent: '', diagnosticcode: '' };
}

export interface Outcome {
  line: LabelLine;
  verdicts: Verdict[];
  error?: string;
}

/** Classify the message(s) each label line speaks of. Files with 'From ' separators are split. */
export function evaluate(dir: string, lines: LabelLine[]): Outcome[] {
  const cache = new Map<string, Uint8Array[]>();
  return lines.map((line) => {
    try {
      let messages = cache.get(line.file);
      if (!messages) {
        messages = splitMbox(readFileSync(join(dir, 'emails', line.file)));
        cache.set(line.file, messages);
      }
      const chosen =
        line.mbox_index === undefined ? messages : messages.slice(line.mbox_index - 1, line.mbox_index);
      return { line, verdicts: chosen.flatMap((raw) => classify(raw)) };
    } catch (error) {
      return { line, verdicts: [], error: String(error) };
    }
  });
}

export interface Score {
  facts: number;
  reason: number;
  hardBounce: number;
  recipient: number;
  status: number;
}

export interface Miss {
  file: string;
  decoder: string;
  expected: LabelFact;
  got: Verdict | undefined;
}

/**
 * Agreement over label facts; a missing verdict is a miss on every measure. `asGiven` scores against
 * the labels as Sisimai wrote them, without LABEL_CORRECTIONS, so the report can show both.
 */
export function score(outcomes: Outcome[], asGiven = false): { score: Score; misses: Miss[] } {
  const total: Score = { facts: 0, reason: 0, hardBounce: 0, recipient: 0, status: 0 };
  const misses: Miss[] = [];
  for (const { line, verdicts } of outcomes) {
    const key = line.mbox_index === undefined ? line.file : `${line.file}#${line.mbox_index}`;
    const facts = (asGiven ? undefined : LABEL_CORRECTIONS[key]?.facts) ?? line.facts;
    if (facts.length === 0) {
      total.facts += 1;
      const clean = verdicts.length === 0 ? 1 : 0;
      total.reason += clean;
      total.hardBounce += clean;
      total.recipient += clean;
      total.status += clean;
      if (!clean)
        misses.push({
          file: key,
          decoder: verdicts[0]?.decoder ?? '-',
          expected: NO_BOUNCE,
          got: verdicts[0],
        });
      continue;
    }
    for (const fact of facts) {
      total.facts += 1;
      const got =
        verdicts.find((v) => v.recipient === fact.recipient.toLowerCase()) ??
        (facts.length === 1 && verdicts.length === 1 ? verdicts[0] : undefined);
      const ok = {
        recipient: got?.recipient === fact.recipient.toLowerCase(),
        reason: got?.reason === fact.reason,
        hardBounce: got !== undefined && got.hardBounce === fact.hardbounce,
        status: got !== undefined && (got.status ?? '') === expectedStatus(fact.deliverystatus),
      };
      total.recipient += Number(ok.recipient);
      total.reason += Number(ok.reason);
      total.hardBounce += Number(ok.hardBounce);
      total.status += Number(ok.status);
      if (!ok.reason || !ok.recipient || !ok.status || !ok.hardBounce) {
        misses.push({ file: key, decoder: got?.decoder ?? '(none)', expected: fact, got });
      }
    }
  }
  return { score: total, misses };
}

/**
 * Sisimai writes its own pseudo-codes 4.0.9xx/5.0.9xx (5.0.911 = userunknown, ...) when a mail
 * gives no status at all. They are not RFC 3463 codes and not in the mail: we expect no status.
 */
export function expectedStatus(label: string): string {
  return /^[45]\.0\.9\d\d$/.test(label) ? '' : label;
}

const NO_BOUNCE: LabelFact = {
  recipient: '',
  reason: '(no bounce)',
  hardbounce: false,
  deliverystatus: '',
  replycode: '',
  smtpagent: '',
  diagnosticcode: '',
};

export function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(2)}%`;
}
