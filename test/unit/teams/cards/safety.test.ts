// What a paste (or Azure) can put on a card: nothing that renders as a link, image, mention, emphasis
// or template expression, and never more than 28,000 bytes, whatever it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hub, HubHealthResult, ServiceEvent } from '#src/diagnosis/hub.ts';
import { SECRET_KIND_ORDER } from '#src/diagnosis/redact.ts';
import type { Diagnosis, Finding } from '#src/diagnosis/types.ts';
import type { Locale } from '#src/core/locale.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { renderDiagnosisCard, renderHealthCard, renderHubChoiceCard, CARD_BYTE_LIMIT } from '#src/teams/cards/index.ts';
import type { AdaptiveCard, CardAction, FailoverAdvice, HubCardPart } from '#src/teams/cards/index.ts';
import { allTexts, assertWellFormedCard, byteLength, cardText, diagnosis, elementsOfType, finding, hub, markdownTexts } from '#test/support/card-helpers.ts';

const EVIL = '[click](https://evil) ![x](http://x) <at>Alice</at> **bold** ${root} ${t.error.title} ${concat(\'EV\',\'AL\')} {{DATE(2026-01-06T10:00:00Z, SHORT)}} _it_ `code` # h > q | t ~s~';

/** The text as a markdown renderer sees it once backslash escapes are consumed. */
function unescaped(text: string): string {
  return text.replace(/\\[\s\S]/g, '');
}

function assertInert(card: AdaptiveCard, label: string): void {
  for (const text of markdownTexts(card)) {
    const seen = unescaped(text);
    assert.doesNotMatch(seen, /\]\(/, `${label}: markdown link in ${text}`);
    assert.doesNotMatch(seen, /<\/?at>/i, `${label}: mention in ${text}`);
    assert.ok(!seen.includes('**bold**') && !seen.includes('_it_') && !seen.includes('`code`') && !seen.includes('~s~'), `${label}: emphasis in ${text}`);
    assert.ok(!seen.includes('{{'), `${label}: date function in ${text}`);
  }
  for (const text of allTexts(card)) {
    assert.ok(!text.includes('${'), `${label}: template expression in ${text}`);
    assert.doesNotMatch(text, /<at>/i, `${label}: mention tag in ${text}`);
    assert.ok(!text.includes('{{'), `${label}: date function in ${text}`);
  }
  const json = JSON.stringify(card);
  // Were any pasted expression evaluated, these would appear.
  assert.ok(!json.includes('EVAL'), `${label}: expression evaluated`);
  assert.ok(!json.includes(uiStrings('en').error.title) && !json.includes(uiStrings('fr').error.title), `${label}: $root reached from the paste`);
}

function evilHub(): Hub {
  return hub({ name: `hub ${EVIL}`, hostName: `${EVIL}.azure-devices.net`, state: EVIL, provisioningState: EVIL, locations: [{ location: EVIL, role: 'primary' }, { location: EVIL, role: 'secondary' }] });
}

function evilEvent(): ServiceEvent {
  return { trackingId: EVIL, title: EVIL, summary: EVIL, eventType: EVIL, status: EVIL, regions: [EVIL], impactStart: EVIL, lastUpdate: EVIL };
}

function evilDiagnosis(): Diagnosis {
  return diagnosis({
    findings: [
      finding({ name: EVIL, evidence: [{ kind: 'name', text: EVIL }], firstSeen: EVIL, lastSeen: `${EVIL}2` }),
      finding({ code: null, name: EVIL, httpStatus: null, transient: null, family: 'not-iothub', evidence: [{ kind: 'network', text: EVIL }] }),
    ],
    context: {
      hubHostNames: [EVIL], deviceIds: [EVIL], moduleIds: [EVIL], trackingIds: [EVIL], timestamps: [EVIL], protocols: [EVIL],
      hubNames: [EVIL], hubResourceIds: [EVIL], correlationIds: [EVIL],
    },
    timeSpan: { from: EVIL, to: EVIL },
  });
}

const evilParts: [string, HubCardPart][] = [
  ['health', { kind: 'health', result: { ok: true, hub: evilHub(), health: { availabilityState: 'Unavailable', title: EVIL, summary: EVIL, since: EVIL, reasonType: EVIL, reportedTime: EVIL, recentlyResolved: { unavailableSince: EVIL, resolvedAt: EVIL, summary: EVIL } }, events: [evilEvent()], checkedAt: EVIL } }],
  ['failed', { kind: 'health', result: { ok: false, hub: evilHub(), reason: 'forbidden', detail: EVIL, retryAfterSeconds: null } }],
  ['unknown', { kind: 'unknown', query: { kind: 'name', value: EVIL }, searchedSubscriptions: [EVIL] }],
  ['ambiguous', { kind: 'ambiguous', candidates: [evilHub()] }],
];

test('everything echoed from a paste or from Azure comes out inert (links, images, mentions, emphasis, ${...})', () => {
  for (const locale of ['en', 'fr'] as const) {
    for (const [name, part] of evilParts) {
      const advice: FailoverAdvice = { kind: 'worth-considering', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] } };
      const cards: [string, AdaptiveCard][] = [
        [`diagnosis/${name}`, renderDiagnosisCard({ diagnosis: evilDiagnosis(), locale, demo: true, hub: part, advice })],
        [`health/${name}`, renderHealthCard({ locale, demo: true, hub: part, advice })],
      ];
      for (const [label, card] of cards) {
        assertWellFormedCard(card, `${locale}/${label}`);
        assertInert(card, `${locale}/${label}`);
      }
    }
    const choice = renderHubChoiceCard([evilHub()], locale, false);
    assertWellFormedCard(choice, 'choice');
    assertInert(choice, 'choice');
  }
});

test('the pasted text is still shown (escaped), not dropped', () => {
  const text = cardText(renderDiagnosisCard({ diagnosis: evilDiagnosis(), locale: 'en', demo: false, hub: { kind: 'none' }, advice: null }));
  assert.ok(text.includes('\\[click\\]\\(https://evil\\)'));
  assert.ok(text.includes('\\<at\\>Alice\\</at\\>'));
  assert.ok(text.includes('$\\{root\\}'));
  // The support block is plain text (TextRun, no markdown): verbatim but for the broken-up sequences.
  const runs = elementsOfType(renderDiagnosisCard({ diagnosis: evilDiagnosis(), locale: 'en', demo: false, hub: { kind: 'none' }, advice: null }), 'TextRun').map((r) => String(r['text'])).join('\n');
  assert.ok(runs.includes('[click](https://evil)'));
});

test('a paste that is only a template expression is not evaluated against the card data', () => {
  for (const expression of ['${t.error.title}', '${$root.t.error.title}', '${demo}', '${headline.title}', '${json($root)}']) {
    const d = diagnosis({ findings: [finding({ name: expression })], context: { ...diagnosis().context, deviceIds: [expression] } });
    const card = renderDiagnosisCard({ diagnosis: d, locale: 'en', demo: false, hub: { kind: 'none' }, advice: null });
    assertWellFormedCard(card, expression);
    assertInert(card, expression);
  }
});

// ------------------------------------------------------------------------------------ size guard

const MB_LINE = 'x'.repeat(1024 * 1024);
const UNICODE = '😀𝔘𝔫𝔦𝔠𝔬𝔡𝔢中文字符́̂̃'.repeat(20_000);
const ESCAPES = '[]()*_<>{}!#|~\\'.repeat(10_000);

function manyDistinct(prefix: string, n: number, length = 60): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${i}-`.padEnd(length, 'abcdefghij'));
}

function adversarialDiagnoses(): [string, Diagnosis][] {
  const manyFindings: Finding[] = Array.from({ length: 5000 }, (_, i) => finding({ code: 100000 + i, name: `Error${i}`.padEnd(150, 'Z'), count: i + 1, evidence: [{ kind: 'code', text: `e${i}` }] }));
  const hugeContext = {
    hubHostNames: manyDistinct('hub', 3000, 120).map((h) => `${h}.azure-devices.net`), deviceIds: manyDistinct('device', 10_000), moduleIds: manyDistinct('module', 10_000),
    trackingIds: manyDistinct('tracking', 10_000, 100), timestamps: Array.from({ length: 10_000 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()),
    protocols: manyDistinct('proto', 1000), hubNames: manyDistinct('hubname', 1000), hubResourceIds: manyDistinct('/subscriptions/x', 1000, 200), correlationIds: manyDistinct('corr', 10_000),
  };
  const megaContext = {
    hubHostNames: [MB_LINE, UNICODE], deviceIds: [MB_LINE, UNICODE, ESCAPES], moduleIds: [UNICODE], trackingIds: [MB_LINE, ESCAPES, UNICODE], timestamps: [MB_LINE],
    protocols: [UNICODE], hubNames: [ESCAPES], hubResourceIds: [MB_LINE], correlationIds: [UNICODE],
  };
  const allKinds = [...SECRET_KIND_ORDER];
  return [
    ['thousands of distinct codes', diagnosis({ findings: manyFindings })],
    ['thousands of ids of every kind', diagnosis({ context: hugeContext })],
    ['1 MB lines, long unicode, escape-heavy values', diagnosis({
      findings: [finding({ name: MB_LINE, evidence: [{ kind: 'name', text: MB_LINE }, { kind: 'name', text: UNICODE }, { kind: 'name', text: ESCAPES }], firstSeen: MB_LINE, lastSeen: UNICODE }), finding({ code: null, name: UNICODE, httpStatus: null })],
      context: megaContext, timeSpan: { from: MB_LINE, to: UNICODE },
    })],
    ['everything at once', diagnosis({
      findings: [finding({ name: UNICODE, evidence: Array.from({ length: 100 }, (_, i) => ({ kind: 'name' as const, text: `${ESCAPES}${i}` })) }), ...manyFindings.map((f) => ({ ...f, name: ESCAPES }))],
      context: { ...hugeContext, deviceIds: [...megaContext.deviceIds, ...hugeContext.deviceIds.map((d) => `${d}${ESCAPES.slice(0, 200)}`)], trackingIds: hugeContext.trackingIds.map((t) => `${UNICODE.slice(0, 300)}${t}`) },
      secrets: { count: 1_000_000, kinds: allKinds }, truncated: true, timeSpan: { from: UNICODE, to: ESCAPES },
    })],
  ];
}

function adversarialParts(): [string, HubCardPart][] {
  const bigHub = hub({ name: UNICODE, hostName: MB_LINE, state: ESCAPES, provisioningState: UNICODE, locations: [{ location: MB_LINE, role: 'primary' }, { location: UNICODE, role: 'secondary' }] });
  const events: ServiceEvent[] = Array.from({ length: 2000 }, (_, i) => ({ trackingId: `${ESCAPES}${i}`, title: UNICODE, summary: MB_LINE, eventType: ESCAPES, status: UNICODE, regions: [MB_LINE], impactStart: MB_LINE, lastUpdate: UNICODE }));
  const result: HubHealthResult = { ok: true, hub: bigHub, health: { availabilityState: 'Unavailable', title: MB_LINE, summary: UNICODE, since: MB_LINE, reasonType: ESCAPES, reportedTime: MB_LINE, recentlyResolved: { unavailableSince: UNICODE, resolvedAt: MB_LINE, summary: ESCAPES } }, events, checkedAt: UNICODE };
  return [
    ['huge health', { kind: 'health', result }],
    ['huge failure', { kind: 'health', result: { ok: false, hub: bigHub, reason: 'throttled', detail: MB_LINE + UNICODE, retryAfterSeconds: 1e12 } }],
    ['thousands of subscriptions', { kind: 'unknown', query: { kind: 'name', value: UNICODE }, searchedSubscriptions: manyDistinct(UNICODE.slice(0, 400), 10_000, 500) }],
    ['thousands of candidate hubs', { kind: 'ambiguous', candidates: Array.from({ length: 3000 }, (_, i) => hub({ name: `${UNICODE.slice(0, 500)}${i}`, hostName: MB_LINE })) }],
  ];
}

const BUTTONS: CardAction[] = [
  { type: 'Action.Execute', verb: 'failover.request', title: 'Request failover', data: { requestId: 'r-1' } },
  { type: 'Action.Execute', verb: 'card.refresh', title: 'Refresh', data: { requestId: 'r-1' } },
];

test('adversarial pastes: every diagnosis card stays under 28,000 bytes and valid, headline and support kept', () => {
  for (const locale of ['fr', 'en'] as Locale[]) {
    for (const [name, d] of adversarialDiagnoses()) {
      for (const [partName, part] of adversarialParts()) {
        const label = `${locale}/${name}/${partName}`;
        const card = renderDiagnosisCard({ diagnosis: d, locale, demo: true, hub: part, advice: { kind: 'worth-considering-but-impossible', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] }, reasons: ['no-secondary', 'dr-disabled', 'failover-running', 'daily-limit', 'cooldown', 'hub-not-active'] }, actions: BUTTONS });
        const size = byteLength(card);
        assert.ok(size < CARD_BYTE_LIMIT, `${label}: ${size} bytes`);
        assertWellFormedCard(card, label);
        const text = cardText(card);
        assert.ok(text.includes(uiStrings(locale).diagnosis.supportHeading), `${label}: support block kept`);
        assert.ok(elementsOfType(card, 'TextRun').length >= 2, `${label}: support lines kept`);
        assert.ok(text.includes(uiStrings(locale).common.demoBanner), `${label}: demo banner kept`);
        assert.equal(elementsOfType(card, 'Action.Execute').length, 2, `${label}: actions kept`);
      }
    }
  }
});

test('adversarial health and hub lists: the health and hub-choice cards stay under 28,000 bytes', () => {
  for (const locale of ['en', 'fr'] as Locale[]) {
    for (const [name, part] of adversarialParts()) {
      const card = renderHealthCard({ locale, demo: true, hub: part, advice: { kind: 'worth-considering', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] } }, actions: BUTTONS });
      assert.ok(byteLength(card) < CARD_BYTE_LIMIT, `${locale}/${name}: ${byteLength(card)} bytes`);
      assertWellFormedCard(card, `${locale}/${name}`);
    }
    const hubs = Array.from({ length: 5000 }, (_, i) => hub({ name: `${UNICODE.slice(0, 2000)}${i}` }));
    const choice = renderHubChoiceCard(hubs, locale, true);
    assert.ok(byteLength(choice) < CARD_BYTE_LIMIT);
    assertWellFormedCard(choice, `${locale}/choice`);
  }
});

test('the size guard degrades in steps: a big paste loses list detail before the support block', () => {
  const d = adversarialDiagnoses()[1]![1];
  const card = renderDiagnosisCard({ diagnosis: d, locale: 'en', demo: false, hub: { kind: 'none' }, advice: null });
  const support = elementsOfType(card, 'TextRun').map((r) => String(r['text'])).join('\n');
  assert.ok(support.includes('tracking-0-'), 'first tracking id kept in the support block');
  assert.ok(support.includes('device-0-'), 'device ids kept in the support block');
  // A small paste keeps everything: every context fact and the full finding list.
  const small = renderDiagnosisCard({ diagnosis: diagnosis(), locale: 'en', demo: false, hub: { kind: 'none' }, advice: null });
  assert.ok(cardText(small).includes('404103 DeviceNotOnline'));
  assert.ok(byteLength(small) < 12_000);
});
