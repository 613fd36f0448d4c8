import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  HTTP_CLASSES,
  NOT_IOTHUB_KINDS,
  httpClassText,
  notIotHubText,
  type NotIotHubKind,
} from '#src/i18n/errors/families.ts';
import type { ErrorText } from '#src/i18n/errors/types.ts';
import { MAX_ACTIONS, MAX_ACTION_CHARS, MAX_CAUSE_CHARS, MAX_TITLE, fieldsOf, frenchTypographyProblems, markupProblems, sentenceCount } from './text-rules.ts';

function checkShape(text: ErrorText, where: string): void {
  assert.ok(text.title.trim() !== '' && text.title.length <= MAX_TITLE, `${where}: title`);
  assert.ok(text.cause.trim() !== '' && text.cause.length <= MAX_CAUSE_CHARS, `${where}: cause`);
  const sentences = sentenceCount(text.cause);
  assert.ok(sentences >= 1 && sentences <= 3, `${where}: cause has ${sentences} sentences`);
  assert.ok(text.actions.length >= 1 && text.actions.length <= MAX_ACTIONS, `${where}: actions`);
  for (const action of text.actions) assert.ok(action.trim() !== '' && action.length <= MAX_ACTION_CHARS, `${where}: action`);
  for (const field of fieldsOf(text)) assert.deepEqual(markupProblems(field), [], `${where}: ${field}`);
}

function checkPair(en: ErrorText, fr: ErrorText, where: string): void {
  checkShape(en, `en ${where}`);
  checkShape(fr, `fr ${where}`);
  assert.notEqual(fr.title, en.title, `${where}: title not translated`);
  assert.notEqual(fr.cause, en.cause, `${where}: cause not translated`);
  for (const action of fr.actions) assert.ok(!en.actions.includes(action), `${where}: action not translated`);
  assert.equal(fr.transientNote === undefined, en.transientNote === undefined, `${where}: transientNote presence differs`);
  for (const field of fieldsOf(fr)) assert.deepEqual(frenchTypographyProblems(field), [], `fr ${where}: ${field}`);
}

describe('HTTP class texts', () => {
  it('cover exactly the classes the renderer may ask for', () => {
    assert.deepEqual([...HTTP_CLASSES], [400, 401, 403, 404, 408, 409, 412, 413, 429, 500, 502, 503, 504]);
  });

  for (const status of HTTP_CLASSES) {
    it(`HTTP ${status} has English and French text`, () => {
      const en = httpClassText('en', status);
      const fr = httpClassText('fr', status);
      assert.ok(en && fr, `missing text for HTTP ${status}`);
      checkPair(en, fr, `HTTP ${status}`);
      assert.ok(en.title.includes(String(status)) && fr.title.includes(String(status)), 'the title names the status');
    });
  }

  it('transient classes carry a retry note, caller-side classes do not', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) assert.ok(httpClassText('en', status)?.transientNote, `HTTP ${status}`);
    for (const status of [400, 401, 403, 404, 409, 412, 413]) assert.equal(httpClassText('en', status)?.transientNote, undefined, `HTTP ${status}`);
  });

  it('is undefined for a class without its own text, and for inherited object keys', () => {
    assert.equal(httpClassText('en', 418), undefined);
    assert.equal(httpClassText('fr', 200), undefined);
    assert.equal(httpClassText('en', Number('constructor')), undefined);
  });

  it('HTTP 500 and 503 give the service-side guidance in both locales', () => {
    for (const status of [500, 503]) {
      const en = fieldsOf(httpClassText('en', status) as ErrorText).join(' ');
      const fr = fieldsOf(httpClassText('fr', status) as ErrorText).join(' ');
      assert.match(en, /backoff/i);
      assert.match(en, /Resource Health/);
      assert.match(en, /support/i);
      assert.match(fr, /backoff/i);
      assert.match(fr, /Resource Health/);
      assert.match(fr, /support Azure/);
    }
  });
});

describe('not-IoT Hub texts', () => {
  it('cover the eight kinds', () => {
    const expected: NotIotHubKind[] = [
      'dns',
      'connection-refused',
      'connection-reset',
      'tls',
      'local-identity-service',
      'client-size-check',
      'timeout-client',
      'generic-network',
    ];
    assert.deepEqual([...NOT_IOTHUB_KINDS], expected);
  });

  for (const kind of NOT_IOTHUB_KINDS) {
    it(`${kind} has English and French text`, () => {
      checkPair(notIotHubText('en', kind), notIotHubText('fr', kind), kind);
    });
  }

  it('every kind has its own title', () => {
    for (const locale of ['en', 'fr'] as const) {
      const titles = NOT_IOTHUB_KINDS.map((kind) => notIotHubText(locale, kind).title);
      assert.equal(new Set(titles).size, titles.length, locale);
    }
  });

  it('says these are not hub faults where that is the whole point', () => {
    assert.match(notIotHubText('en', 'dns').cause, /not a hub fault/);
    assert.match(notIotHubText('fr', 'dns').cause, /pas une panne du hub/);
    assert.match(notIotHubText('en', 'client-size-check').cause, /Nothing was sent to the hub/);
    assert.match(notIotHubText('fr', 'client-size-check').cause, /Rien n’a été envoyé au hub/);
  });
});
