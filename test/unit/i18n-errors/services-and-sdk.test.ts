// The texts for another service's error (where to look instead, never a hub failover) and for the SDK version a
// paste shows (whether that version retries the error), in English and French, under the shared text rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RetryAnswer, RetryErrorClass } from '#src/diagnosis/sdk-retry-facts.ts';
import { SDK_RETRY_FACTS, SDK_RETRY_FACTS_CHECKED } from '#src/diagnosis/sdk-retry-facts.ts';
import type { LookalikeService } from '#src/diagnosis/types.ts';
import { sdkVersionNote, serviceDocLink, serviceText, serviceVerdict } from '#src/i18n/errors/index.ts';
import { MAX_ACTIONS, MAX_ACTION_CHARS, MAX_CAUSE_CHARS, MAX_TITLE, fieldsOf, frenchTypographyProblems, markupProblems, sentenceCount } from './text-rules.ts';

const SERVICES: readonly LookalikeService[] = ['event-hubs', 'service-bus', 'storage', 'dps'];

describe('texts for another Azure service', () => {
  for (const service of SERVICES) {
    it(`${service}: names the service, where to look, and that a hub failover would not help, in both locales`, () => {
      const en = serviceText('en', service);
      const fr = serviceText('fr', service);
      for (const [locale, text] of [['en', en], ['fr', fr]] as const) {
        assert.ok(text.title.length > 0 && text.title.length <= MAX_TITLE, `${locale} title`);
        assert.ok(text.cause.length <= MAX_CAUSE_CHARS && sentenceCount(text.cause) <= 3, `${locale} cause`);
        assert.ok(text.actions.length >= 2 && text.actions.length <= MAX_ACTIONS, `${locale} actions`);
        for (const action of text.actions) assert.ok(action.length <= MAX_ACTION_CHARS);
        for (const field of fieldsOf(text)) assert.deepEqual(markupProblems(field), [], `${locale}: ${field}`);
        assert.equal(text.transientNote, undefined, 'no retry note: the hub is not the one to retry');
        assert.doesNotMatch(text.actions.join(' '), /fail ?over|bascul/i, `${locale}: never a failover step`);
      }
      for (const field of [...fieldsOf(fr), serviceVerdict('fr', service), serviceDocLink('fr', service).title]) assert.deepEqual(frenchTypographyProblems(field), [], field);
      assert.match(en.cause, /a hub failover would not help/);
      assert.match(fr.cause, /un basculement du hub n’aiderait pas/);
      assert.notEqual(fr.title, en.title);
      assert.match(serviceVerdict('en', service), /^Not IoT Hub: /);
      assert.match(serviceVerdict('fr', service), /^Pas IoT Hub\u00a0: /);
      const link = serviceDocLink('en', service);
      assert.match(link.url, /^https:\/\/learn\.microsoft\.com\//);
      assert.equal(serviceDocLink('fr', service).url, link.url);
    });
  }
});

describe('the SDK version line', () => {
  const sdk = { name: 'iot-device-client', version: '2.1.4' };
  const row = SDK_RETRY_FACTS[0];
  assert.ok(row);
  const answers: [RetryAnswer, RegExp, RegExp][] = [
    [{ kind: 'yes', fact: row }, /This version retries an HTTP 500 by default \(facts checked \d{4}-\d{2}-\d{2}\)\./, /Cette version réessaie par défaut un HTTP 500/],
    [{ kind: 'no', fact: row }, /This version does not retry an HTTP 500 by default/, /Cette version ne réessaie pas par défaut un HTTP 500/],
    [{ kind: 'unknown' }, /Unknown: the table of checked facts does not say whether this version retries an HTTP 500\./, /Inconnu\u00a0: la table des faits vérifiés/],
  ];
  for (const [answer, en, fr] of answers) {
    it(`says ${answer.kind}, naming the SDK and version, in both locales`, () => {
      const errorClass: RetryErrorClass = 'server-error';
      const textEn = sdkVersionNote('en', sdk, errorClass, answer);
      const textFr = sdkVersionNote('fr', sdk, errorClass, answer);
      assert.match(textEn, /^SDK in the paste: iot-device-client 2\.1\.4\. /);
      assert.match(textFr, /^SDK dans le collage\u00a0: iot-device-client 2\.1\.4\. /);
      assert.match(textEn, en);
      assert.match(textFr, fr);
      assert.deepEqual(markupProblems(textEn), []);
      assert.deepEqual(markupProblems(textFr), []);
      assert.deepEqual(frenchTypographyProblems(textFr), []);
      if (answer.kind !== 'unknown') assert.ok(textEn.includes(SDK_RETRY_FACTS_CHECKED));
    });
  }

  it('only names the SDK when there is no error class to ask about', () => {
    assert.equal(sdkVersionNote('en', sdk, null, { kind: 'unknown' }), 'SDK in the paste: iot-device-client 2.1.4.');
    assert.equal(sdkVersionNote('fr', sdk, null, { kind: 'unknown' }), 'SDK dans le collage\u00a0: iot-device-client 2.1.4.');
  });
});
