import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../src/policy/settings.js';
import { DEFAULT_SETTINGS } from '../../src/policy/types.js';

test('valid settings are read; missing fields keep the base values', () => {
  const cases: [unknown, object][] = [
    [{}, {}],
    [{ softBounceRetries: 0 }, { softBounceRetries: 0 }],
    [
      { softBounceRetries: 100, complaintsBlock: false },
      { softBounceRetries: 100, complaintsBlock: false },
    ],
    [{ complaintsBlock: false }, { complaintsBlock: false }],
    [
      { softStreakExpiryDays: 30, hardBlockExpiryDays: 3650, maxUnblocks: 0 },
      { softStreakExpiryDays: 30, hardBlockExpiryDays: 3650, maxUnblocks: 0 },
    ],
    [
      { softStreakExpiryDays: null, unblockProbe: true, autoApproveAfterDays: 1 },
      { softStreakExpiryDays: null, unblockProbe: true, autoApproveAfterDays: 1 },
    ],
  ];
  for (const [input, changed] of cases) {
    const expected = { ...DEFAULT_SETTINGS, ...changed };
    assert.deepEqual(parseSettings(input), { ok: true, settings: expected }, JSON.stringify(input));
  }
});

test('a partial update starts from the given base', () => {
  const base = { ...DEFAULT_SETTINGS, softBounceRetries: 2, complaintsBlock: false, maxUnblocks: 2 };
  assert.deepEqual(parseSettings({ complaintsBlock: true, softStreakExpiryDays: 14 }, base), {
    ok: true,
    settings: { ...base, complaintsBlock: true, softStreakExpiryDays: 14 },
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
      [
        /unknown setting "softBounceRetry" \(known: softBounceRetries, complaintsBlock, softStreakExpiryDays,/,
      ],
    ],
    [
      { softStreakExpiryDays: 0 },
      [/softStreakExpiryDays must be null \(never\) or an integer from 1 to 3650 .*got number 0/],
    ],
    [{ hardBlockExpiryDays: 3651 }, [/hardBlockExpiryDays must be null .*got number 3651/]],
    [{ hardBlockExpiryDays: '30' }, [/hardBlockExpiryDays .*got the string "30"/]],
    [{ maxUnblocks: -1 }, [/maxUnblocks must be an integer from 0 to 1000 .*got number -1/]],
    [{ maxUnblocks: null }, [/maxUnblocks .*got null/]],
    [{ unblockProbe: 'on' }, [/unblockProbe must be true or false, got the string "on"/]],
    [{ autoApproveAfterDays: 1.5 }, [/autoApproveAfterDays .*got number 1.5/]],
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
