import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import catalog from '#src/diagnosis/catalog/iothub-error-codes.json' with { type: 'json' };
import { errorText } from '#src/i18n/errors/families.ts';
import { SDK_RETRY_CLASSES, sdkRetryNote } from '#src/i18n/errors/sdk-retry.ts';
import type { ErrorText } from '#src/i18n/errors/types.ts';
import { allText, frenchTypographyProblems, markupProblems } from './text-rules.ts';

function body(locale: 'en' | 'fr', code: number): string {
  const text: ErrorText | undefined = errorText(locale, code);
  assert.ok(text, `${locale} ${code} missing`);
  return allText(text);
}

describe('500xxx guidance', () => {
  it('500001 mentions backoff, Resource Health and support in English', () => {
    const en = body('en', 500001);
    assert.match(en, /exponential backoff and jitter/);
    assert.match(en, /Resource Health/);
    assert.match(en, /Azure status page/);
    assert.match(en, /manual failover only if/);
    assert.match(en, /support request with the tracking id and the UTC timestamp/);
  });

  it('500001 mentions backoff, Resource Health and support in French', () => {
    const fr = body('fr', 500001);
    assert.match(fr, /backoff exponentiel/);
    assert.match(fr, /Resource Health/);
    assert.match(fr, /page d’état Azure/);
    assert.match(fr, /basculement manuel que si/);
    assert.match(fr, /demande de support Azure/);
    assert.match(fr, /identifiant de suivi/);
    assert.match(fr, /UTC/);
  });

  it('500001 names which SDKs retry it by default and which do not, in both locales', () => {
    for (const locale of ['en', 'fr'] as const) {
      const text = body(locale, 500001);
      for (const fact of ['ServerErrorException', 'InternalServerError', '1.2.0', 'iot-device-client 2.1.5', '10 s']) {
        assert.ok(text.includes(fact), `${locale}: ${fact}`);
      }
    }
    // Corrected against the SDK sources: Node retries InternalServerError since 1.2.0; the service SDKs never retry.
    assert.doesNotMatch(body('en', 500001), /Node does not/);
    assert.match(body('en', 500001), /\.NET and Java service SDKs never retry/);
    assert.match(body('fr', 500001), /SDK service \.NET et Java ne réessaient jamais/);
  });

  it('every transient 500xxx code is marked as on the service side (500007 blames the storage account instead)', () => {
    const transient500 = catalog.filter((entry) => entry.httpStatus === 500 && entry.transient === true && entry.code !== 500007);
    assert.ok(transient500.length >= 5);
    for (const entry of transient500) {
      assert.match(errorText('en', entry.code)?.transientNote ?? '', /service side/, `en ${entry.code}`);
      assert.match(errorText('fr', entry.code)?.transientNote ?? '', /côté service/, `fr ${entry.code}`);
    }
  });
});

describe('other service-side and limit guidance', () => {
  it('429xxx: back off, SDKs retry, scale units or tier', () => {
    for (const entry of catalog.filter((e) => e.httpStatus === 429)) {
      const en = body('en', entry.code);
      const fr = body('fr', entry.code);
      assert.match(en, /[Bb]ack off|retry/, `en ${entry.code}`);
      assert.match(en, /ThrottlingError/, `en ${entry.code}: SDK behaviour`);
      assert.match(fr, /Ralentissez|backoff|Réduisez|Attendez/, `fr ${entry.code}`);
      assert.match(fr, /ThrottlingError/, `fr ${entry.code}: SDK behaviour`);
    }
    assert.match(body('en', 429001), /add units or move the hub to a higher tier/);
    assert.match(body('fr', 429001), /ajoutez des unités ou passez le hub à un niveau tarifaire supérieur/);
  });

  it('403002: the quota resets at the next UTC day', () => {
    assert.match(body('en', 403002), /00:00 UTC/);
    assert.match(body('en', 403002), /add units/);
    assert.match(body('fr', 403002), /0 h UTC/);
    assert.match(body('fr', 403002), /ajoutez des unités/);
  });

  it('404012: wait for the failover in progress, do not start another', () => {
    assert.match(body('en', 404012), /Do not start another failover/);
    assert.match(body('fr', 404012), /Ne lancez pas d’autre basculement/);
  });

  it('503xxx transient codes: retry with backoff, Resource Health, support', () => {
    for (const entry of catalog.filter((e) => e.httpStatus === 503 && e.transient === true)) {
      assert.match(body('en', entry.code), /backoff/, `en ${entry.code}`);
      assert.match(body('en', entry.code), /Resource Health/, `en ${entry.code}`);
      assert.match(body('en', entry.code), /support request/, `en ${entry.code}`);
      assert.match(body('fr', entry.code), /backoff/, `fr ${entry.code}`);
      assert.match(body('fr', entry.code), /Resource Health/, `fr ${entry.code}`);
      assert.match(body('fr', entry.code), /support Azure/, `fr ${entry.code}`);
    }
  });

  it('504101: device handler duration, response timeout, old .NET SDK', () => {
    assert.match(body('en', 504101), /response timeout/);
    assert.match(body('en', 504101), /1\.19\.0/);
    assert.match(body('fr', 504101), /délai de réponse/);
    assert.match(body('fr', 504101), /1\.19\.0/);
  });
});

describe('sdkRetryNote', () => {
  it('has one sentence per transient class, in both locales', () => {
    assert.deepEqual([...SDK_RETRY_CLASSES].sort(), [408, 429, 500, 502, 503, 504]);
    for (const status of SDK_RETRY_CLASSES) {
      const en = sdkRetryNote('en', status);
      const fr = sdkRetryNote('fr', status);
      assert.ok(en && fr, `HTTP ${status}`);
      assert.notEqual(en, fr);
      assert.equal(en.match(/\.(\s|$)/g)?.length, 1, `en ${status}: one sentence`);
      assert.equal(fr.match(/\.(\s|$)/g)?.length, 1, `fr ${status}: one sentence`);
      assert.deepEqual(markupProblems(en), []);
      assert.deepEqual(markupProblems(fr), []);
      assert.deepEqual(frenchTypographyProblems(fr), []);
    }
  });

  it('is undefined for caller-side classes', () => {
    for (const status of [400, 401, 403, 404, 409, 412, 413]) {
      assert.equal(sdkRetryNote('en', status), undefined);
      assert.equal(sdkRetryNote('fr', status), undefined);
    }
  });

  it('states the SDK facts as read at release tags: Node retries 500 since 1.2.0, Java only since 2.1.5, nobody retries a 504 by default but msrest', () => {
    assert.match(sdkRetryNote('en', 500) ?? '', /ServerErrorException\) and Node \(InternalServerError, since 1\.2\.0\) retry it by default/);
    assert.match(sdkRetryNote('en', 500) ?? '', /Java only since iot-device-client 2\.1\.5/);
    assert.doesNotMatch(sdkRetryNote('en', 500) ?? '', /Node does not/);
    assert.match(sdkRetryNote('fr', 500) ?? '', /Java seulement depuis iot-device-client 2\.1\.5/);
    assert.match(sdkRetryNote('en', 504) ?? '', /GatewayTimeoutError/);
    assert.match(sdkRetryNote('en', 504) ?? '', /Python service SDK tries 3 times/);
    assert.match(sdkRetryNote('en', 503) ?? '', /ServiceUnavailableError/);
    assert.match(sdkRetryNote('en', 429) ?? '', /10 to 60 s/);
    assert.match(sdkRetryNote('en', 429) ?? '', /Python service SDK does not/);
    assert.match(sdkRetryNote('en', 408) ?? '', /not retried by default in Node \(DeviceTimeoutError/);
  });
});
