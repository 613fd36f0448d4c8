// Every card, in both locales, with and without the demo flag: valid Adaptive Card 1.5 for the
// adaptivecards parser, fully expanded, wrapped text, and the demo banner exactly when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '#src/core/locale.ts';
import { uiStrings } from '#src/i18n/index.ts';
import {
  renderDiagnosisCard,
  renderErrorCard,
  renderHealthCard,
  renderHelpCard,
  renderHubChoiceCard,
  renderNothingRecognisedCard,
  renderPasteTooLongCard,
} from '#src/teams/cards/index.ts';
import type { AdaptiveCard, CardAction, FailoverAdvice, HubCardPart } from '#src/teams/cards/index.ts';
import { assertWellFormedCard, cardProblems, cardText, diagnosis, elementsOfType, healthOk, hub } from '#test/support/card-helpers.ts';

const LOCALES: Locale[] = ['en', 'fr'];

const HUB_PARTS: [string, HubCardPart][] = [
  ['none', { kind: 'none' }],
  ['unknown', { kind: 'unknown', query: { kind: 'hostName', value: 'nope.azure-devices.net' }, searchedSubscriptions: ['sub-a', 'sub-b'] }],
  ['unknown-no-subscriptions', { kind: 'unknown', query: { kind: 'name', value: 'nope' }, searchedSubscriptions: [] }],
  ['ambiguous', { kind: 'ambiguous', candidates: [hub(), hub({ name: 'contoso-dev', hostName: 'contoso-dev.azure-devices.net' })] }],
  ['available', { kind: 'health', result: healthOk() }],
  ['degraded', { kind: 'health', result: healthOk({ health: { availabilityState: 'Degraded' } }) }],
  ['unavailable-with-event', {
    kind: 'health',
    result: healthOk({
      health: { availabilityState: 'Unavailable', reasonType: 'Unplanned', recentlyResolved: { unavailableSince: '2026-01-05T01:00:00Z', resolvedAt: '2026-01-05T02:00:00Z', summary: 'Earlier outage' } },
      events: [{ trackingId: 'AB12-CD3', title: 'IoT Hub - West Europe - Mitigated', summary: 's', eventType: 'ServiceIssue', status: 'Active', regions: ['West Europe'], impactStart: '2026-01-06T09:00:00Z', lastUpdate: '2026-01-06T10:00:00Z' }],
    }),
  }],
  ['unknown-state-dr-disabled', { kind: 'health', result: healthOk({ health: { availabilityState: 'Unknown' }, hub: { drDisabled: true, locations: [{ location: 'West Europe', role: 'primary' }] } }) }],
  ['throttled', { kind: 'health', result: { ok: false, hub: hub(), reason: 'throttled', detail: 'Too many requests', retryAfterSeconds: 30 } }],
  ['forbidden-no-hub', { kind: 'health', result: { ok: false, hub: null, reason: 'forbidden', detail: '', retryAfterSeconds: null } }],
];

const ADVICE: FailoverAdvice[] = [
  { kind: 'not-applicable', verdict: 'client-config' },
  { kind: 'retry-hub-healthy', availabilityState: 'Available' },
  { kind: 'worth-considering', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] } },
  { kind: 'worth-considering-but-impossible', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] }, reasons: ['no-secondary', 'dr-disabled', 'failover-running', 'daily-limit', 'cooldown', 'hub-not-active'] },
  { kind: 'health-unknown' },
  { kind: 'health-unavailable', reason: 'server-error', retryAfterSeconds: null },
  { kind: 'no-hub' },
];

const REQUEST_BUTTON: CardAction[] = [{ type: 'Action.Execute', verb: 'failover.request', title: 'Request failover', data: { requestId: 'r-1' } }];

function allCards(locale: Locale, demo: boolean): [string, AdaptiveCard][] {
  const cards: [string, AdaptiveCard][] = [
    ['help', renderHelpCard(locale, demo)],
    ['nothing', renderNothingRecognisedCard(locale, demo, 42)],
    ['nothing-empty', renderNothingRecognisedCard(locale, demo, 0)],
    ['paste-too-long', renderPasteTooLongCard({ locale, demo, reason: 'over-budget', budgetMs: 2000 })],
    ['paste-too-long-busy', renderPasteTooLongCard({ locale, demo, reason: 'busy', budgetMs: 10 })],
    ['hub-choice', renderHubChoiceCard([hub(), hub({ name: 'b' })], locale, demo)],
    ['hub-choice-none', renderHubChoiceCard([], locale, demo)],
    ['diagnosis-no-findings', renderDiagnosisCard({ diagnosis: diagnosis({ findings: [], verdict: { kind: 'unknown' } }), locale, demo, hub: { kind: 'none' }, advice: null })],
  ];
  for (const [name, part] of HUB_PARTS) {
    cards.push([`diagnosis/${name}`, renderDiagnosisCard({ diagnosis: diagnosis(), locale, demo, hub: part, advice: { kind: 'retry-hub-healthy', availabilityState: 'Available' } })]);
    cards.push([`health/${name}`, renderHealthCard({ locale, demo, hub: part, advice: null })]);
  }
  for (const advice of ADVICE) {
    cards.push([`diagnosis/advice-${advice.kind}`, renderDiagnosisCard({ diagnosis: diagnosis(), locale, demo, hub: HUB_PARTS[6]![1], advice, actions: REQUEST_BUTTON })]);
    cards.push([`health/advice-${advice.kind}`, renderHealthCard({ locale, demo, hub: HUB_PARTS[6]![1], advice })]);
  }
  return cards;
}

for (const locale of LOCALES) {
  for (const demo of [false, true]) {
    test(`every card renders, parses and is fully expanded (${locale}, demo=${demo})`, () => {
      const cards = allCards(locale, demo);
      for (const [name, card] of cards) {
        assertWellFormedCard(card, `${locale}/${name}`);
        const hasBanner = cardText(card).includes(uiStrings(locale).common.demoBanner);
        assert.equal(hasBanner, demo, `${locale}/${name}: demo banner iff demo`);
      }
    });
  }
  test(`error card (${locale}): well-formed, says nothing was lost, no banner, no detail`, () => {
    const card = renderErrorCard(locale);
    assertWellFormedCard(card, `${locale}/error`);
    assert.ok(cardText(card).includes(uiStrings(locale).error.text));
    assert.equal(elementsOfType(card, 'TextBlock').length, 2);
  });
}

test('the cards are in the language asked for', () => {
  const en = cardText(renderHelpCard('en', false));
  const fr = cardText(renderHelpCard('fr', false));
  assert.ok(en.includes('What to paste'));
  assert.ok(fr.includes('Quoi coller'));
  assert.ok(!fr.includes('What to paste'));
});

test('the parser check used here does catch broken cards', () => {
  // Guards the guard: if cardProblems stopped reporting, every test above would pass vacuously.
  assert.notDeepEqual(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }), []);
  assert.notDeepEqual(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', color: 'purple' }] }), []);
  assert.notDeepEqual(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.OpenUrl', title: 'x' }] }), []);
});
