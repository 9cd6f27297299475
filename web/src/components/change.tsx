/** A change made from a page: runs it, shows its error, and reloads what it changed after it. */
import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { ErrorText } from './error-text.js';

export function useChange(reload: () => void) {
  const [error, setError] = useState<string | null>(null);
  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
      reload();
    } catch (failure) {
      setError((failure as ApiError).message);
    }
  };
  const shown = <ErrorText text={error} />;
  return { run, shown };
}

/** A form's text field, trimmed. */
export function field(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? '').trim();
}
