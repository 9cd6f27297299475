/** The benchmark's input: the corpus's maildir/bsd copied N times into one flat temporary directory. */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BenchDir {
  path: string;
  files: number;
  bytes: number;
}

/**
 * The maildir/bsd folder of the corpus: `emails/maildir/bsd` in the shared corpus, `maildir/bsd` in a
 * checkout of sisimai/set-of-emails. Undefined when neither exists.
 */
export function findCorpus(repoRoot: string): string | undefined {
  const corpus = process.env['REBOUND_CORPUS'] ?? resolve(repoRoot, '../shared/corpus/sisimai');
  return [join(corpus, 'emails/maildir/bsd'), join(corpus, 'maildir/bsd')].find((dir) => existsSync(dir));
}

/**
 * Flat, because Sisimai 4 reads a directory without descending into it. Built once and reused while it
 * holds the right number of files; built under a temporary name first so that an interrupted copy is
 * never taken for a complete one.
 */
export function prepareBenchDir(source: string, copies: number): BenchDir {
  const names = readdirSync(source).filter((name) => !name.startsWith('.'));
  const files = names.length * copies;
  const path = join(tmpdir(), `rebound-bench-${files}`);
  if (!existsSync(path) || readdirSync(path).length !== files) {
    const partial = `${path}.partial-${process.pid}`;
    mkdirSync(partial, { recursive: true });
    for (let copy = 1; copy <= copies; copy++) {
      const prefix = String(copy).padStart(2, '0');
      for (const name of names) copyFileSync(join(source, name), join(partial, `${prefix}-${name}`));
    }
    rmSync(path, { recursive: true, force: true });
    renameSync(partial, path);
  }
  const bytes = readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);
  return { path, files, bytes };
}
