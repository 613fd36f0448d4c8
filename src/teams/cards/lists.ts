import type { Locale } from '../../core/locale.ts';
import { plural, uiStrings } from '../../i18n/index.ts';
import { echo } from './escape.ts';

// Two values are the same when their first KEY_CHARS characters match, ignoring case (host names and
// ids compare that way). The prefix keeps a paste of huge values from costing more than a bounded scan.
const KEY_CHARS = 256;
const distinctCache = new WeakMap<readonly string[], string[]>();

/** Distinct values, first occurrence kept. Cached per array: a card is rendered once per budget step. */
export function distinct(values: readonly string[]): string[] {
  const cached = distinctCache.get(values);
  if (cached !== undefined) return cached;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.slice(0, KEY_CHARS).toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  distinctCache.set(values, out);
  return out;
}

/** "+3 more" in the reader's language. */
export function moreText(locale: Locale, remaining: number): string {
  return plural(locale, remaining, uiStrings(locale).common.more);
}

/**
 * Untrusted values for one markdown line: the first `max` escaped and cut to `chars`, then "+N more".
 * Empty string when there is nothing to show.
 */
export function echoList(locale: Locale, values: readonly string[], max: number, chars: number): string {
  const unique = distinct(values);
  const shown = unique.slice(0, Math.max(1, max)).map((value) => echo(value, chars));
  const remaining = unique.length - shown.length;
  const list = shown.join(uiStrings(locale).common.listSeparator);
  return remaining > 0 ? `${list} (${moreText(locale, remaining)})` : list;
}

/** Hosts render at most 5 actions per ActionSet: buttons are laid out in rows of ACTIONS_PER_ROW. */
export const ACTIONS_PER_ROW = 5;

export function rowsOf<T>(items: readonly T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += ACTIONS_PER_ROW) rows.push(items.slice(i, i + ACTIONS_PER_ROW));
  return rows;
}
