// Look-ups a renderer uses: by IoT Hub code, by HTTP class when no code is known, and by kind for
// failures that are not an IoT Hub fault.

import type { Locale } from '../../core/locale.ts';
import type { ErrorText, ErrorTextCatalog } from './types.ts';
import type { NotIotHubKind } from './kinds.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { httpClassesEn, notIotHubEn } from './families-en.ts';
import { httpClassesFr, notIotHubFr } from './families-fr.ts';

export type { NotIotHubKind } from './kinds.ts';
export { NOT_IOTHUB_KINDS, HTTP_CLASSES } from './kinds.ts';

const byCode: Readonly<Record<Locale, ErrorTextCatalog>> = { en, fr };
const byHttpClass: Readonly<Record<Locale, ErrorTextCatalog>> = { en: httpClassesEn, fr: httpClassesFr };
const byKind: Readonly<Record<Locale, Readonly<Record<NotIotHubKind, ErrorText>>>> = { en: notIotHubEn, fr: notIotHubFr };

function own<K extends PropertyKey, V>(table: Readonly<Record<K, V>>, key: K): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The explanation of a 6-digit IoT Hub code; undefined when the code is not in the catalog. */
export function errorText(locale: Locale, code: number): ErrorText | undefined {
  return own(byCode[locale], code);
}

/** The explanation of an HTTP class when no 6-digit code is known; undefined for classes without one. */
export function httpClassText(locale: Locale, httpStatus: number): ErrorText | undefined {
  return own(byHttpClass[locale], httpStatus);
}

/** The explanation of a failure that is not an IoT Hub fault. */
export function notIotHubText(locale: Locale, kind: NotIotHubKind): ErrorText {
  return byKind[locale][kind];
}
