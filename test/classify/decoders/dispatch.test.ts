import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DecoderIndex } from '../../../src/classify/decoders/dispatch.js';
import { DECODERS } from '../../../src/classify/decoders/index.js';
import { parseMessage } from '../../../src/classify/mime/parse-message.js';
import type { Decoder, ParsedMessage } from '../../../src/classify/types.js';
import { isMbox, splitMbox } from '../../../src/cli/mbox.js';
import { CORPUS_MISSING, corpusDir } from '../../support/corpus.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/', import.meta.url));
const INDEX = new DecoderIndex(DECODERS);

function mailsUnder(dir: string): { name: string; mail: ParsedMessage }[] {
  const found: { name: string; mail: ParsedMessage }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    const messages = isMbox(bytes) ? splitMbox(bytes) : [bytes];
    messages.forEach((raw, i) => found.push({ name: `${path}#${i + 1}`, mail: parseMessage(raw) }));
  }
  return found;
}

/** Every decoder that recognises a mail must be among its candidates: a cue is a necessary condition. */
function missedRecognitions(mails: { name: string; mail: ParsedMessage }[]): string[] {
  const missed: string[] = [];
  for (const { name, mail } of mails) {
    const candidates = new Set(INDEX.candidates(mail));
    for (const decoder of DECODERS) {
      if (decoder.recognises(mail) && !candidates.has(decoder)) missed.push(`${decoder.id}: ${name}`);
    }
  }
  return missed;
}

test("dispatch: the project's fixtures meet every decoder that recognises them", () => {
  const mails = mailsUnder(FIXTURES);
  assert.ok(mails.length > 50);
  assert.deepEqual(missedRecognitions(mails), []);
});

test('dispatch: every corpus mail meets every decoder that recognises it', (t) => {
  const dir = corpusDir();
  if (!dir) {
    t.skip(CORPUS_MISSING);
    return;
  }
  assert.deepEqual(missedRecognitions(mailsUnder(join(dir, 'emails'))), []);
});

test('dispatch: a plain mail meets only the decoders without cues', () => {
  const mail = parseMessage('From: ann@example.org\nSubject: Lunch?\nTo: bob@example.org\n\nAt noon?\n');
  const ids = INDEX.candidates(mail).map((decoder) => decoder.id);
  assert.deepEqual(
    ids,
    DECODERS.filter((decoder) => decoder.cues === undefined).map((decoder) => decoder.id),
  );
  assert.ok(ids.includes('rfc3464') && !ids.includes('postfix'));
});

test('dispatch: cues are found in decoded, lower-cased values, field names and Received', () => {
  const mail = parseMessage(
    [
      'From: =?utf-8?q?Mail_Delivery_Subsystem?= <MAILER-DAEMON@example.org>',
      'Subject: =?utf-8?b?VW5kZWxpdmVyZWQgTWFpbCBSZXR1cm5lZCB0byBTZW5kZXI=?=',
      'Received: from mx.example.org (DragonFly Mail Agent)',
      'X-ZohoMail: yes',
      '',
      'body',
    ].join('\n'),
  );
  const ids = INDEX.candidates(mail).map((decoder) => decoder.id);
  for (const id of ['sendmail', 'postfix', 'dragonfly', 'zoho']) assert.ok(ids.includes(id), id);
  // The list's order is kept.
  assert.deepEqual(
    ids,
    DECODERS.filter((decoder) => ids.includes(decoder.id)).map((decoder) => decoder.id),
  );
});

test('dispatch: a cue that could never match is refused when the index is built', () => {
  const decoder: Decoder = {
    id: 'shouting',
    cues: ['MAILER-DAEMON'],
    recognises: () => true,
    decode: () => undefined,
  };
  assert.throws(() => new DecoderIndex([decoder]), /shouting: a cue must be non-empty, lower-case/);
});
