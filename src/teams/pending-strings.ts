// TEMPORARY: bot replies that have no key in src/i18n yet (that table belongs to another area). Move these
// into src/i18n/ui (en/fr) and delete this file; the bot reads them only through botStrings().
import type { Locale } from '../core/locale.ts';

interface BotStrings {
  /** `status` / `audit` before the failover workflow is wired. */
  failoverNotYetAvailable: string;
  /** A card button whose verb the bot does not handle (yet). */
  actionNotAvailable: string;
  /** A card button pressed while the bot could not finish the action. */
  actionFailed: string;
}

const strings: Record<Locale, BotStrings> = {
  en: {
    failoverNotYetAvailable: 'Failover requests and their audit trail are coming with the failover workflow: this bot does not run failovers yet.',
    actionNotAvailable: 'This action is not available on this bot yet.',
    actionFailed: 'Something went wrong: the action was not completed. Please try again in a moment.',
  },
  fr: {
    failoverNotYetAvailable: 'Les demandes de basculement et leur journal arrivent avec le circuit de basculement : ce bot n’exécute pas encore de basculement.',
    actionNotAvailable: 'Cette action n’est pas encore disponible sur ce bot.',
    actionFailed: 'Un problème s’est produit : l’action n’a pas abouti. Réessayez dans un instant.',
  },
};

export function botStrings(locale: Locale): BotStrings {
  return strings[locale];
}
