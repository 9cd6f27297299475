import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../src/policy/settings.js';
import { DEFAULT_SETTINGS } from '../../src/policy/types.js';

test('valid settings are read; missing fields keep the base values', () => {
  const cases: [unknown, object][] = [
    [{}, DEFAULT_SETTINGS],
    [{ softBounceRetries: 0 }, { softBounceRetries: 0, complaintsBlock: true }],
    [
      { softBounceRetries: 100, complaintsBlock: false },
      { softBounceRetries: 100, complaintsBlock: false },
    ],
    [{ complaintsBlock: false }, { softBounceRetries: 5, complaintsBlock: false }],
  ];
  for (const [input, expected] of cases) {
    assert.deepEqual(parseSettings(input), { ok: true, settings: expected }, JSON.stringify(input));
  }
});

test('a partial update starts from the given base', () => {
  const base = { softBounceRetries: 2, complaintsBlock: false };
  assert.deepEqual(parseSettings({ complaintsBlock: true }, base), {
    ok: true,
    settings: { softBounceRetries: 2, complaintsBlock: true },
  });
});

test('invalid settings give one clear error per problem, never an exception', () => {
  const cases: [unknown, RegExp[]][] = [
    [null, [/settings must be an object, got null/]],
    [undefined, [/settings must be an object, got nothing/]],
    ['5', [/must be an object, got the string "5"/]],
    [[1], [/must be an object, got an array/]],
    [{ softBounceRetries: -1 }, [/softBounceRetries must be an integer from 0 to 100 .*got number -1/]],
    [{ softBounceRetries: 101 }, [/got number 101/]],
    [{ softBounceRetries: 2.5 }, [/got number 2.5/]],
    [{ softBounceRetries: '5' }, [/softBounceRetries .*got the string "5"/]],
    [{ softBounceRetries: Number.NaN }, [/got number NaN/]],
    [{ complaintsBlock: 'yes' }, [/complaintsBlock must be true or false, got the string "yes"/]],
    [{ complaintsBlock: null }, [/complaintsBlock must be true or false, got null/]],
    [
      { softBounceRetry: 3 },
      [/unknown setting "softBounceRetry" \(known: softBounceRetries, complaintsBlock\)/],
    ],
    [
      { softBounceRetries: {}, complaintsBlock: 1 },
      [/softBounceRetries .*got an object/, /complaintsBlock .*got number 1/],
    ],
  ];
  for (const [input, patterns] of cases) {
    const result = parseSettings(input);
    assert.equal(result.ok, false, String(JSON.stringify(input)));
    if (result.ok) continue;
    assert.equal(result.errors.length, patterns.length, result.errors.join('; '));
    patterns.forEach((pattern, i) => assert.match(result.errors[i] ?? '', pattern));
  }
});
