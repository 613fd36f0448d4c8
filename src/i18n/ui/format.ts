// Placeholders and plurals for the UI string tables.
import type { Locale } from '../../core/locale.ts';

/** A string with a singular and a plural form (the languages' rules: French uses the singular below 2, English for 1 only). */
export interface PluralForms {
  one: string;
  other: string;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The form Intl.PluralRules picks for n ('one', or any other category: the plural). */
export function plural(locale: Locale, n: number, forms: PluralForms): string {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return fill(rules.select(n) === 'one' ? forms.one : forms.other, { n: formatCount(locale, n) });
}

/**
 * Replaces `{name}` placeholders. Values are inserted as given (escape untrusted ones first) and never
 * re-scanned, so a value that itself contains `{name}` stays literal. Unknown placeholders stay visible.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

// Building an Intl.NumberFormat loads locale data and costs far more than formatting with one (a profile
// showed 7% of a bot turn in it): one per language tag (two at most), made on first use and kept.
const countFormats = new Map<string, Intl.NumberFormat>();

/** 12345 → "12,345" (en) or "12 345" (fr, narrow no-break space). */
export function formatCount(locale: Locale, n: number): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-US';
  let format = countFormats.get(tag);
  if (format === undefined) {
    format = new Intl.NumberFormat(tag);
    countFormats.set(tag, format);
  }
  return format.format(n);
}
