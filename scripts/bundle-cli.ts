/**
 * Part of `npm run build`, after tsc: bundles the `rebound` bin and its `classify` command into a few
 * files next to tsc's output (dist/src/cli/rebound*.js). Node's ESM loader costs about 1 ms per module
 * at every start, and `rebound classify` would load ~130 of them (its worker threads as many again);
 * bundled, they are 3 files. `rebound import`'s worker threads are bundled too (they load the same
 * classifier): the pool in tsc's import-pool.js is pointed at the bundle, the one change made to a file
 * tsc wrote.
 *
 * Only what `classify` runs is bundled. Every other command stays a dynamic import of tsc's file in the
 * same directory (so that their relative paths, to dist/web or to the migrations, keep working), and
 * packages from node_modules stay imports. Nothing is minified: stack traces keep their names.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'rolldown';

/** dist/scripts/bundle-cli.js sits two levels below the repository root. */
const CLI_DIR = fileURLToPath(new URL('../src/cli/', import.meta.url));
const PREFIX = 'rebound';
/** main.ts's own imports that are bundled; its other relative imports are the other commands. */
const BUNDLED_FROM_MAIN = new Set(['./usage.js', './classify-command.js']);
/** The worker script as classify-threads names it, and the bundle's own entry that replaces it. */
const WORKER_URL = "new URL('./classify-worker.js', import.meta.url)";
const BUNDLED_WORKER_URL = `new URL('./${PREFIX}-classify-worker.js', import.meta.url)`;
const IMPORT_WORKER_URL = "new URL('./import-worker.js', import.meta.url)";
const BUNDLED_IMPORT_WORKER_URL = `new URL('./${PREFIX}-import-worker.js', import.meta.url)`;

/** `code` with `url` replaced by `bundled`, which must be there once: a missed rename would still work but slowly. */
function pointAtBundle(id: string, code: string, url: string, bundled: string): string {
  if (code.split(url).length !== 2) throw new Error(`${id}: expected ${url} once`);
  return code.replace(url, bundled);
}

/** classify-threads starts its workers from the bundled worker, not from tsc's unbundled one. */
const bundledWorker: Plugin = {
  name: 'rebound-bundled-worker',
  transform(code, id) {
    if (!id.endsWith('/classify-threads.js')) return null;
    // Same line: the source map stays right but for the columns after it.
    return { code: pointAtBundle(id, code, WORKER_URL, BUNDLED_WORKER_URL), map: null };
  },
};

// The chunks of an earlier build would linger next to the new ones.
for (const name of readdirSync(CLI_DIR)) if (name.startsWith(`${PREFIX}`)) rmSync(join(CLI_DIR, name));

const pool = join(CLI_DIR, 'import-pool.js');
const poolCode = readFileSync(pool, 'utf8');
// Before the bundle, which must be the newest file (test/cli/bundle.test.ts); run again without tsc in
// between, the file is pointed already.
if (!poolCode.includes(BUNDLED_IMPORT_WORKER_URL))
  writeFileSync(pool, pointAtBundle(pool, poolCode, IMPORT_WORKER_URL, BUNDLED_IMPORT_WORKER_URL));

await build({
  input: {
    [PREFIX]: join(CLI_DIR, 'main.js'),
    [`${PREFIX}-classify-worker`]: join(CLI_DIR, 'classify-worker.js'),
    [`${PREFIX}-import-worker`]: join(CLI_DIR, 'import-worker.js'),
  },
  platform: 'node',
  // Called with ids as written and again once resolved (absolute paths): only bare names are packages.
  external: (id, importer) =>
    !/^[./]/.test(id) ||
    (id.startsWith('./') && importer?.endsWith('/cli/main.js') === true && !BUNDLED_FROM_MAIN.has(id)),
  plugins: [bundledWorker],
  logLevel: 'warn',
  output: {
    dir: CLI_DIR,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: `${PREFIX}-[name].js`,
    minify: false,
    sourcemap: true,
  },
});
