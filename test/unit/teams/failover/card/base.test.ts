// The base card stored with a proposal: smaller than the card as posted, and rendering on it gives exactly
// the card that rendering on the card as posted gives, for every state, viewer and language.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '#src/core/locale.ts';
import { uiStrings } from '#src/i18n/index.ts';
import type { FailoverRequest } from '#src/failover/index.ts';
import { newProposal, transition } from '#src/failover/workflow.ts';
import type { WorkflowCommand } from '#src/failover/workflow.ts';
import { renderDiagnosisCard, renderHealthCard } from '#src/teams/cards/index.ts';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import { ADVICE_REQUEST_HINT_ID, FAILOVER_SLOT_ID, failoverRefresh, renderFailoverCard, renderFailoverSection, storableBase } from '#src/teams/failover/card/render.ts';
import type { ViewerRole } from '#src/teams/failover/card/view.ts';
import { APPROVERS, T0, alice, bob, makeHub } from '#test/support/failover-fakes.ts';
import { byteLength, diagnosis, healthOk, walk } from '#test/support/card-helpers.ts';

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

/** The card as the bot posts it: the proposal in the slot, with its refresh. */
function posted(kind: 'diagnosis' | 'health', proposed: FailoverRequest, locale: Locale): AdaptiveCard {
  const section = renderFailoverSection(proposed, { locale, now: T0, role: 'everyone', approversConfigured: true });
  const input = {
    locale,
    demo: true,
    hub: { kind: 'health' as const, result: healthOk({ health: { availabilityState: 'Unavailable' } }) },
    advice: { kind: 'worth-considering' as const, trigger: { availabilityState: 'Unavailable' as const, eventTrackingIds: [] } },
    failover: section,
  };
  const card = kind === 'diagnosis' ? renderDiagnosisCard({ ...input, diagnosis: diagnosis() }) : renderHealthCard(input);
  return { ...card, refresh: failoverRefresh(proposed.id, locale, ['29:bob']) };
}

describe('the stored base card of a proposal', () => {
  it('drops the slot items and the refresh, copies only what leads to the slot, and leaves the posted card alone', () => {
    const proposed = states('en')[0] as FailoverRequest;
    const card = posted('diagnosis', proposed, 'en');
    const before = JSON.stringify(card);
    const base = storableBase(card);
    assert.equal(JSON.stringify(card), before, 'the posted card is not modified');
    assert.ok(!('refresh' in base));
    const slots = [...walk(base)].filter(({ node }) => node['id'] === FAILOVER_SLOT_ID);
    assert.equal(slots.length, 1);
    assert.deepEqual(slots[0]?.node['items'], []);
    assert.ok(byteLength(base) < byteLength(card) * 0.8, `${byteLength(base)} vs ${byteLength(card)} bytes`);
    const unchanged = card.body.filter((element) => !(typeof element === 'object' && element !== null && (element as Record<string, unknown>)['id'] === FAILOVER_SLOT_ID));
    assert.ok(unchanged.every((element) => base.body.includes(element)), 'elements outside the slot are shared, not copied');
  });

  it('a card without a slot keeps its body', () => {
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }], refresh: { action: {} } };
    assert.deepEqual(storableBase(card), { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }] });
  });

  it('renders every state, for every viewer, exactly as on the card as posted', () => {
    for (const locale of ['en', 'fr'] as const) {
      for (const kind of ['diagnosis', 'health'] as const) {
        const records = states(locale);
        const card = posted(kind, records[0] as FailoverRequest, locale);
        const base = storableBase(card);
        for (const record of records) {
          for (const role of ROLES) {
            const ctx = { locale, now: T0 + 5 * MINUTE, role, approversConfigured: true };
            const options = { demo: true, refreshUserIds: ['29:bob', '29:carol'] };
            assert.deepEqual(
              renderFailoverCard(record, ctx, { ...options, base }),
              renderFailoverCard(record, ctx, { ...options, base: card }),
              `${locale} ${kind} ${record.state} ${role}`,
            );
          }
        }
      }
    }
  });

  it('points at the request button only while the proposal waits for a request, and keeps the rest of the card', () => {
    for (const locale of ['en', 'fr'] as const) {
      const t = uiStrings(locale).advice;
      for (const kind of ['diagnosis', 'health'] as const) {
        const records = states(locale);
        const card = posted(kind, records[0] as FailoverRequest, locale);
        const base = storableBase(card);
        const outsideSlot = (rendered: AdaptiveCard): string[] =>
          rendered.body.filter((element) => (element as Record<string, unknown>)['id'] !== FAILOVER_SLOT_ID).map((element) => JSON.stringify(element));
        for (const record of records) {
          const rendered = renderFailoverCard(record, { locale, now: T0 + 5 * MINUTE, role: 'everyone', approversConfigured: true }, { demo: true, base, refreshUserIds: null });
          const text = JSON.stringify(rendered.body);
          const hints = [...walk(rendered)].filter(({ node }) => node['id'] === ADVICE_REQUEST_HINT_ID);
          const label = `${locale} ${kind} ${record.state}`;
          assert.ok(text.includes(JSON.stringify(t.heading)), `${label}: the advice is still there`);
          if (record.state === 'proposed') {
            assert.equal(hints.length, 1, label);
            assert.ok(text.includes(JSON.stringify(t.requestHint).slice(1, -1)), label);
            assert.deepEqual(outsideSlot(rendered), outsideSlot(card), `${label}: the rest is the card as posted`);
          } else {
            assert.equal(hints.length, 0, label);
            assert.ok(!text.includes(JSON.stringify(t.requestHint).slice(1, -1)), `${label}: no hint about a button to request it`);
            const withoutHint = (key: string, value: unknown): unknown =>
              Array.isArray(value) ? value.filter((item: unknown) => (item as Record<string, unknown> | null)?.['id'] !== ADVICE_REQUEST_HINT_ID) : value;
            const expected = outsideSlot(card).map((element) => JSON.stringify(JSON.parse(element, withoutHint)));
            assert.deepEqual(outsideSlot(rendered), expected, `${label}: only the hint is gone`);
          }
        }
      }
    }
  });
});
