// The model of the card a proposal was posted on, stored with the request: smaller than the card as posted,
// plain JSON, and every later version of the card rendered from it is the card as posted with the request's
// section in the slot: under the next step while the proposal waits, leading the card once requested (the
// next step pointing at the request button gone), for every state, viewer, language and card (diagnosis,
// health). A model of another layout is not rendered into today's templates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '#src/core/locale.ts';
import { fill, uiStrings } from '#src/i18n/index.ts';
import type { FailoverRequest } from '#src/failover/index.ts';
import { newProposal, transition } from '#src/failover/workflow.ts';
import type { WorkflowCommand } from '#src/failover/workflow.ts';
import { diagnosisCard, healthCard } from '#src/teams/cards/index.ts';
import type { AdaptiveCard, RenderedHostCard } from '#src/teams/cards/index.ts';
import { failoverRefresh, renderFailoverCard, renderFailoverSection } from '#src/teams/failover/card/render.ts';
import type { ViewerRole } from '#src/teams/failover/card/view.ts';
import { APPROVERS, T0, alice, bob, makeHub } from '#test/support/failover-fakes.ts';
import { FAILOVER_SLOT_ID, byteLength, diagnosis, healthOk, walk } from '#test/support/card-helpers.ts';

const MINUTE = 60_000;
const ROLES: ViewerRole[] = ['everyone', 'approver', 'requester', 'requester-approver'];

function step(record: FailoverRequest, command: WorkflowCommand, now: number): FailoverRequest {
  const result = transition(record, command, { now, approvers: APPROVERS, ttlMinutes: 30, leaseMs: 60_000 });
  assert.ok(result.ok);
  return result.next;
}

function states(locale: Locale): FailoverRequest[] {
  const proposed = newProposal({
    id: 'REQ0000000000000001',
    revision: 'rev-1',
    hub: makeHub(),
    kind: 'failover',
    conversation: { id: '19:c@thread.tacv2', reference: {} },
    locale,
    proposedBy: alice,
    availabilityState: 'Unavailable',
    healthCheckedAt: new Date(T0).toISOString(),
    now: T0,
    ttlMinutes: 30,
  });
  const requested = step(proposed, { type: 'request', actor: alice, justification: 'Outage in West Europe' }, T0 + MINUTE);
  const approved = step(requested, { type: 'approve', actor: bob }, T0 + 2 * MINUTE);
  return [proposed, requested, approved, step(requested, { type: 'reject', actor: bob, reason: 'Not now' }, T0 + 2 * MINUTE), step(proposed, { type: 'expire' }, T0 + 30 * MINUTE)];
}

/** The card as the bot posts it (the proposal in the slot, with its refresh), and its model. */
function posted(kind: 'diagnosis' | 'health', proposed: FailoverRequest, locale: Locale): RenderedHostCard {
  const section = renderFailoverSection(proposed, { locale, now: T0, role: 'everyone', approversConfigured: true });
  const input = {
    locale,
    demo: true,
    hub: { kind: 'health' as const, result: healthOk({ health: { availabilityState: 'Unavailable' } }) },
    advice: { kind: 'worth-considering' as const, trigger: { availabilityState: 'Unavailable' as const, eventTrackingIds: [] } },
    failover: section,
  };
  const rendered = kind === 'diagnosis' ? diagnosisCard({ ...input, diagnosis: diagnosis() }) : healthCard(input);
  return { card: { ...rendered.card, refresh: failoverRefresh(proposed.id, locale, ['29:bob']) }, model: rendered.model };
}

/** The card's elements outside the failover slot, as JSON. */
function outsideSlot(card: AdaptiveCard): string[] {
  return card.body.filter((element) => (element as Record<string, unknown>)['id'] !== FAILOVER_SLOT_ID).map((element) => JSON.stringify(element));
}

/** What the toggle labels among these elements open. */
function toggleTargets(elements: readonly string[]): unknown[] {
  return [...walk(elements.map((element) => JSON.parse(element) as unknown))]
    .filter(({ node }) => node['type'] === 'Action.ToggleVisibility')
    .map(({ node }) => node['targetElements']);
}

function slotItems(card: AdaptiveCard): unknown {
  return [...walk(card)].find(({ node }) => node['id'] === FAILOVER_SLOT_ID)?.node['items'];
}

describe('the stored model of the card a proposal was posted on', () => {
  it('is plain JSON, smaller than the card as posted, and holds no failover section', () => {
    for (const kind of ['diagnosis', 'health'] as const) {
      const proposed = states('en')[0] as FailoverRequest;
      const { card, model } = posted(kind, proposed, 'en');
      assert.deepEqual(JSON.parse(JSON.stringify(model)), model, 'survives the store as it is');
      assert.ok(byteLength(model) < byteLength(card) * 0.8, `${kind}: ${byteLength(model)} vs ${byteLength(card)} bytes`);
      assert.ok(!JSON.stringify(model).includes(proposed.id), `${kind}: no trace of the request (its section is rendered at every version)`);
    }
  });

  it('renders the card as posted again for the proposal; once requested, the request leads it and the rest stays', () => {
    for (const locale of ['en', 'fr'] as const) {
      const ui = uiStrings(locale);
      for (const kind of ['diagnosis', 'health'] as const) {
        const records = states(locale);
        const { card, model } = posted(kind, records[0] as FailoverRequest, locale);
        const stored = JSON.parse(JSON.stringify(model)) as typeof model;
        const nextStep = JSON.stringify(fill(ui.diagnosis.next, { step: fill(ui.advice.next.request, { secondary: 'North Europe' }) })).slice(1, -1);
        assert.ok(JSON.stringify(card).includes(nextStep), `${locale} ${kind}: the proposal's next step is the request button`);
        for (const record of records) {
          for (const role of ROLES) {
            const ctx = { locale, now: T0 + 5 * MINUTE, role, approversConfigured: true };
            const label = `${locale} ${kind} ${record.state} ${role}`;
            const rendered = renderFailoverCard(record, ctx, { demo: true, host: stored, refreshUserIds: ['29:bob'] });
            assert.deepEqual(slotItems(rendered), renderFailoverSection(record, ctx, true), `${label}: the request's section in the slot`);
            assert.deepEqual(toggleTargets(outsideSlot(rendered)), toggleTargets(outsideSlot(card)), `${label}: everything the card keeps one click away is still there`);
            if (record.state === 'proposed') {
              if (role === 'everyone') assert.deepEqual(rendered, card, `${label}: the card as posted`);
              assert.deepEqual(outsideSlot(rendered), outsideSlot(card), `${label}: the rest is the card as posted`);
            } else {
              const slotAt = rendered.body.findIndex((element) => (element as Record<string, unknown>)['id'] === FAILOVER_SLOT_ID);
              assert.equal(slotAt, 1, `${label}: the request comes first, right under the demo banner`);
              const text = JSON.stringify(rendered.body);
              assert.ok(!text.includes(nextStep), `${label}: no next step pointing at a request button`);
              if (kind === 'diagnosis') assert.ok(text.includes('500001 ServerError'), `${label}: the diagnosis stays`);
            }
          }
        }
      }
    }
  });

  it('a model of another layout (an older version of the bot) is not rendered into today\'s templates: the request stands alone', () => {
    const [proposed, requested] = states('en') as [FailoverRequest, FailoverRequest];
    const { model } = posted('diagnosis', proposed, 'en');
    const older = { ...model, layout: model.layout - 1 };
    const ctx = { locale: 'en' as const, now: T0 + 5 * MINUTE, role: 'everyone' as const, approversConfigured: true };
    const alone = renderFailoverCard(requested, ctx, { demo: true, host: older, refreshUserIds: null });
    assert.ok(!JSON.stringify(alone).includes('500001'), 'no diagnosis from the old model');
    assert.deepEqual(slotItems(alone), undefined, 'no slot: the standalone request card');
    assert.ok(JSON.stringify(alone).includes('waiting for approval'));
  });
});
