import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import catalog from '#src/diagnosis/catalog/iothub-error-codes.json' with { type: 'json' };
import { akaMsUrl, docUrl } from '#src/i18n/errors/docs.ts';

describe('docUrl', () => {
  it('points at the per-code troubleshooting page when there is one', () => {
    assert.equal(docUrl(404103), 'https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-404103-devicenotonline');
    assert.equal(docUrl(500001), 'https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-500xxx-internal-errors');
  });

  it('points at the shared error-code page otherwise', () => {
    assert.equal(docUrl(400000), 'https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes');
  });

  it('is null for codes without a page and for unknown codes', () => {
    assert.equal(docUrl(500002), null);
    assert.equal(docUrl(404015), null);
    assert.equal(docUrl(123456), null);
  });

  it('agrees with the catalog for every code', () => {
    for (const entry of catalog) {
      const url = docUrl(entry.code);
      if (entry.docPage === null) assert.equal(url, null, String(entry.code));
      else assert.equal(url, `https://learn.microsoft.com/azure/iot-hub/${entry.docPage}`, String(entry.code));
    }
  });
});

describe('akaMsUrl', () => {
  it('gives the short link the service prints for codes with their own page', () => {
    assert.equal(akaMsUrl(404103), 'https://aka.ms/iothub404103');
    assert.equal(akaMsUrl(403004), 'https://aka.ms/iothub403004');
    assert.equal(akaMsUrl(400027), 'https://aka.ms/iothub400027');
  });

  it('is null for the shared page, the 500xxx family page, codes without a page and unknown codes', () => {
    assert.equal(akaMsUrl(400000), null);
    assert.equal(akaMsUrl(404012), null);
    assert.equal(akaMsUrl(500001), null);
    assert.equal(akaMsUrl(500002), null);
    assert.equal(akaMsUrl(999999), null);
  });

  it('exists exactly for the codes whose page is named after them', () => {
    const withShortLink = catalog.filter((entry) => akaMsUrl(entry.code) !== null).map((entry) => entry.code);
    assert.deepEqual(withShortLink, [400027, 401003, 403002, 403004, 403006, 404001, 404103, 404104, 409001, 409002, 412002, 429001, 503003, 504101]);
    for (const code of withShortLink) assert.ok(docUrl(code)?.includes(String(code)), String(code));
  });
});
