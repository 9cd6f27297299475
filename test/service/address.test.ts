import assert from 'node:assert/strict';
import test from 'node:test';
import { addressProblem, normaliseAddress } from '../../src/service/address.js';

test('addresses are keyed trimmed and lower-case', () => {
  assert.equal(normaliseAddress('  Ann.Lee+crm@Example.ORG \t'), 'ann.lee+crm@example.org');
  assert.equal(normaliseAddress('x@münchen.example'), 'x@münchen.example');
  assert.equal(normaliseAddress(`${'l'.repeat(64)}@${'d'.repeat(63)}.example`).length, 64 + 1 + 63 + 8);
});

test('each kind of bad address is named, the first problem found', () => {
  const cases: [string, string][] = [
    [`a@${'d'.repeat(250)}.org`, 'longer than 254 characters'],
    ['no-at.example.org', "no local part before '@'"],
    ['@example.org', "no local part before '@'"],
    [`${'l'.repeat(65)}@example.org`, 'local part longer than 64 characters'],
    ['user@', 'no domain after the last @'],
    ['us er@example.org', 'character " " in the local part'],
    ['us"er@example.org', 'character "\\"" in the local part'],
    ['a@b@example.org', 'character "@" in the local part'],
    ['us\u007fer@example.org', 'character "\u007f" in the local part'],
    ['a[1]@example.org', 'character "[" in the local part'],
    ['.user@example.org', "local part starting or ending with '.'"],
    ['user.@example.org', "local part starting or ending with '.'"],
    ['user@localhost', 'domain without a dot'],
    // No dot is said before anything wrong in the one label.
    ['user@exa!mple', 'domain without a dot'],
    ['user@-localhost-', 'domain without a dot'],
    ['user@example..org', 'empty or over-long domain label'],
    ['user@example.org.', 'empty or over-long domain label'],
    [`user@${'d'.repeat(64)}.org`, 'empty or over-long domain label'],
    ['user@-example.org', "domain label starting or ending with '-'"],
    ['user@example-.org', "domain label starting or ending with '-'"],
    ['user@exa!mple.org', 'character "!" in the domain'],
    ['user@exa mple.org', 'character " " in the domain'],
    // The first label's problem wins over a later one's.
    ['user@a!b..org', 'character "!" in the domain'],
    ['user@..a!b.org', 'empty or over-long domain label'],
    ['user@ok.a!-.org', "domain label starting or ending with '-'"],
    ['user@ok.org.b!d', 'character "!" in the domain'],
  ];
  for (const [address, problem] of cases) assert.equal(addressProblem(address), problem, address);
  for (const ok of ['a@b.co', 'first_last@sub-1.example.org', "o'hara@x.example", 'x@xn--mnchen-3ya.de'])
    assert.equal(addressProblem(ok), undefined, ok);
});

test('a bad address is an invalid_address error quoting it', () => {
  assert.throws(
    () => normaliseAddress(' Not An Address '),
    (err: Error & { code?: string }) =>
      err.code === 'invalid_address' &&
      err.message === '"not an address" is not an email address: no local part before \'@\'.',
  );
  assert.throws(() => normaliseAddress(42), /An address must be a string/);
});
