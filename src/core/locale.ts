// The languages the bot speaks. Teams sends activity.locale ("fr-FR", "fr-ca", "en-US"); the bot speaks
// English and French and falls back to English.

export type Locale = 'en' | 'fr';

const DEFAULT_LOCALE: Locale = 'en';

/** "fr-FR", "fr-ca", "FR_be", "fr" → 'fr'; anything else (including nothing) → 'en'. */
export function selectLocale(activityLocale: string | null | undefined): Locale {
  const language = (activityLocale ?? '').trim().toLowerCase().split(/[-_]/, 1)[0];
  return language === 'fr' ? 'fr' : DEFAULT_LOCALE;
}
