import type { Locale } from '../../core/locale.ts';
import { fill, uiStrings } from '../../i18n/index.ts';
import { echo } from './escape.ts';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A timestamp for a card: ISO 8601 with a zone becomes "2026-01-06 10:12:03 UTC" (the same for every
 * reader, and what a support ticket wants); anything else, including a time without a zone, is echoed
 * as seen (escaped, short), since calling it UTC would be a guess.
 */
export function formatTime(locale: Locale, value: string): string {
  const utc = toUtc(value);
  return utc === null ? echo(value, 40) : fill(uiStrings(locale).common.utc, { time: utc });
}

/** "2026-01-06 10:12:03" for an ISO 8601 timestamp with a zone, else null. */
export function toUtc(value: string): string | null {
  const text = value.trim();
  if (!ISO_WITH_ZONE.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
