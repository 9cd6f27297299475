/**
 * Turns the command line's inputs into mail messages: files, directories (recursive, so a Maildir is just
 * a directory), mbox files and '-' for stdin.
 *
 * Everything is synchronous on purpose: a directory of small files is read fastest by a plain loop, with
 * no per-file promise or callback.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { FileReader } from './file-reader.js';
import { splitMbox } from './mbox.js';
import { MIN_FILES as READ_AHEAD_MIN_FILES, ReadAhead } from './read-ahead.js';

export interface MailItem {
  /** The path as given, or for a file found in a directory, the directory joined with its path inside. */
  source: string;
  /** 1-based message number inside the file: always 1 unless the file is an mbox. */
  index: number;
  /**
   * Valid until the next item is taken: files are read into a reused buffer (see FileReader). Copy it
   * to keep it.
   */
  bytes: Buffer;
}

/** Called once per path that could not be read; the walk goes on with the others. */
export type OnReadError = (source: string, reason: string) => void;

export const STDIN = '-';
/** fd 0 itself: touching process.stdin would make a pipe non-blocking and readFileSync fail with EAGAIN. */
const STDIN_FD = 0;

export interface SourceOptions {
  /**
   * Read the files of a large directory in a worker thread, ahead of their use (see ReadAhead): for a
   * caller that spends long on each mail, so that reading and its work overlap.
   */
  readAhead?: boolean;
}

export function* mailSources(
  paths: Iterable<string>,
  onError: OnReadError,
  { readAhead = false }: SourceOptions = {},
): Generator<MailItem> {
  const reader = new FileReader();
  for (const path of paths) {
    if (path === STDIN) {
      const bytes = readOrReport(STDIN, () => readFileSync(STDIN_FD), onError);
      if (bytes !== undefined) yield* split(STDIN, bytes);
      continue;
    }
    // Reading first and asking only when it fails spares a stat per plain file.
    let bytes: Buffer;
    try {
      bytes = reader.read(path);
    } catch (error) {
      if (errorCode(error) === 'EISDIR') yield* walkDirectory(path, reader, onError, readAhead);
      else onError(path, reasonOf(error));
      continue;
    }
    yield* split(path, bytes);
  }
}

/** Files under `dir` in sorted order (by UTF-16 code unit, so independent of the locale), dotfiles skipped. */
function* walkDirectory(
  dir: string,
  reader: FileReader,
  onError: OnReadError,
  readAhead: boolean,
): Generator<MailItem> {
  if (!readAhead) {
    for (const path of filesUnder(dir, onError)) {
      // filesUnder yields regular files (or links to them) only.
      const bytes = readOrReport(path, () => reader.read(path, true), onError);
      if (bytes !== undefined) yield* split(path, bytes);
    }
    return;
  }
  // The whole list first: the reading thread needs it. The walk's errors keep their place in it.
  const entries = directoryEntries(dir);
  const files = entries.flatMap((entry) => ('error' in entry ? [] : [entry.path]));
  const ahead = files.length >= READ_AHEAD_MIN_FILES ? new ReadAhead(files) : undefined;
  try {
    let next = 0;
    for (const entry of entries) {
      if ('error' in entry) {
        onError(entry.path, entry.error);
        continue;
      }
      const at = next++;
      const read = ahead === undefined ? () => reader.read(entry.path, true) : () => ahead.read(at);
      const bytes = readOrReport(entry.path, read, onError);
      if (bytes !== undefined) yield* split(entry.path, bytes);
    }
  } finally {
    ahead?.stop();
  }
}

/**
 * What a directory walk finds, in walk order: a regular file, or a directory it could not read. For
 * readers that need the list before they read (ReadAhead, the worker threads of `classify --threads`).
 */
export type DirectoryEntry = { path: string } | { path: string; error: string };

export function directoryEntries(dir: string): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  for (const path of filesUnder(dir, (path, error) => entries.push({ path, error }))) entries.push({ path });
  return entries;
}

/** The paths of the files under `dir`, recursively, in the order walkDirectory reads them. */
function* filesUnder(dir: string, onError: OnReadError): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    onError(dir, reasonOf(error));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path, onError);
    else if (isFile(entry, path)) yield path;
    // Sockets and FIFOs hold no mail; symbolic links to directories are not followed (as find(1) does
    // not) so that a link cycle cannot loop.
  }
}

function isFile(entry: Dirent, path: string): boolean {
  return (
    entry.isFile() ||
    (entry.isSymbolicLink() && (statSync(path, { throwIfNoEntry: false })?.isFile() ?? false))
  );
}

function readOrReport(source: string, read: () => Buffer, onError: OnReadError): Buffer | undefined {
  try {
    return read();
  } catch (error) {
    onError(source, reasonOf(error));
    return undefined;
  }
}

/** The messages of one file's bytes (several for an mbox), numbered from 1. */
export function* split(source: string, bytes: Buffer): Generator<MailItem> {
  let index = 0;
  for (const message of splitMbox(bytes)) yield { source, index: ++index, bytes: message };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** "ENOENT: no such file or directory, open 'x'" -> "no such file or directory": the path is said once, by the caller. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/s, '');
}
