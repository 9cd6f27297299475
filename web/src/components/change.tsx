/** Changes made from a page. useChange runs one, shows its error, and reloads what it changed after it. */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText } from '../i18n/explain.js';
import { t } from '../i18n/i18n.js';
import { ErrorText } from './error-text.js';

export function useChange(reload: () => void) {
  const [error, setError] = useState<string | null>(null);
  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const shown = <ErrorText text={error} />;
  return { run, shown };
}

/** A form's text field, trimmed. */
export function field(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? '').trim();
}

interface NoteActionProps {
  /** The button's words, and what it acts on (read out to screen readers, hidden on screen). */
  action: string;
  target: string;
  /** The API path the note is posted to, as `{ note }`. */
  path: string;
  onDone: () => void;
  /** A one-line field that fits a table cell, rather than a text area. */
  inline?: boolean;
}

/** An admin's action that needs a note for the audit trail: resolve an incident, resume a pause. */
export function NoteAction({ action, target, path, onDone, inline = false }: NoteActionProps) {
  const { run, shown } = useChange(onDone);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const note = field(event.currentTarget as HTMLFormElement, 'note');
    void run(() => api.post(path, { note }));
  };
  return (
    <form class={inline ? 'inline-action' : 'admin-action'} onSubmit={submit}>
      <label>
        {t('unblock.note')}
        {inline ? (
          <input name="note" required maxLength={2000} />
        ) : (
          <textarea name="note" rows={2} maxLength={2000} required />
        )}
      </label>
      <button type="submit" class="primary">
        {action} <span class="visually-hidden">{target}</span>
      </button>
      {shown}
    </form>
  );
}
