// The cards over the real diagnosis pipeline: the dev corpus, pasted secrets, hostile pastes and
// pastes built to blow the size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { renderDiagnosisCard, renderNothingRecognisedCard, CARD_BYTE_LIMIT } from '#src/teams/cards/index.ts';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import { assertWellFormedCard, byteLength, cardText, healthOk, markdownTexts } from '#test/support/card-helpers.ts';

interface CorpusCase { url: string; shape: string; text: string }
const corpus = JSON.parse(readFileSync(new URL('../../../fixtures/pasted-errors.dev.json', import.meta.url), 'utf8')) as CorpusCase[];

function card(text: string, locale: 'en' | 'fr' = 'en'): AdaptiveCard {
  const diagnosis = diagnose(text);
  if (diagnosis.findings.length === 0) return renderNothingRecognisedCard(locale, true, diagnosis.inputChars);
  return renderDiagnosisCard({ diagnosis, locale, demo: true, hub: { kind: 'health', result: healthOk() }, advice: { kind: 'retry-hub-healthy', availabilityState: 'Available' } });
}

test('every paste of the dev corpus renders a valid card in en and fr', () => {
  assert.ok(corpus.length >= 20);
  let recognised = 0;
  for (const paste of corpus) {
    for (const locale of ['en', 'fr'] as const) {
      const rendered = card(paste.text, locale);
      assertWellFormedCard(rendered, `${locale}: ${paste.shape}`);
      assert.ok(byteLength(rendered) < CARD_BYTE_LIMIT);
      if (locale === 'en' && cardText(rendered).includes(uiStrings('en').diagnosis.cardTitle)) recognised++;
    }
  }
  assert.ok(recognised >= corpus.length * 0.8, `${recognised} of ${corpus.length} pastes got a diagnosis card`);
});

test('pasted keys, SAS signatures and tokens never reach the card; the warning names their kinds', () => {
  const key = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LWtleTE=';
  const sig = 'q1w2e3r4t5y6u7i8o9p0AbCdEfGhIjKlMnOpQrStUvW%3D';
  const bearer = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVlLWhlcmU';
  const paste = [
    `HostName=contoso.azure-devices.net;DeviceId=dev-7;SharedAccessKey=${key}`,
    `SharedAccessSignature sr=contoso.azure-devices.net%2Fdevices%2Fdev-7&sig=${sig}&se=1767700000`,
    `Authorization: Bearer ${bearer}`,
    '{"errorCode":401002,"trackingId":"7f1c-G:5-TimeStamp:01/06/2026 10:00:00","message":"IotHubUnauthorizedAccess"}',
  ].join('\n');
  for (const locale of ['en', 'fr'] as const) {
    const rendered = card(paste, locale);
    const json = JSON.stringify(rendered);
    for (const secret of [key, sig, bearer, key.slice(0, 16), sig.slice(0, 16), bearer.slice(0, 24)]) assert.ok(!json.includes(secret), `${locale}: secret leaked`);
    const text = cardText(rendered);
    const t = uiStrings(locale).diagnosis;
    assert.ok(text.includes(t.secretsHeading), `${locale}: warning`);
    assert.ok(text.includes(t.secretKinds['shared-access-key']), `${locale}: kind named`);
    assert.ok(text.includes('401002'));
  }
});

test('a hostile paste through the real pipeline comes out inert', () => {
  const paste = 'ErrorCode:500001 ServerError DeviceId=[click](https://evil) <at>Alice</at> **bold** ${root} ![x](http://x) HostName=evil.azure-devices.net';
  for (const locale of ['en', 'fr'] as const) {
    const rendered = card(paste, locale);
    assertWellFormedCard(rendered, locale);
    for (const text of markdownTexts(rendered)) {
      const seen = text.replace(/\\[\s\S]/g, '');
      assert.doesNotMatch(seen, /\]\(|<\/?at>|\*\*bold\*\*|\$\{/, text);
    }
  }
});

test('pastes built to blow the budget stay under 28,000 bytes: thousands of codes, ids, 1 MB lines, unicode', () => {
  const codes = Array.from({ length: 3000 }, (_, i) => `2026-01-06T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z ErrorCode:${400000 + (i % 120)} DeviceId=dev-${i} trackingId=${i.toString(16).padStart(32, 'a')}-G:${i}`).join('\n');
  const unicodeIds = Array.from({ length: 2000 }, (_, i) => `ErrorCode:500001 DeviceId=${'😀中'.repeat(100)}${i} ModuleId=${'𝔘'.repeat(150)}${i}`).join('\n');
  const megaLine = `ErrorCode:500001 DeviceId=${'x'.repeat(1024 * 1024)} ${'[a](b)'.repeat(50_000)}`;
  for (const [name, paste] of [['codes', codes], ['unicode ids', unicodeIds], ['1 MB line', megaLine]] as const) {
    for (const locale of ['en', 'fr'] as const) {
      const rendered = card(paste, locale);
      const size = byteLength(rendered);
      assert.ok(size < CARD_BYTE_LIMIT, `${name}/${locale}: ${size} bytes`);
      assertWellFormedCard(rendered, `${name}/${locale}`);
    }
  }
});
