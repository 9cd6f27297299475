/** One output line of `rebound classify` (JSON Lines), written the same by the main thread and the workers. */
import { classify } from '../classify/classify.js';

export function jsonLine(source: string, index: number, bytes: Uint8Array): string {
  return JSON.stringify({ source, index, verdicts: classify(bytes) }) + '\n';
}
