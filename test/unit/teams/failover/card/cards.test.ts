// The failover cards: every state, for every viewer, in both languages, are well-formed Adaptive Cards 1.5
// with Action.Execute only in ActionSets, action data that carries only the request id, the refresh for
// the approvers, escaped user text, a bounded size; the proposal on the diagnosis card and its updates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '#src/core/locale.ts';
import type { AuditRecord, FailoverRequest, FailureCause } from '#src/failover/index.ts';
import { newProposal, transition } from '#src/failover/workflow.ts';
import type { WorkflowCommand } from '#src/failover/workflow.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { CARD_BYTE_LIMIT, diagnosisCard } from '#src/teams/cards/index.ts';
import {
  MAX_AUDIT_ITEMS,
  MAX_REFRESH_USERS,
  MAX_STATUS_ITEMS,
  renderFailoverAuditCard,
  renderFailoverCard,
  renderFailoverNoticeCard,
  renderFailoverSection,
  renderFailoverStatusCard,
  renderOutcomeMessage,
} from '#src/teams/failover/card/render.ts';
import { formatElapsed } from '#src/teams/failover/card/view.ts';
import { auditEntries, statusEntries } from '#src/teams/failover/card/visibility.ts';
import type { FailoverViewContext, ViewerRole } from '#src/teams/failover/card/view.ts';
import { APPROVERS, T0, alice, bob, makeHub } from '#test/support/failover-fakes.ts';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import { FAILOVER_SLOT_ID, assertWellFormedCard, byteLength, cardProblems, cardText, diagnosis, elementsOfType, healthOk, isObject, markdownTexts, walk } from '#test/support/card-helpers.ts';

const MINUTE = 60_000;
const ROLES: ViewerRole[] = ['everyone', 'approver', 'requester', 'requester-approver'];
const LOCALES: Locale[] = ['en', 'fr'];
const CONVERSATION = '19:oncall@thread.tacv2;messageid=1700000000000';

function step(record: FailoverRequest, command: WorkflowCommand, now: number): FailoverRequest {
  const result = transition(record, command, { now, approvers: APPROVERS, ttlMinutes: 30, leaseMs: 60_000 });
  assert.ok(result.ok, `${command.type} from ${record.state}: ${result.ok ? '' : result.refusal}`);
  return result.next;
}

function proposal(locale: Locale = 'en', justification = 'Resource Health Unavailable for 20 minutes'): { proposed: FailoverRequest; requested: FailoverRequest } {
  const proposed = newProposal({
    id: 'REQ0000000000000001',
    revision: 'rev-1',
    hub: makeHub(),
    kind: 'failover',
    conversation: { id: CONVERSATION, reference: { serviceUrl: 'https://smba.example', conversation: { id: CONVERSATION } } },
    locale,
    proposedBy: alice,
    availabilityState: 'Unavailable',
    healthCheckedAt: new Date(T0).toISOString(),
    now: T0,
    ttlMinutes: 30,
  });
  return { proposed, requested: step(proposed, { type: 'request', actor: alice, justification }, T0 + MINUTE) };
}

const progress = (status: 'running' | 'succeeded' | 'failed', n: number) => ({
  status,
  resumeToken: `token-${n}`,
  armRequestId: `arm-${n}`,
  operationId: 'op-1234',
  errorMessage: status === 'failed' ? 'The manual failover of the IoT hub could not be completed.' : null,
});

/** One record per state (and per failure cause), built through the workflow itself. */
function recordsByState(locale: Locale = 'en'): Record<string, FailoverRequest> {
  const { proposed, requested } = proposal(locale);
  const approved = step(requested, { type: 'approve', actor: bob }, T0 + 2 * MINUTE);
  const started = step(approved, { type: 'start', runnerId: 'runner-1' }, T0 + 2 * MINUTE);
  const running = step(started, { type: 'progress', runnerId: 'runner-1', progress: progress('running', 1) }, T0 + 3 * MINUTE);
  const succeeded = step(running, { type: 'succeed', runnerId: 'runner-1', progress: progress('succeeded', 2), detail: null }, T0 + 14 * MINUTE);
  const fail = (cause: FailureCause, withProgress: boolean): FailoverRequest =>
    step(running, { type: 'fail', runnerId: 'runner-1', progress: withProgress ? progress('failed', 2) : null, cause }, T0 + 14 * MINUTE);
  return {
    proposed,
    requested,
    approved,
    started,
    running,
    succeeded,
    'failed-operation': fail({ kind: 'operation-failed', message: 'The manual failover of the IoT hub could not be completed.' }, true),
    'failed-arm': fail({ kind: 'arm-rejected', statusCode: 409, armCode: 'Conflict', armRequestId: 'arm-409', message: 'ARM refused the failover request (HTTP 409 Conflict)' }, false),
    'failed-unknown': fail({ kind: 'outcome-unknown', why: 'polling-gave-up' }, false),
    'failed-refused': step(approved, { type: 'refuse', checks: [{ kind: 'hub-recovered', availabilityState: 'Available' }, { kind: 'ineligible', reasons: ['cooldown'], availableAt: null }] }, T0 + 2 * MINUTE),
    rejected: step(requested, { type: 'reject', actor: bob, reason: 'Mitigation expected within minutes' }, T0 + 2 * MINUTE),
    'expired-request': step(requested, { type: 'expire' }, T0 + 31 * MINUTE),
    'expired-proposal': step(proposed, { type: 'expire' }, T0 + 30 * MINUTE),
    cancelled: step(requested, { type: 'cancel', actor: alice }, T0 + 2 * MINUTE),
  };
}

function context(locale: Locale, role: ViewerRole, extra: Partial<FailoverViewContext> = {}): FailoverViewContext {
  return { locale, now: T0 + 5 * MINUTE, role, approversConfigured: true, ...extra };
}

/** The buttons of a card (its body), not its refresh. */
function verbs(card: AdaptiveCard): string[] {
  return elementsOfType(card.body, 'Action.Execute').map((action) => String(action['verb']));
}

/**
 * The bot's card rules (assertWellFormedCard) for the card without its refresh, whose Action.Execute sits
 * outside any ActionSet by design; the parser checks the whole card, refresh included.
 */
function assertFailoverCard(card: AdaptiveCard, label: string): void {
  const { refresh, ...rest } = card;
  assertWellFormedCard(rest, label);
  assert.deepEqual(cardProblems(card), [], `${label}: parser/validator problems`);
  if (refresh !== undefined) {
    assert.ok(isObject(refresh) && isObject(refresh['action']), `${label}: refresh action`);
    assert.equal(refresh['action']['type'], 'Action.Execute');
  }
}

function inputs(card: unknown): string[] {
  return elementsOfType(card, 'Input.Text').map((input) => String(input['id']));
}

describe('failover request cards', () => {
  it('every state, viewer and language is a well-formed card 1.5 with the refresh and only the request id in action data', () => {
    for (const locale of LOCALES) {
      for (const [name, record] of Object.entries(recordsByState(locale))) {
        for (const role of ROLES) {
          const label = `${name}/${role}/${locale}`;
          const card = renderFailoverCard(record, context(locale, role), { demo: true, host: null, refreshUserIds: ['29:bob', '29:carol'] });
          assertFailoverCard(card, label);
          assert.ok(byteLength(card) < CARD_BYTE_LIMIT, `${label}: size`);
          const refresh = card['refresh'] as { action: Record<string, unknown>; userIds: string[] };
          assert.equal(refresh.action['type'], 'Action.Execute', label);
          assert.equal(refresh.action['verb'], 'card.refresh', label);
          assert.deepEqual(refresh.action['data'], { requestId: record.id }, label);
          assert.deepEqual(refresh.userIds, ['29:bob', '29:carol'], label);
          for (const action of elementsOfType(card.body, 'Action.Execute')) {
            assert.deepEqual(Object.keys(action['data'] as object), ['requestId'], `${label}: data of ${String(action['verb'])}`);
            const fallback = action['fallback'];
            assert.ok(isObject(fallback) && fallback['type'] === 'Action.Submit', `${label}: Action.Submit fallback`);
            assert.deepEqual(fallback['data'], { verb: action['verb'], requestId: record.id });
          }
          assert.ok(!JSON.stringify(card).includes(record.hub.id), `${label}: no resource id in the card`);
        }
      }
    }
  });

  it("the requester's hint is on her view of the request, except right after her click, whose notice says it", () => {
    const { requested } = proposal();
    for (const locale of LOCALES) {
      const t = uiStrings(locale).failover;
      const render = (extra: Partial<FailoverViewContext>) => cardText(renderFailoverCard(requested, context(locale, 'requester', extra), { demo: false, host: null, refreshUserIds: [] }));
      const later = render({});
      assert.ok(later.includes(t.hints.requesterOwn), `${locale}: the hint on a later view`);
      const answer = render({ notice: { text: t.notices.requested, tone: 'good' } });
      assert.ok(answer.includes(t.notices.requested), `${locale}: the notice answers the click`);
      assert.ok(!answer.includes(t.hints.requesterOwn), `${locale}: not said twice`);
    }
  });

  it('offers the buttons each state and viewer may use, and never Approve to the requester', () => {
    const records = recordsByState();
    const expect: Record<string, Record<ViewerRole, string[]>> = {
      proposed: { everyone: ['failover.request'], approver: ['failover.request'], requester: ['failover.request'], 'requester-approver': ['failover.request'] },
      requested: { everyone: ['card.refresh'], approver: ['failover.approve', 'failover.reject'], requester: ['failover.cancel'], 'requester-approver': ['failover.cancel'] },
      running: { everyone: ['card.refresh'], approver: ['card.refresh'], requester: ['card.refresh'], 'requester-approver': ['card.refresh'] },
      rejected: { everyone: [], approver: [], requester: [], 'requester-approver': [] },
      cancelled: { everyone: [], approver: [], requester: [], 'requester-approver': [] },
      'expired-request': { everyone: [], approver: [], requester: [], 'requester-approver': [] },
      'failed-operation': { everyone: [], approver: [], requester: [], 'requester-approver': [] },
    };
    for (const [name, byRole] of Object.entries(expect)) {
      for (const role of ROLES) {
        const record = records[name];
        assert.ok(record);
        const card = renderFailoverCard(record, context('en', role), { demo: false, host: null, refreshUserIds: [] });
        assert.deepEqual(verbs(card), byRole[role], `${name}/${role}`);
      }
    }
    const proposed = renderFailoverCard(records['proposed'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: [] });
    const [justification] = elementsOfType(proposed, 'Input.Text');
    assert.equal(justification?.['id'], 'justification');
    assert.equal(justification?.['isRequired'], true);
    const approver = renderFailoverCard(records['requested'] as FailoverRequest, context('en', 'approver'), { demo: false, host: null, refreshUserIds: [] });
    assert.deepEqual(inputs(approver), ['reason']);
    const [approve, reject] = elementsOfType(approver, 'Action.Execute');
    assert.equal(approve?.['associatedInputs'], 'none', 'Approve does not need (nor validate) the reject reason');
    assert.equal(reject?.['associatedInputs'], undefined, 'Reject sends the reason');
  });

  it('says what the engineer is about to cause: regions, duration from the device count, what is lost, what to do after', () => {
    const { proposed } = proposal();
    const text = cardText(renderFailoverCard(proposed, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null }));
    assert.match(text, /Failover of contoso\\-hub to North Europe/);
    assert.match(text, /West Europe/);
    assert.match(text, /about 38 minutes for 250,000 devices \(from 10 minutes to 2 hours\)/);
    assert.match(text, /device-to-cloud messages not yet read/);
    assert.match(text, /Up to about 5 minutes of identity registry/);
    assert.match(text, /Event Hub-compatible endpoint[\s\S]*restart/);
    assert.match(text, /two failovers and two failbacks per hub per day/);
    const unknownDevices = newProposal({ ...proposalInput(), hub: makeHub({ deviceCount: null }) });
    assert.match(cardText(renderFailoverCard(unknownDevices, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null })), /from 10 minutes to 2 hours \(about 15 minutes per 100,000 devices\)/);
  });

  it('shows progress while running, the outcome after, and why it failed in safe words', () => {
    const records = recordsByState();
    const running = cardText(renderFailoverCard(records['running'] as FailoverRequest, context('en', 'everyone', { now: T0 + 5 * MINUTE + 20_000 }), { demo: false, host: null, refreshUserIds: null }));
    assert.match(running, /Status checks\n1/);
    assert.match(running, /Running for\n3 min 20 s/);
    assert.match(running, /op\\-1234/);
    assert.match(running, /Approved by Bob/);
    const succeeded = cardText(renderFailoverCard(records['succeeded'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null }));
    assert.match(succeeded, /succeeded: it now runs in North Europe/);
    assert.match(succeeded, /Duration\n12 min 0 s/);
    assert.match(succeeded, /New primary location\nNorth Europe/);
    const refused = cardText(renderFailoverCard(records['failed-refused'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null }));
    assert.match(refused, /Resource Health reports the hub as Available again/);
    assert.match(refused, /the previous failover or failback was less than an hour ago/);
    assert.match(refused, /The hub stays in West Europe/);
    assert.match(cardText(renderFailoverCard(records['failed-arm'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null })), /Azure refused the failover request: ARM refused/);
    assert.match(cardText(renderFailoverCard(records['failed-unknown'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null })), /Check the hub in the Azure portal/);
    assert.match(cardText(renderFailoverCard(records['rejected'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null })), /Rejected by Bob[\s\S]*Mitigation expected within minutes/);
    assert.match(cardText(renderFailoverCard(records['expired-request'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null })), /was not approved before/);
    assert.match(cardText(renderFailoverCard(records['expired-proposal'] as FailoverRequest, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null })), /was not requested before/);
  });

  it('escapes what users typed: no link, mention or template expression gets through', () => {
    const hostile = '[click](https://evil.example) <at>Everyone</at> ${t.failover.cardTitle} {{DATE(2026-01-01T00:00:00Z)}} **bold**';
    const { requested } = proposal('en', hostile);
    const card = renderFailoverCard(requested, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null });
    const texts = markdownTexts(card).join('\n');
    assert.ok(texts.includes('\\[click\\]\\(https://evil\\.example\\)'), 'link escaped');
    assert.ok(texts.includes('\\<at\\>Everyone\\</at\\>'), 'mention escaped');
    assert.ok(!texts.includes('${'), 'template expression not left as is');
    assert.ok(texts.includes('\\{\\{DATE'), 'date function escaped');
  });

  it('a succeeded failover offers the failback once the hour has passed; the failback proposal shows on the same card', () => {
    const records = recordsByState();
    const succeeded = records['succeeded'] as FailoverRequest;
    const at = new Date(Date.parse(succeeded.finishedAt ?? '') + 60 * MINUTE).toISOString();
    const early = renderFailoverCard(succeeded, context('en', 'everyone', { now: T0 + 20 * MINUTE, failback: { kind: 'from', at } }), { demo: false, host: null, refreshUserIds: null });
    assert.match(cardText(early), /A failback to West Europe can be requested from/);
    assert.deepEqual(verbs(early), ['card.refresh'], 'Check failback');
    const late = renderFailoverCard(succeeded, context('en', 'everyone', { now: T0 + 80 * MINUTE, failback: { kind: 'from', at } }), { demo: false, host: null, refreshUserIds: null });
    assert.match(cardText(late), /A failback to West Europe is possible now/);

    const failback = newProposal({ ...proposalInput(), id: 'REQ0000000000000002', kind: 'failback', hub: makeHub({ locations: [{ location: 'North Europe', role: 'primary' }, { location: 'West Europe', role: 'secondary' }] }) });
    const offered = renderFailoverCard(succeeded, context('en', 'everyone', { failback: { kind: 'proposed', record: failback } }), { demo: false, host: null, refreshUserIds: null });
    assertFailoverCard(offered, 'failback offered');
    const text = cardText(offered);
    assert.match(text, /succeeded: it now runs in North Europe/);
    assert.match(text, /Failback of contoso\\-hub to West Europe/);
    assert.deepEqual(verbs(offered), ['failover.request']);
    assert.deepEqual(elementsOfType(offered, 'Action.Execute')[0]?.['data'], { requestId: failback.id });
    assert.deepEqual((offered['refresh'] as { action: { data: unknown } }).action.data, { requestId: failback.id }, 'the message now belongs to the failback');
    assert.deepEqual(inputs(offered), ['justification']);
  });

  it('refresh.userIds: omitted when null (small conversation), deduplicated and capped at 60 MRIs', () => {
    const { requested } = proposal();
    const omitted = renderFailoverCard(requested, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: null });
    assert.ok(!('userIds' in (omitted['refresh'] as object)));
    const many = Array.from({ length: 80 }, (_, i) => `29:user-${i % 70}`);
    const capped = renderFailoverCard(requested, context('en', 'everyone'), { demo: false, host: null, refreshUserIds: many });
    const userIds = (capped['refresh'] as { userIds: string[] }).userIds;
    assert.equal(userIds.length, MAX_REFRESH_USERS);
    assert.equal(new Set(userIds).size, userIds.length);
  });

  it('the proposal goes in the diagnosis card slot; updates replace only that slot and keep the diagnosis', () => {
    const { proposed, requested } = proposal();
    const section = renderFailoverSection(proposed, context('en', 'everyone'));
    const { card: base, model } = diagnosisCard({
      diagnosis: diagnosis(),
      locale: 'en',
      demo: false,
      hub: { kind: 'health', result: healthOk({ health: { availabilityState: 'Unavailable' } }) },
      advice: { kind: 'worth-considering', trigger: { availabilityState: 'Unavailable', eventTrackingIds: [] } },
      failover: section,
    });
    assertWellFormedCard(base, 'diagnosis with proposal');
    assert.match(cardText(base), /Request a failover to North Europe if the errors persist/);
    assert.deepEqual(verbs(base), ['failover.request']);
    const updated = renderFailoverCard(requested, context('en', 'approver'), { demo: false, host: model, refreshUserIds: ['29:bob'] });
    assertFailoverCard(updated, 'diagnosis with the request');
    const text = cardText(updated);
    assert.match(text, /500001 ServerError/, 'the diagnosis stays');
    assert.match(text, /waiting for approval/);
    assert.doesNotMatch(text, /Request failover/);
    assert.deepEqual(verbs(updated), ['failover.approve', 'failover.reject']);
    const slots = [...walk(updated)].filter(({ node }) => node['id'] === FAILOVER_SLOT_ID);
    assert.equal(slots.length, 1);
    // The stored model is not modified by rendering.
    assert.deepEqual(verbs(renderFailoverCard(proposed, context('en', 'everyone'), { demo: false, host: model, refreshUserIds: null })), ['failover.request']);

    // When the composed card would be too big, the request stands alone.
    const padded = { ...model, view: { ...model.view, truncated: { show: true, text: 'x'.repeat(CARD_BYTE_LIMIT) } } };
    const alone = renderFailoverCard(requested, context('en', 'everyone'), { demo: false, host: padded, refreshUserIds: null });
    assert.ok(byteLength(alone) < CARD_BYTE_LIMIT);
    assert.doesNotMatch(cardText(alone), /500001/);
    assert.match(cardText(alone), /waiting for approval/);
  });

  it('a notice card stands alone (unknown request, store unavailable)', () => {
    for (const locale of LOCALES) {
      const text = uiStrings(locale).failover.refusals['store-unavailable'];
      const card = renderFailoverNoticeCard(locale, text, 'warning');
      assertWellFormedCard(card, `notice ${locale}`);
      assert.ok(cardText(card).includes(text.slice(0, 30)));
    }
  });
});

function proposalInput() {
  return {
    id: 'REQ0000000000000003',
    revision: 'rev-1',
    hub: makeHub(),
    kind: 'failover' as const,
    conversation: { id: CONVERSATION, reference: null },
    locale: 'en' as const,
    proposedBy: alice,
    availabilityState: 'Unavailable' as const,
    healthCheckedAt: null,
    now: T0,
    ttlMinutes: 30,
  };
}

describe('status and audit cards', () => {
  it('status lists at most 15 requests, escaped, in both languages', () => {
    const { requested } = proposal('en', '**urgent** [x](https://evil.example)');
    const records = Array.from({ length: 20 }, (_, i) => ({ ...requested, id: `REQ00000000000000${String(i).padStart(2, '0')}` }));
    for (const locale of LOCALES) {
      const card = renderFailoverStatusCard(statusEntries(records, CONVERSATION), { locale, demo: false, now: T0 + 10 * MINUTE });
      assertWellFormedCard(card, `status ${locale}`);
      // Each request: its key facts on the first screen, the rest behind its label.
      const items = elementsOfType(card, 'FactSet');
      assert.equal(items.length, 2 * MAX_STATUS_ITEMS);
      assert.match(cardText(card), locale === 'en' ? /\+5 more not shown/ : /\+5 autres non affichées/);
      assert.ok(markdownTexts(card).join('\n').includes('\\*\\*urgent\\*\\* \\[x\\]'));
    }
    const empty = renderFailoverStatusCard([], { locale: 'en', demo: false, now: T0 });
    assertWellFormedCard(empty, 'empty status');
    assert.match(cardText(empty), /No failover is waiting for approval or running/);
  });

  it('audit shows at most 20 records with who, what and why, escaped, under the size limit', () => {
    const record = (i: number): AuditRecord => ({
      id: `audit-${i}`,
      at: new Date(T0 + i * MINUTE).toISOString(),
      kind: i % 2 === 0 ? 'requested' : 'rejected',
      hubId: makeHub().id,
      hubName: 'contoso-hub',
      failoverKind: 'failover',
      actor: i % 3 === 0 ? null : { name: `User <at>${i}</at>`, aadObjectId: null },
      requestId: 'REQ0000000000000001',
      conversationId: CONVERSATION,
      justification: i % 2 === 0 ? `why ${'[x](https://evil.example) '.repeat(100)}` : null,
      reason: i % 2 === 1 ? 'because **reasons**' : null,
      failoverRegion: 'North Europe',
      armRequestId: null,
      operationId: i === 0 ? 'op-1' : null,
      detail: null,
    });
    const records = Array.from({ length: 40 }, (_, i) => record(i));
    for (const locale of LOCALES) {
      const card = renderFailoverAuditCard(auditEntries(records, CONVERSATION), { locale, demo: true, hub: 'contoso-hub' });
      assertWellFormedCard(card, `audit ${locale}`);
      assert.ok(byteLength(card) < CARD_BYTE_LIMIT);
      const lines = markdownTexts(card).filter((text) => text.includes('contoso\\-hub ·'));
      assert.equal(lines.length, MAX_AUDIT_ITEMS);
      const all = markdownTexts(card).join('\n');
      assert.ok(!/(^|[^\\])\[x\]/.test(all), 'links escaped');
      assert.ok(!/(^|[^\\])<at>/.test(all), 'mentions escaped');
    }
    assert.match(cardText(renderFailoverAuditCard([], { locale: 'en', demo: false, hub: null })), /No failover decision recorded yet/);
  });
});

describe('the outcome message', () => {
  it('mentions the requester and the approver with entity texts found in the message', () => {
    const records = recordsByState();
    for (const name of ['succeeded', 'failed-operation', 'failed-refused']) {
      const record = records[name] as FailoverRequest;
      for (const locale of LOCALES) {
        const message = renderOutcomeMessage({ ...record, conversation: { ...record.conversation, locale } }, locale);
        assert.deepEqual(message.mentions.map((mention) => mention.id), ['29:alice', '29:bob']);
        for (const mention of message.mentions) assert.ok(message.text.includes(mention.text), `${name}/${locale}: ${mention.text} in ${message.text}`);
      }
    }
    assert.match(renderOutcomeMessage(records['succeeded'] as FailoverRequest, 'en').text, /^<at>Alice<\/at> <at>Bob<\/at> The failover of contoso-hub to North Europe succeeded in 12 min 0 s\./);
    const odd = { ...(records['succeeded'] as FailoverRequest), requester: { ...alice, name: 'A</at><at>B' } };
    const message = renderOutcomeMessage(odd, 'en');
    assert.equal(message.mentions[0]?.text, '<at>A/atatB</at>');
  });

  it('formats elapsed times', () => {
    assert.equal(formatElapsed('en', 65_000), '1 min 5 s');
    assert.equal(formatElapsed('en', 3_725_000), '1 h 02 min');
    assert.equal(formatElapsed('fr', -5), '0 min 0 s');
  });
});
