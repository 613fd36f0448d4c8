// Links to Microsoft's troubleshooting pages, built from the catalog's docPage. Texts never carry
// URLs themselves; the renderer adds these.

import catalog from '../../diagnosis/catalog/iothub-error-codes.json' with { type: 'json' };

const LEARN_IOT_HUB = 'https://learn.microsoft.com/azure/iot-hub/';

const docPages: ReadonlyMap<number, string> = new Map(
  catalog.flatMap((entry): [number, string][] => (entry.docPage === null ? [] : [[entry.code, entry.docPage]])),
);

/** The troubleshooting page for a code (learn.microsoft.com picks the reader's language), or null. */
export function docUrl(code: number): string | null {
  const page = docPages.get(code);
  return page === undefined ? null : `${LEARN_IOT_HUB}${page}`;
}

/**
 * The aka.ms short link the service itself prints for a code (aka.ms/iothub404103), only for codes
 * with a page named after that very code. Family pages (500xxx) and the shared error-code page have none.
 */
export function akaMsUrl(code: number): string | null {
  const page = docPages.get(code);
  return page !== undefined && page.startsWith(`iot-hub-troubleshoot-error-${code}-`) ? `https://aka.ms/iothub${code}` : null;
}
