import type { ErrorText } from './types.ts';

/** Freezes a table of texts (and each text) so no caller can alter a shared explanation. */
export function freezeTexts<K extends string | number>(entries: Record<K, ErrorText>): Readonly<Record<K, ErrorText>> {
  for (const key of Object.keys(entries) as K[]) {
    const text = entries[key];
    Object.freeze(text.actions);
    Object.freeze(text);
  }
  return Object.freeze(entries);
}
