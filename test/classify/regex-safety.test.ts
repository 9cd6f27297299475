import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import safeRegex from 'safe-regex2';
import ts from 'typescript';

/**
 * Every regular expression in src/ is checked by safe-regex2 (fastify's fork of safe-regex): a
 * star-height heuristic that flags nested quantifiers such as `(a+)+` (exponential backtracking)
 * and patterns with more than 25 quantifiers. It does not see polynomial backtracking (`\s+$`,
 * `[^@]+@` on a long line): robustness.test.ts guards that by timing the classifier on long lines.
 *
 * The regexes are found with the TypeScript parser, not with a regex: regex literals, and
 * `new RegExp(...)` / `RegExp(...)` whose pattern is a string or template literal.
 */

/** Where the .ts sources are: REBOUND_SRC, else next to the compiled test (dist/test/classify), else cwd/src. */
function sourceRoot(): string {
  const candidates = [
    process.env.REBOUND_SRC,
    fileURLToPath(new URL('../../../src', import.meta.url)),
    resolve(process.cwd(), 'src'),
  ];
  for (const candidate of candidates) {
    if (candidate !== undefined && existsSync(candidate) && tsFiles(candidate).length > 0) return candidate;
  }
  throw new Error(`no TypeScript sources found in ${candidates.filter(Boolean).join(', ')}`);
}

function tsFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files.sort();
}

interface FoundRegex {
  /** file:line, the file relative to the repository root. */
  where: string;
  /** The pattern source, or undefined when it is computed at run time. */
  source: string | undefined;
  flags: string;
  /** How it was written, for the report. */
  written: string;
}

/** A `${...}` in a RegExp template is checked as one plain letter: the substitutions here are words. */
const SUBSTITUTION_PLACEHOLDER = 'x';

function patternOf(node: ts.Expression | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return (
      node.head.text + node.templateSpans.map((span) => SUBSTITUTION_PLACEHOLDER + span.literal.text).join('')
    );
  }
  return undefined;
}

function flagsOf(node: ts.Expression | undefined): string {
  if (node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)))
    return node.text;
  return '';
}

export function findRegexes(fileName: string, text: string, displayName: string): FoundRegex[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: FoundRegex[] = [];
  const where = (node: ts.Node): string =>
    `${displayName}:${sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sourceFile);
      const slash = literal.lastIndexOf('/');
      found.push({
        where: where(node),
        source: literal.slice(1, slash),
        flags: literal.slice(slash + 1),
        written: literal,
      });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments ?? [];
      found.push({
        where: where(node),
        source: patternOf(pattern),
        flags: flagsOf(flags),
        written: node.getText(sourceFile).replace(/\s+/g, ' '),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * safe-regex2's parser (ret) predates lookbehind and rejects `(?<=` / `(?<!`, which would count as
 * unsafe. A lookbehind has the same star height as the lookahead of the same body, so check that.
 */
export function lookbehindAsLookahead(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(' && (source.startsWith('?<=', i + 1) || source.startsWith('?<!', i + 1))) {
      out += '(?' + source[i + 3];
      i += 3;
      continue;
    }
    out += ch;
  }
  return out;
}

function isSafe(source: string): boolean {
  return safeRegex(lookbehindAsLookahead(source));
}

/**
 * Regexes a reviewer judged safe although safe-regex2 flags them (its heuristic also counts `?` and
 * `{n}` as repetitions, so `(?:\\d{3})?` has "star height 2"): the regex as written -> why it is safe.
 * Prefer rewriting the regex; add an entry only with the reason.
 */
const REVIEWED: ReadonlyMap<string, string> = new Map<string, string>([]);

const SRC = sourceRoot();
const REPO = resolve(SRC, '..');
const ALL = tsFiles(SRC).flatMap((file) =>
  findRegexes(file, readFileSync(file, 'utf8'), relative(REPO, file)),
);

test('the checker itself: flags nested quantifiers, passes lookbehind and plain patterns', () => {
  assert.equal(isSafe('(a+)+$'), false);
  assert.equal(isSafe('(?:\\w+\\s?)*x'), false);
  assert.equal(isSafe('(?<![\\d.])([245])\\.(\\d{1,3})'), true);
  assert.equal(isSafe('^[^@]+@[^@]+$'), true);
  assert.equal(lookbehindAsLookahead('[(?<!]\\(?<=(?<!a)'), '[(?<!]\\(?<=(?!a)');
});

test('the extractor finds literals and RegExp constructors, not divisions or strings', () => {
  const text = [
    'const a = /x+y/gi;',
    'const b = 10 / 2 / 5;',
    "const c = '/not (a+)+ regex/';",
    "const d = new RegExp(`</${name}`, 'gi');",
    "const e = RegExp('(a|b)*c');",
    'const f = new RegExp(computed);',
  ].join('\n');
  const found = findRegexes('sample.ts', text, 'sample.ts');
  assert.deepEqual(
    found.map((r) => [r.where, r.source, r.flags]),
    [
      ['sample.ts:1', 'x+y', 'gi'],
      ['sample.ts:4', '</x', 'gi'],
      ['sample.ts:5', '(a|b)*c', ''],
      ['sample.ts:6', undefined, ''],
    ],
  );
});

test(`every regular expression in src/ is safe by safe-regex2`, (t) => {
  t.diagnostic(`sources: ${SRC}; ${ALL.length} regular expressions checked`);
  assert.ok(ALL.length > 20, `only ${ALL.length} regular expressions found in ${SRC}: is the path right?`);
  const dynamic = ALL.filter((r) => r.source === undefined && !REVIEWED.has(r.written));
  const unsafe = ALL.filter((r) => r.source !== undefined && !isSafe(r.source) && !REVIEWED.has(r.written));
  const report = [
    ...unsafe.map((r) => `${r.where}  ${r.written}  (nested quantifier, > 25 quantifiers, or unparseable)`),
    ...dynamic.map((r) => `${r.where}  ${r.written}  (pattern computed at run time: cannot be checked)`),
  ];
  assert.deepEqual(report, [], `unsafe regular expressions:\n  ${report.join('\n  ')}`);
});
