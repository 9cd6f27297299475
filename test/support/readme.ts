import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const README_PATH = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'),
  'README.md',
);

const begin = (name: string) => `<!-- generated:${name} -->`;
const end = (name: string) => `<!-- /generated:${name} -->`;

export function extractBlock(text: string, name: string): string | undefined {
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from === -1 || to === -1 || to < from) return undefined;
  return text.slice(from + begin(name).length, to).trim();
}

export function replaceBlock(text: string, name: string, content: string): string {
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from === -1 || to === -1) throw new Error(`README.md has no ${begin(name)} ... ${end(name)} block`);
  return `${text.slice(0, from)}${begin(name)}\n${content}\n${text.slice(to)}`;
}
