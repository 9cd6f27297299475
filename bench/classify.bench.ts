/**
 * `npm run bench:classify [-- --runs N] [--threads T]`: how fast `rebound classify DIR` gets through
 * a directory of real bounce mails, start to finish, next to Sisimai (the Perl reference) on the same
 * files.
 *
 * What is measured: the wall time of whole processes, `node dist/src/cli/rebound.js classify DIR` (the bundled bin) with
 * stdout to /dev/null, so start-up, module loading, directory walking, file reading, classification and
 * JSON output all count: what a user waits for. The input is every mail of the corpus's maildir/bsd
 * (629 files) copied 20 times into one flat directory under the system's temp directory (12,580 files,
 * ~56 MB), big enough that start-up is a small part. Each tool runs R times (default 5); the median is
 * reported, with emails/s (files per second) and MB/s (10^6 bytes per second).
 *
 * rebound runs twice: on one thread (the default), then with `--threads T` (worker threads in the
 * same process; T is the number of cores unless `--threads` says otherwise, and the row is left out on
 * one core). Then the floor (bench/read-write-floor.ts): Node.js starting, reading every file and writing
 * an empty JSON line for each, no classification; the least any Node.js program can take for the same
 * job. Sisimai runs when its Perl module is installed (bench/sisimai.pl: Sisimai->make or ->rise on the
 * directory, in one process). The files are in the page cache after the copy, so disks do not count.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findCorpus, prepareBenchDir, type BenchDir } from './bench-dir.js';

const COPIES = 20;
/** dist/bench/classify.bench.js sits two levels below the repository root. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bundled bin, as installed (package.json's bin; see scripts/bundle-cli.ts). */
const CLI = join(ROOT, 'dist/src/cli/rebound.js');
const SISIMAI_SCRIPT = join(ROOT, 'bench/sisimai.pl');
/** Node reading and writing alone (bench/read-write-floor.ts): the part of a run that is no classification. */
const FLOOR = join(ROOT, 'dist/bench/read-write-floor.js');
const FLOOR_TOOL = 'floor: read + write only, no classification';
/**
 * The children's environment, without NODE_EXTRA_CA_CERTS: a machine that sets it (this project's does,
 * for its own proxy) makes every Node.js process read and parse that CA bundle as it starts, ~40 ms here,
 * though `classify` opens no TLS connection. A user's shell rarely has it; the bench says when it was set.
 */
const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...CHILD_ENV } = process.env;

interface Result {
  tool: string;
  seconds: number[];
  median: number;
  /** Median CPU seconds (user + system) of the runs, where the system tells it. */
  cpuMedian?: number;
}

function main(): void {
  const { runs, threads } = parseOptions();
  const corpus = findCorpus(ROOT);
  if (!corpus) {
    console.log(
      'Corpus not found: set REBOUND_CORPUS to the shared corpus (which holds emails/maildir/bsd) or to a\n' +
        'checkout of https://github.com/sisimai/set-of-emails (git clone --depth 1 that URL); by default it is\n' +
        'looked for in ../shared/corpus/sisimai next to the repository. Nothing measured.',
    );
    return;
  }
  const dir = prepareBenchDir(corpus, COPIES);
  if (extraCaCerts !== undefined)
    console.log(`NODE_EXTRA_CA_CERTS (${extraCaCerts}) is left out of the measured processes' environment`);
  const machine = describeMachine();
  console.log(
    `machine: ${machine}\ninput: ${dir.path}: ${dir.files} files, ${megabytes(dir.bytes)} MB (${corpus} x${COPIES})\n`,
  );

  const rebound = `rebound ${packageVersion()}`;
  const results = [timeRuns(rebound, process.execPath, [CLI, 'classify', dir.path], runs, dir)];
  if (threads > 1) {
    const args = [CLI, 'classify', '--threads', String(threads), dir.path];
    results.push(timeRuns(`${rebound} --threads ${threads}`, process.execPath, args, runs, dir));
  }
  results.push(timeRuns(FLOOR_TOOL, process.execPath, [FLOOR, dir.path], runs, dir));
  const sisimai = sisimaiVersion();
  if (sisimai) results.push(timeRuns(`Sisimai ${sisimai}`, 'perl', [SISIMAI_SCRIPT, dir.path], runs, dir));
  else console.log('Sisimai not installed: apt-get install libsisimai-perl to compare\n');

  console.log(summary(results, dir, runs, machine));
}

function parseOptions(): { runs: number; threads: number } {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      threads: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs wants a positive integer, not '${values.runs}'`);
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`--threads wants a positive integer, not '${values.threads}'`);
  return { runs, threads };
}

function timeRuns(tool: string, command: string, args: string[], runs: number, dir: BenchDir): Result {
  console.log(tool);
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const cpuBefore = childrenCpuSeconds();
    const start = process.hrtime.bigint();
    // stdout 'ignore' is /dev/null: the output is produced in full but costs no pipe to this process.
    const child = spawnSync(command, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      env: CHILD_ENV,
    });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const cpuAfter = childrenCpuSeconds();
    if (child.status !== 0) {
      throw new Error(
        `${tool} failed (${child.error?.message ?? `exit ${child.status}`}): ${child.stderr.slice(-2000)}`,
      );
    }
    seconds.push(elapsed);
    const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    if (cpu !== undefined) cpuSeconds.push(cpu);
    console.log(
      `  run ${run}: ${elapsed.toFixed(3)} s${cpu === undefined ? '' : ` (CPU ${cpu.toFixed(2)} s)`}`,
    );
  }
  const result: Result = { tool, seconds, median: median(seconds) };
  if (cpuSeconds.length === runs) result.cpuMedian = median(cpuSeconds);
  const { emails, megabytes } = rates(result, dir);
  console.log(`  median ${result.median.toFixed(3)} s, ${emails} emails/s, ${megabytes} MB/s\n`);
  return result;
}

/**
 * User + system CPU time of the waited-for children so far (cutime and cstime of /proc/self/stat, in
 * USER_HZ = 100 ticks per second on Linux); undefined elsewhere. Unlike wall time, it hardly moves when
 * other processes compete for the cores, so it tells a busy machine from a slow run.
 */
function childrenCpuSeconds(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name, which may hold spaces: state is field 3, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function rates({ median }: Result, dir: BenchDir): { emails: string; megabytes: string } {
  return {
    emails: Math.round(dir.files / median).toLocaleString('en-US'),
    megabytes: (dir.bytes / 1e6 / median).toFixed(1),
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** The module's version, or undefined when Perl cannot load it. */
function sisimaiVersion(): string | undefined {
  const probe = spawnSync('perl', ['-MSisimai', '-e', 'print $Sisimai::VERSION'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim().replace(/^v/, '') : undefined;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function describeMachine(): string {
  const cpu = cpus();
  const perl = spawnSync('perl', ['-e', 'printf "%vd", $^V'], { encoding: 'utf8' });
  const perlVersion = perl.status === 0 ? `, Perl ${perl.stdout}` : '';
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Linux ${release()}, Node ${process.version}${perlVersion}`;
}

function summary(results: Result[], dir: BenchDir, runs: number, machine: string): string {
  const rows = results.map((result) => {
    const { emails, megabytes } = rates(result, dir);
    const range = `${Math.min(...result.seconds).toFixed(3)}-${Math.max(...result.seconds).toFixed(3)} s`;
    const cpu = result.cpuMedian === undefined ? 'n/a' : `${result.cpuMedian.toFixed(2)} s`;
    return `| ${result.tool} | ${result.median.toFixed(3)} s | ${range} | ${cpu} | ${emails} | ${megabytes} |`;
  });
  // Speed ratio: rebound's emails/s over Sisimai's, i.e. how many times as fast; the floor's is the
  // most any Node.js program writing the same lines could reach.
  const theirs = results.find((result) => result.tool.startsWith('Sisimai'));
  const ratio = theirs
    ? results
        .filter((result) => result !== theirs)
        .map((ours) => `Speed ratio ${ours.tool}/Sisimai: ${(theirs.median / ours.median).toFixed(1)}x.`)
        .concat('')
    : [];
  const date = new Date().toISOString().slice(0, 10);
  return [
    '--- markdown for docs/benchmarks.md ---',
    `### classify: ${dir.files.toLocaleString('en-US')} mails, ${megabytes(dir.bytes)} MB (${date})`,
    '',
    `- Machine: ${machine}.`,
    `- Input: maildir/bsd of the Sisimai corpus (sisimai/set-of-emails) copied ${COPIES} times into one directory.`,
    `- Method: wall time of one whole process over the directory (stdout to /dev/null), median of ${runs} runs; emails/s and MB/s from the median wall time.`,
    '',
    '| tool | median | range | CPU (median) | emails/s | MB/s |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...ratio,
    '--- end ---',
  ].join('\n');
}

try {
  main();
} catch (error) {
  // A bad option or a failed run: one line is enough, the stack of this script says nothing.
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
}
