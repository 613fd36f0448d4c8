import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AvailabilityState, HealthFailureReason, HubHealthResult } from '#src/diagnosis/hub.ts';
import type { Locale } from '#src/core/locale.ts';
import { adviseFailover } from '#src/diagnosis/advice.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { renderDiagnosisCard, renderHealthCard, renderHubChoiceCard, MAX_HUB_CHOICES } from '#src/teams/cards/index.ts';
import type { FailoverAdvice, HubCardPart } from '#src/teams/cards/index.ts';
import { assertWellFormedCard, cardText, diagnosis, elementsOfType, healthOk, hub } from '#test/support/card-helpers.ts';

const health = (part: HubCardPart, locale: Locale = 'en', advice: FailoverAdvice | null = null) => renderHealthCard({ locale, demo: false, hub: part, advice });
const ok = (result: HubHealthResult): HubCardPart => ({ kind: 'health', result });

test('Resource Health state is coloured: Available good, Degraded warning, Unavailable attention, Unknown default', () => {
  const expected: Record<AvailabilityState, string> = { Available: 'good', Degraded: 'warning', Unavailable: 'attention', Unknown: 'default' };
  for (const locale of ['en', 'fr'] as const) {
    for (const [state, color] of Object.entries(expected) as [AvailabilityState, string][]) {
      const card = health(ok(healthOk({ health: { availabilityState: state } })), locale);
      const label = uiStrings(locale).health.states[state];
      const block = elementsOfType(card, 'TextBlock').find((b) => String(b['text']).includes(label) && String(b['text']).includes('Resource Health'));
      assert.ok(block, `${locale}/${state}: state line`);
      assert.equal(block['color'], color, `${locale}/${state}`);
    }
  }
});

test('the health card shows hub, summary, since, reason, recently resolved, locations, states, checked at', () => {
  const card = health(ok(healthOk({
    health: { availabilityState: 'Available', summary: 'All good', reasonType: 'Unplanned', recentlyResolved: { unavailableSince: '2026-01-05T01:00:00Z', resolvedAt: '2026-01-05T02:30:00Z', summary: 'Short outage' } },
  })));
  const text = cardText(card);
  for (const expected of ['contoso\\-prod', 'All good', 'Unplanned', 'Short outage', '2026-01-05 01:00:00 UTC', '2026-01-05 02:30:00 UTC', 'West Europe', 'North Europe', 'Active', 'Succeeded', '2026-01-06 10:06:30 UTC', '2026-01-05 08:00:00 UTC']) {
    assert.ok(text.includes(expected), expected);
  }
  assert.ok(text.includes(uiStrings('en').health.noEvents.replace('{region}', 'West Europe')));
});

test('no secondary and DR disabled are said plainly', () => {
  const text = cardText(health(ok(healthOk({ hub: { drDisabled: true, locations: [{ location: 'Brazil South', role: 'primary' }] } }))));
  const t = uiStrings('en').health;
  assert.ok(text.includes(t.drDisabled));
  assert.ok(text.includes(t.noSecondary));
  assert.ok(!cardText(health(ok(healthOk()))).includes(t.drDisabled));
});

test('active Service Health events for IoT Hub in the region are listed, capped with "+N more"', () => {
  const events = Array.from({ length: 8 }, (_, i) => ({
    trackingId: `TRK-${i}`, title: `IoT Hub incident ${i}`, summary: 's', eventType: 'ServiceIssue', status: 'Active',
    regions: ['West Europe'], impactStart: '2026-01-06T09:00:00Z', lastUpdate: '2026-01-06T10:00:00Z',
  }));
  const text = cardText(health(ok(healthOk({ health: { availabilityState: 'Unavailable' }, events }))));
  assert.ok(text.includes(uiStrings('en').health.eventsHeading.replace('{region}', 'West Europe')));
  for (let i = 0; i < 5; i++) assert.ok(text.includes(`IoT Hub incident ${i}`) && text.includes(`TRK\\-${i}`), `event ${i}`);
  assert.ok(!text.includes('IoT Hub incident 5'));
  assert.ok(text.includes('+3 more'));
});

test('"health unavailable: <reason>" is localised per reason, with the hint each reason needs', () => {
  const reasons: HealthFailureReason[] = ['throttled', 'server-error', 'timeout', 'network', 'forbidden', 'not-found', 'unknown'];
  for (const locale of ['en', 'fr'] as const) {
    const t = uiStrings(locale).health;
    const seen = new Set<string>();
    for (const reason of reasons) {
      const card = health(ok({ ok: false, hub: hub(), reason, detail: '', retryAfterSeconds: reason === 'throttled' ? 42 : null }), locale);
      assertWellFormedCard(card, `${locale}/${reason}`);
      const text = cardText(card);
      const line = t.unavailable.replace('{reason}', t.unavailableReasons[reason]);
      assert.ok(text.includes(line), `${locale}/${reason}`);
      seen.add(t.unavailableReasons[reason]);
      if (reason === 'throttled') assert.ok(text.includes('42'), 'retry-after');
      if (reason === 'forbidden') {
        assert.ok(text.includes('Microsoft.ResourceHealth/availabilityStatuses/read'));
        assert.ok(text.includes('Reader'));
      }
    }
    assert.equal(seen.size, reasons.length, 'one distinct text per reason');
  }
  const fr = cardText(health(ok({ ok: false, hub: null, reason: 'timeout', detail: '', retryAfterSeconds: null }), 'fr'));
  assert.ok(fr.includes('État de santé indisponible'));
});

test('on the diagnosis card, failed health keeps the diagnosis and says so', () => {
  const card = renderDiagnosisCard({
    diagnosis: diagnosis(), locale: 'en', demo: false, advice: { kind: 'health-unavailable', reason: 'server-error', retryAfterSeconds: null },
    hub: ok({ ok: false, hub: hub(), reason: 'server-error', detail: 'HTTP 503 from ARM', retryAfterSeconds: null }),
  });
  const text = cardText(card);
  assert.ok(text.includes('500001 ServerError'));
  assert.ok(text.includes(uiStrings('en').health.unavailableKeepsDiagnosis));
  assert.ok(text.includes('HTTP 503 from ARM'));
  assert.ok(text.includes(uiStrings('en').advice['health-unavailable']));
});

test('unknown hub names the subscriptions searched; no hub says how to name one', () => {
  const t = uiStrings('en').health;
  const unknown = cardText(health({ kind: 'unknown', query: { kind: 'hostName', value: 'ghost.azure-devices.net' }, searchedSubscriptions: ['sub-one', 'sub-two'] }));
  assert.ok(unknown.includes('ghost\\.azure\\-devices\\.net') && unknown.includes('sub\\-one') && unknown.includes('sub\\-two'));
  const none = cardText(health({ kind: 'unknown', query: { kind: 'name', value: 'ghost' }, searchedSubscriptions: [] }));
  assert.ok(none.includes('AZURE_SUBSCRIPTION_IDS'));
  assert.ok(cardText(health({ kind: 'none' })).includes(t.noHub));
});

test('several hubs: one imBack button per hub ("health <hub>"), at most 10', () => {
  const hubs = Array.from({ length: 13 }, (_, i) => hub({ name: `hub-${i}`, hostName: `hub-${i}.azure-devices.net` }));
  for (const card of [renderHubChoiceCard(hubs, 'en', false), health({ kind: 'ambiguous', candidates: hubs })]) {
    assertWellFormedCard(card, 'choice');
    const buttons = elementsOfType(card, 'Action.Submit');
    assert.equal(buttons.length, MAX_HUB_CHOICES);
    buttons.forEach((button, i) => {
      assert.equal(button['title'], `hub-${i}`);
      assert.deepEqual(button['data'], { msteams: { type: 'imBack', value: `health hub-${i}` } });
    });
    assert.ok(cardText(card).includes('+3'));
  }
  const few = renderHubChoiceCard(hubs.slice(0, 2), 'fr', false);
  assert.equal(elementsOfType(few, 'Action.Submit').length, 2);
  assert.ok(cardText(few).includes(uiStrings('fr').choice.text));
});

test('failover advice: a text per kind, the reasons when impossible, the next step pointing at the button when there is one', () => {
  const unavailable = ok(healthOk({ health: { availabilityState: 'Unavailable' } }));
  const trigger = { availabilityState: 'Unavailable' as const, eventTrackingIds: [] };
  for (const locale of ['en', 'fr'] as const) {
    const ui = uiStrings(locale);
    const t = ui.advice;
    const simple: [FailoverAdvice, string][] = [
      [{ kind: 'not-applicable', verdict: 'client-config' }, t['not-applicable']],
      [{ kind: 'not-applicable', verdict: 'not-iothub' }, t.notApplicableByVerdict['not-iothub']],
      [{ kind: 'not-applicable', verdict: 'device-offline' }, t.notApplicableByVerdict['device-offline']],
      [{ kind: 'retry-hub-healthy', availabilityState: 'Available' }, t['retry-hub-healthy']],
      [{ kind: 'health-unknown' }, t['health-unknown']],
      [{ kind: 'health-unavailable', reason: 'timeout', retryAfterSeconds: null }, t['health-unavailable']],
      [{ kind: 'no-hub' }, t['no-hub']],
    ];
    for (const [advice, expected] of simple) assert.ok(cardText(health(unavailable, locale, advice)).includes(expected), `${locale}/${advice.kind}`);

    const worth = cardText(health(unavailable, locale, { kind: 'worth-considering', trigger }));
    assert.ok(worth.includes('North Europe'), 'names the secondary location');
    assert.ok(worth.includes(t.whyState.replace('{state}', ui.health.states.Unavailable)));
    assert.ok(worth.includes(t.next.consider.replace('{secondary}', 'North Europe')), 'no button: a failover is worth considering');
    const byIncident = cardText(health(unavailable, locale, { kind: 'worth-considering', trigger: { availabilityState: null, eventTrackingIds: ['ABC-123'] } }));
    assert.ok(byIncident.includes('ABC\\-123'), 'names the incident');
    assert.ok(!byIncident.includes(t.whyState.replace('{state}', ui.health.states.Unavailable)));
    const withButton = cardText(renderHealthCard({ locale, demo: false, hub: unavailable, advice: { kind: 'worth-considering', trigger }, actions: [{ type: 'Action.Execute', verb: 'failover.request', title: 'Go', data: { requestId: 'r' } }] }));
    assert.ok(withButton.includes(t.next.request.replace('{secondary}', 'North Europe')), 'the next step is the button');

    const impossible = cardText(health(unavailable, locale, { kind: 'worth-considering-but-impossible', trigger, reasons: ['dr-disabled', 'cooldown'] }));
    assert.ok(impossible.includes(t['worth-considering-but-impossible']));
    assert.ok(impossible.includes(t.impossibleReasons['dr-disabled']) && impossible.includes(t.impossibleReasons.cooldown));
    assert.ok(!impossible.includes(t.impossibleReasons['no-secondary']));
    const unchecked = cardText(health(unavailable, locale, { kind: 'worth-considering-but-impossible', trigger, reasons: [] }));
    assert.ok(unchecked.includes(t.impossibleUnchecked));
  }
  assert.ok(!cardText(health(unavailable, 'en', null)).includes(uiStrings('en').advice.label), 'no advice, no section');
});

test('the advice of the real adviseFailover renders for every health situation', () => {
  const situations: (HubHealthResult | null)[] = [
    null,
    healthOk(),
    healthOk({ health: { availabilityState: 'Unknown' } }),
    healthOk({ health: { availabilityState: 'Degraded' } }),
    { ok: false, hub: hub(), reason: 'throttled', detail: '', retryAfterSeconds: 5 },
  ];
  for (const result of situations) {
    for (const eligibility of [{ possible: true } as const, { possible: false, reasons: ['cooldown'] } as const, null]) {
      const advice = adviseFailover({ verdict: 'transient-service', health: result, eligibility: eligibility === null ? null : eligibility.possible ? eligibility : { possible: false, reasons: [...eligibility.reasons] } });
      const part: HubCardPart = result === null ? { kind: 'none' } : { kind: 'health', result };
      const card = renderDiagnosisCard({ diagnosis: diagnosis(), locale: 'fr', demo: false, hub: part, advice });
      assertWellFormedCard(card, advice.kind);
      assert.ok(cardText(card).includes(uiStrings('fr').advice.label), advice.kind);
    }
  }
});
