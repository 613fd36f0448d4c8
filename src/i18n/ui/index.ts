import type { Locale } from '../../core/locale.ts';
import { frenchTypography } from '../errors/typography.ts';
import { en } from './en.ts';
import type { UiStrings } from './en.ts';
import { fr } from './fr.ts';

export type { UiStrings } from './en.ts';
export type { PluralForms } from './format.ts';
export { fill, plural, formatCount } from './format.ts';

/** Applies a text transform to every string of a table, keeping its shape. */
function mapStrings<T>(value: T, transform: (text: string) => string): T {
  if (typeof value === 'string') return transform(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, transform)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, transform);
    return out as T;
  }
  return value;
}

// French typography (no-break space before ; : ! ?, typographic apostrophe) is applied once here,
// the same way as for the error explanations, so the source table stays easy to edit.
const tables: Record<Locale, UiStrings> = { en, fr: mapStrings(fr, frenchTypography) };

/** The card strings for a locale. */
export function uiStrings(locale: Locale): UiStrings {
  return tables[locale];
}
