// Locale selection and the UI string tables. Teams sends activity.locale ("fr-FR", "fr-ca", "en-US");
// the bot speaks English and French and falls back to English.
import type { Locale } from '../diagnosis/types.ts';

export type { Locale } from '../diagnosis/types.ts';
export { uiStrings, fill, plural, formatCount } from './ui/index.ts';
export type { UiStrings, PluralForms } from './ui/index.ts';

export const LOCALES: readonly Locale[] = ['en', 'fr'];
export const DEFAULT_LOCALE: Locale = 'en';

/** "fr-FR", "fr-ca", "FR_be", "fr" → 'fr'; anything else (including nothing) → 'en'. */
export function selectLocale(activityLocale: string | null | undefined): Locale {
  const language = (activityLocale ?? '').trim().toLowerCase().split(/[-_]/, 1)[0];
  return language === 'fr' ? 'fr' : DEFAULT_LOCALE;
}
