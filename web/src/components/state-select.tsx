/** The "which state" filter of a listing page: kept in the URL (`?state=`), so reloads and links keep it. */
import { t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { location, navigate } from '../router.js';

interface Props<S extends string> {
  /** The page's path, e.g. `/pauses`. */
  path: string;
  states: readonly S[];
  label: MessageKey;
  /** Each state's label is the message `${prefix}.${state}`. */
  prefix: string;
}

/** The state in the URL, or the first one when it names none of them. */
export function useStateParam<S extends string>(states: readonly S[]): S {
  const asked = location.value.params.get('state');
  return states.find((s) => s === asked) ?? (states[0] as S);
}

export function StateSelect<S extends string>({ path, states, label, prefix }: Props<S>) {
  return (
    <label class="inline">
      {t(label)}{' '}
      <select
        value={useStateParam(states)}
        onChange={(e) => navigate(path, { state: e.currentTarget.value })}
      >
        {states.map((s) => (
          <option key={s} value={s}>
            {t(`${prefix}.${s}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}
