// The alert card, decision first: what the first screen holds (everything outside the hidden containers and
// the forms under buttons) and what it keeps one click away. The heights are checked in the browser
// (test/browser/cards.test.ts); here, the content and its order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySignal } from '#src/alerts/incident.ts';
import type { Incident } from '#src/alerts/incident.ts';
import { parseAlert } from '#src/alerts/parse.ts';
import { deliveryKey, hubTargetOf } from '#src/alerts/target.ts';
import type { Locale } from '#src/core/locale.ts';
import { adviseFailover } from '#src/diagnosis/advice.ts';
import type { FailoverAdvice } from '#src/diagnosis/advice.ts';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { resourceHealthAlert } from '#src/sim/index.ts';
import { alertCard } from '#src/teams/alerts/card-view.ts';
import type { AlertCardInput } from '#src/teams/alerts/card-view.ts';
import { assertWellFormedCard, cardText, healthOk, hub, isObject } from '#test/support/card-helpers.ts';

const HUB = hub();
const health = healthOk({ hub: HUB, health: { availabilityState: 'Unavailable' } });

function openIncident(): Incident {
  const target = hubTargetOf(HUB.id);
  assert.ok(target);
  const parsed = parseAlert(resourceHealthAlert({ subscriptionId: HUB.subscriptionId, resourceGroup: HUB.resourceGroup, name: HUB.name }, { current: 'Unavailable', firedAt: '2026-01-06T09:30:00.000Z' }));
  assert.ok(parsed.ok);
  const outcome = applySignal(null, { subject: { kind: 'hub', hub: target }, signal: parsed.signal, key: deliveryKey(parsed.signal), now: '2026-01-06T09:31:00.000Z', newId: () => 'inc-1' });
  assert.equal(outcome.kind, 'opened');
  return outcome.incident;
}

function input(locale: Locale, advice: FailoverAdvice, offersRequest: boolean): AlertCardInput {
  return { incident: openIncident(), hubs: [HUB], health: { kind: 'health', result: health }, advice, offersRequest, locale, demo: false };
}

/** The texts of the card as first shown, top to bottom: hidden containers and the forms under buttons left out. */
function firstScreen(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) firstScreen(item, out);
    return out;
  }
  if (!isObject(node) || node['isVisible'] === false || node['type'] === 'Action.ShowCard') return out;
  if (node['type'] === 'TextBlock' && typeof node['text'] === 'string') out.push(node['text']);
  for (const value of Object.values(node)) firstScreen(value, out);
  return out;
}

const positionOf = (texts: string[], expected: string): number => texts.findIndex((text) => text.includes(expected));

describe('the alert card, decision first', () => {
  for (const locale of ['en', 'fr'] as const) {
    const ui = uiStrings(locale);
    const t = ui.alerts;
    const worth = adviseFailover({ verdict: 'transient-service', health, eligibility: { possible: true } });

    it(`[${locale}] first screen: what Azure said, whose problem with the live state, the next step; the rest behind labels`, () => {
      const card = alertCard(input(locale, worth, true)).card;
      assertWellFormedCard(card, `alert ${locale}`);
      const shown = firstScreen(card);
      const order = [
        fill(t.titles.Unavailable, { hub: HUB.name.replace(/-/g, '\\-') }),
        t.since.split('{')[0] ?? '',
        t.owner.PlatformInitiated,
        t.live.state.split('{')[0] ?? '',
        fill(ui.advice.next.request, { secondary: 'North Europe' }),
      ].map((expected) => positionOf(shown, expected));
      assert.ok(order.every((index) => index >= 0), `${locale}: not all on the first screen: ${JSON.stringify(order)}\n${shown.join('\n')}`);
      assert.deepEqual([...order].sort((a, b) => a - b), order, `${locale}: out of order`);
      // One click away: the timeline, the advice in full, the health details, the alert's details.
      for (const label of [fill(t.timeline.toggle, { n: '1' }), ui.advice.label, ui.health.detailsLabel, t.details.toggle]) {
        assert.ok(shown.some((text) => text.includes(label)), `${locale}: the label "${label}"`);
      }
      for (const hidden of [fill(t.timeline.resourceHealth, { status: 'Active', health: ui.health.states.Unavailable }), t.details.opened, ui.advice['worth-considering'].split('{')[0] ?? '']) {
        assert.ok(cardText(card).includes(hidden), `${locale}: "${hidden}" is on the card`);
        assert.equal(positionOf(shown, hidden), -1, `${locale}: "${hidden}" is not on the first screen`);
      }
    });

    it(`[${locale}] with no approver configured, the first screen says so where the Request button would be`, () => {
      const impossible: FailoverAdvice = { kind: 'worth-considering-but-impossible', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] }, reasons: ['no-approvers'] };
      const card = alertCard(input(locale, impossible, false)).card;
      const shown = firstScreen(card);
      const note = positionOf(shown, ui.advice.impossibleReasons['no-approvers']);
      assert.ok(note >= 0, `${locale}: the no-approver note is on the first screen\n${shown.join('\n')}`);
      assert.ok(positionOf(shown, ui.advice.next.impossible) >= 0 && positionOf(shown, ui.advice.next.impossible) < note);
      assert.ok(!JSON.stringify(card).includes('failover.request'), `${locale}: no request is offered`);
    });
  }
});
