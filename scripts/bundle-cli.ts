/**
 * Part of `npm run build`, after tsc: bundles the `rebound` bin and its `classify` command into a few
 * files next to tsc's output (dist/src/cli/rebound*.js). Node's ESM loader costs about 1 ms per module
 * at every start, and `rebound classify` would load ~130 of them (its worker threads as many again);
 * bundled, they are 3 files.
 *
 * Only what `classify` runs is bundled. Every other command stays a dynamic import of tsc's file in the
 * same directory (so that their relative paths, to dist/web or to the migrations, keep working), and
 * packages from node_modules stay imports. Nothing is minified: stack traces keep their names.
 */
import { readdirSync, rmSync } from 'node:fs';
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

/** classify-threads starts its workers from the bundled worker, not from tsc's unbundled one. */
const bundledWorker: Plugin = {
  name: 'rebound-bundled-worker',
  transform(code, id) {
    if (!id.endsWith('/classify-threads.js')) return null;
    // A missed rename would still work but load the unbundled worker: say so rather than be slow.
    if (code.split(WORKER_URL).length !== 2) throw new Error(`${id}: expected ${WORKER_URL} once`);
    // Same line, same length of lines: the source map stays right.
    return { code: code.replace(WORKER_URL, BUNDLED_WORKER_URL), map: null };
  },
};

// The chunks of an earlier build would linger next to the new ones.
for (const name of readdirSync(CLI_DIR)) if (name.startsWith(`${PREFIX}`)) rmSync(join(CLI_DIR, name));

await build({
  input: {
    [PREFIX]: join(CLI_DIR, 'main.js'),
    [`${PREFIX}-classify-worker`]: join(CLI_DIR, 'classify-worker.js'),
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
