// French typography applied once, when a French table is built, so the source stays readable and
// every French string follows the same rules: a no-break space before ; : ! ? and inside « »,
// and the typographic apostrophe.

import type { ErrorText } from './types.ts';
import { freezeTexts } from './freeze.ts';

const NBSP = '\u00a0';

export function frenchTypography(text: string): string {
  return text
    .replace(/ +([;:!?»])/g, `${NBSP}$1`)
    .replace(/« +/g, `«${NBSP}`)
    .replace(/'/g, '\u2019');
}

export function frenchErrorText(text: ErrorText): ErrorText {
  const result: ErrorText = {
    title: frenchTypography(text.title),
    cause: frenchTypography(text.cause),
    actions: text.actions.map(frenchTypography),
  };
  if (text.transientNote !== undefined) result.transientNote = frenchTypography(text.transientNote);
  return result;
}

/** Applies French typography to every text of a table, then freezes it. */
export function frenchTexts<K extends string | number>(entries: Record<K, ErrorText>): Readonly<Record<K, ErrorText>> {
  const out = {} as Record<K, ErrorText>;
  for (const key of Object.keys(entries) as K[]) out[key] = frenchErrorText(entries[key]);
  return freezeTexts(out);
}
