/** The language chooser, in the header and in Settings: the choice is remembered (see i18n.ts). */
import { language, LANGUAGES, setLanguage, t, type Language } from '../i18n/i18n.js';

export function LanguageSelect({ label = t('nav.language') }: { label?: string }) {
  return (
    <label class="inline">
      {label}{' '}
      <select value={language.value} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
