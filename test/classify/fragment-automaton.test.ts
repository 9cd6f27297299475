import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FragmentAutomaton } from '../../src/classify/fragment-automaton.js';

/** Every occurrence by indexOf at every offset: the answer the automaton must give, in its order. */
function naive(fragments: readonly string[], text: string): Map<number, number[]> {
  const byEnd: [number, number][] = [];
  fragments.forEach((fragment, id) => {
    for (let at = text.indexOf(fragment); at !== -1; at = text.indexOf(fragment, at + 1))
      byEnd.push([at + fragment.length, id]);
  });
  // The automaton reports by end offset, and at one end the longer fragment (the state's own) first.
  byEnd.sort((a, b) => a[0] - b[0] || (fragments[b[1]]?.length ?? 0) - (fragments[a[1]]?.length ?? 0));
  const found = new Map<number, number[]>();
  for (const [end, id] of byEnd) found.set(id, [...(found.get(id) ?? []), end]);
  return found;
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

test('finds every occurrence of every fragment, overlapping and nested ones too', () => {
  const automaton = new FragmentAutomaton();
  const fragments = ['he', 'she', 'his', 'hers', 'e'];
  for (const fragment of fragments) automaton.add(fragment);
  automaton.build();
  const found = automaton.scan('ushers and his hers');
  assert.deepEqual([...found.entries()], [...naive(fragments, 'ushers and his hers').entries()]);
  assert.deepEqual(found.get(3), [6, 19]);
});

test('equal fragments share an id; characters outside the alphabet reset the scan', () => {
  const automaton = new FragmentAutomaton();
  assert.equal(automaton.add('user unknown'), 0);
  assert.equal(automaton.add('mailbox full'), 1);
  assert.equal(automaton.add('user unknown'), 0);
  automaton.build();
  assert.deepEqual([...automaton.scan('user\u00e9unknown user unknown').entries()], [[0, [25]]]);
});

test('agrees with indexOf on random fragments and texts', () => {
  const next = random(42);
  const word = (length: number) => Array.from({ length }, () => 'abcd '[Math.floor(next() * 5)]).join('');
  for (let round = 0; round < 200; round++) {
    const fragments = [
      ...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => word(1 + Math.floor(next() * 5)))),
    ];
    const automaton = new FragmentAutomaton();
    for (const fragment of fragments) automaton.add(fragment);
    automaton.build();
    const text = word(Math.floor(next() * 80)) + 'xyz' + word(20);
    assert.deepEqual([...automaton.scan(text).entries()], [...naive(fragments, text).entries()], text);
  }
});

test('mark() flags exactly the fragments that scan() finds, on random texts', () => {
  const next = random(7);
  const letters = 'abc d';
  const pick = (length: number): string =>
    Array.from({ length }, () => letters[Math.floor(next() * letters.length)]).join('');
  const fragments = Array.from({ length: 12 }, () => pick(1 + Math.floor(next() * 4)));
  const automaton = new FragmentAutomaton();
  for (const fragment of fragments) automaton.add(fragment);
  automaton.build();
  for (let round = 0; round < 200; round++) {
    const text = pick(Math.floor(next() * 30));
    const marks = new Uint8Array(automaton.fragments.length);
    automaton.mark(text, marks);
    const marked = [...marks.keys()].filter((id) => marks[id] === 1);
    assert.deepEqual(
      marked,
      [...automaton.scan(text).keys()].sort((a, b) => a - b),
      text,
    );
  }
});

test('scanInto() lists what scan() finds, each fragment chained in order, one scratch over many texts', () => {
  const next = random(11);
  const letters = 'ab c';
  const pick = (length: number): string =>
    Array.from({ length }, () => letters[Math.floor(next() * letters.length)]).join('');
  const automaton = new FragmentAutomaton();
  for (let i = 0; i < 10; i++) automaton.add(pick(1 + Math.floor(next() * 3)));
  automaton.build();
  const occurrences = automaton.newOccurrences();
  for (let round = 0; round < 300; round++) {
    // Long texts now and then, so that the scratch grows past its first size.
    const text = pick(Math.floor(next() * (round % 10 === 0 ? 400 : 30)));
    const found = automaton.scanInto(text, occurrences);
    const chained = new Map<number, number[]>();
    for (let k = 0; k < found.count; k++) {
      const id = found.ids[k]!;
      if (found.first(id) !== k) continue;
      const ends: number[] = [];
      for (let at = k; at !== -1; at = found.nexts[at]!) ends.push(found.ends[at]!);
      chained.set(id, ends);
    }
    assert.deepEqual([...chained.entries()], [...automaton.scan(text).entries()], text);
  }
});
