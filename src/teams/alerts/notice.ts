// The answer card of the alert commands (cards/alert-notice.json): what is now true, then how it works.
import type { Locale } from '../../core/locale.ts';
import { uiStrings } from '../../i18n/index.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { expandCard } from '../cards/templates.ts';
import type { TextColor } from '../cards/view-types.ts';

export interface NoticeLine {
  /** Our own localised text (values in it already escaped). */
  text: string;
  color?: TextColor;
}

export function renderAlertNotice(input: { locale: Locale; demo: boolean; lines: readonly NoticeLine[]; notes?: readonly string[] }): AdaptiveCard {
  return expandCard('alert-notice', {
    t: uiStrings(input.locale),
    demo: input.demo,
    title: uiStrings(input.locale).alerts.subscriptions.title,
    lines: input.lines.map((line) => ({ text: line.text, color: line.color ?? 'default' })),
    notes: (input.notes ?? []).map((text) => ({ text })),
  });
}
