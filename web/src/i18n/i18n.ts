/**
 * The language: the user's choice (remembered in localStorage), else the browser's first language we
 * have, else English. `t` fills {placeholders}; reason descriptions come from the taxonomy table itself.
 */
import { signal } from '@preact/signals';
import { REASONS, type Reason } from '../../../src/classify/reasons.js';
import { en, type Catalogue, type MessageKey } from './en.js';
import { fr } from './fr.js';

export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
export type Language = keyof typeof LANGUAGES;
const CATALOGUES: Record<Language, Catalogue> = { en, fr };
const STORAGE_KEY = 'rebound.language';

function isLanguage(value: string | null | undefined): value is Language {
  return value !== null && value !== undefined && value in LANGUAGES;
}

export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export const language = signal<Language>(
  initialLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages),
);

export function setLanguage(next: Language): void {
  localStorage.setItem(STORAGE_KEY, next);
  language.value = next;
}

export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = CATALOGUES[language.value][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function reasonText(reason: string | null): string {
  if (reason === null) return '';
  const spec = REASONS[reason as Reason] as (typeof REASONS)[Reason] | undefined;
  return spec === undefined ? reason : spec[language.value];
}

export function formatDate(iso: string, withTime = true): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(language.value, options).format(new Date(iso));
}

export function formatPercent(rate: number): string {
  return new Intl.NumberFormat(language.value, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(language.value).format(n);
}
