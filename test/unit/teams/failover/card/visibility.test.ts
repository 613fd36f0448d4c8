// `status` and `audit` show a request in full only in the conversation of its card (a channel and its threads
// are one); elsewhere its hub, state and times only. The request card says when a key was removed from what
// was typed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '#src/core/locale.ts';
import type { AuditRecord, FailoverRequest } from '#src/failover/index.ts';
import { newProposal, transition } from '#src/failover/workflow.ts';
import type { WorkflowCommand } from '#src/failover/workflow.ts';
import { fill, plural, uiStrings } from '#src/i18n/index.ts';
import { renderFailoverAuditCard, renderFailoverCard, renderFailoverStatusCard } from '#src/teams/failover/card/render.ts';
import { auditEntries, statusEntries } from '#src/teams/failover/card/visibility.ts';
import { APPROVERS, MINUTE, T0, alice, bob, carol, makeHub } from '#test/support/failover-fakes.ts';
import { assertWellFormedCard, cardText } from '#test/support/card-helpers.ts';

const CHANNEL_THREAD = '19:private@thread.tacv2;messageid=1700000000001';
const SAME_CHANNEL_OTHER_THREAD = '19:private@thread.tacv2;messageid=1700000000999';
const ELSEWHERE = ['19:general@thread.tacv2;messageid=5', 'a:1personal-bystander', '19:group@thread.v2', ''];
const JUSTIFICATION = 'Plant seven offline, incident PRIV-4711';
const REASON = 'Mitigation expected, bridge PRIV-0815';
const LOCALES: Locale[] = ['en', 'fr'];

function step(record: FailoverRequest, command: WorkflowCommand, now: number): { next: FailoverRequest; audit: AuditRecord[] } {
  const result = transition(record, command, { now, approvers: APPROVERS, ttlMinutes: 30, leaseMs: 60_000 });
  assert.ok(result.ok, `${command.type}: ${result.ok ? '' : result.refusal}`);
  return { next: result.next, audit: result.audit.map((draft, i) => ({ ...draft, id: `${command.type}-${i}` })) };
}

/** A request made in the private channel: requested, then approved and running, and another one rejected; with their audit records. */
function history(justification = JUSTIFICATION, reason = REASON): { records: FailoverRequest[]; audit: AuditRecord[]; requested: FailoverRequest; rejected: FailoverRequest } {
  const proposed = newProposal({
    id: 'REQ0000000000000001',
    revision: 'rev-1',
    hub: makeHub(),
    kind: 'failover',
    conversation: { id: CHANNEL_THREAD, reference: null },
    locale: 'en',
    proposedBy: alice,
    availabilityState: 'Unavailable',
    healthCheckedAt: null,
    now: T0,
    ttlMinutes: 30,
  });
  const requested = step(proposed, { type: 'request', actor: alice, justification }, T0 + MINUTE);
  const approved = step(requested.next, { type: 'approve', actor: bob }, T0 + 2 * MINUTE);
  const started = step(approved.next, { type: 'start', runnerId: 'runner-1' }, T0 + 2 * MINUTE);
  const running = step(
    started.next,
    { type: 'progress', runnerId: 'runner-1', progress: { status: 'running', resumeToken: 't', armRequestId: 'arm-secret-id', operationId: 'op-secret-id', errorMessage: null } },
    T0 + 3 * MINUTE,
  );
  const rejected = step(requested.next, { type: 'reject', actor: carol, reason }, T0 + 4 * MINUTE);
  return {
    records: [requested.next, running.next],
    audit: [...requested.audit, ...approved.audit, ...running.audit, ...rejected.audit].reverse(),
    requested: requested.next,
    rejected: rejected.next,
  };
}

const PRIVATE = [alice.name, bob.name, carol.name, JUSTIFICATION, REASON, 'PRIV-', 'op-secret-id', 'arm-secret-id', 'private@thread'];

function leaked(text: string): string[] {
  const plain = text.replace(/\\/g, '');
  return PRIVATE.filter((value) => plain.includes(value));
}

describe('who sees what of a request in status and audit', () => {
  it('the conversation of the card (any thread of its channel) sees it in full; every other one only as an outline', () => {
    const { records, audit } = history();
    for (const here of [CHANNEL_THREAD, SAME_CHANNEL_OTHER_THREAD]) {
      assert.ok(statusEntries(records, here).every((entry) => entry.here), here);
      assert.ok(auditEntries(audit, here).every((entry) => entry.here), here);
    }
    for (const elsewhere of ELSEWHERE) {
      assert.ok(statusEntries(records, elsewhere).every((entry) => !entry.here), elsewhere);
      assert.ok(auditEntries(audit, elsewhere).every((entry) => !entry.here), elsewhere);
    }
  });

  it('an audit record that does not say where it was made is shown as from elsewhere', () => {
    const { audit } = history();
    const { conversationId: _dropped, ...older } = audit[0] as AuditRecord;
    assert.deepEqual(
      auditEntries([older], CHANNEL_THREAD).map((entry) => entry.here),
      [false],
    );
  });

  it('status elsewhere names the hub, state and times, and no person, text, ARM id or conversation', () => {
    const { records } = history();
    for (const locale of LOCALES) {
      const t = uiStrings(locale).failover.status;
      const card = renderFailoverStatusCard(statusEntries(records, 'a:1personal-bystander'), { locale, demo: false, now: T0 + 10 * MINUTE });
      assertWellFormedCard(card, `status elsewhere ${locale}`);
      const text = cardText(card);
      assert.deepEqual(leaked(text), [], text);
      assert.ok(text.includes(t.states.requested) && text.includes(t.states.running), text);
      assert.match(text, /contoso\\?-hub/);
      assert.ok(text.includes(t.elsewhere) && text.includes(t.elsewhereNote), text);

      const full = cardText(renderFailoverStatusCard(statusEntries(records, SAME_CHANNEL_OTHER_THREAD), { locale, demo: false, now: T0 + 10 * MINUTE }));
      assert.deepEqual(leaked(full), [alice.name, bob.name, JUSTIFICATION, 'PRIV-'], full);
      assert.ok(!full.includes(t.elsewhereNote));
    }
  });

  it('audit elsewhere names the hub, decision and time, and no person, text or ARM id', () => {
    const { audit } = history();
    for (const locale of LOCALES) {
      const t = uiStrings(locale).failover.audit;
      const card = renderFailoverAuditCard(auditEntries(audit, '19:general@thread.tacv2;messageid=5'), { locale, demo: false, hub: null });
      assertWellFormedCard(card, `audit elsewhere ${locale}`);
      const text = cardText(card);
      assert.deepEqual(leaked(text), [], text);
      for (const kind of ['requested', 'approved', 'started', 'rejected'] as const) assert.ok(text.includes(t.kinds[kind]), `${kind}: ${text}`);
      assert.ok(!text.includes(t.bot) && text.includes(t.elsewhereNote), text);

      const full = cardText(renderFailoverAuditCard(auditEntries(audit, CHANNEL_THREAD), { locale, demo: false, hub: null }));
      assert.deepEqual(leaked(full), [alice.name, bob.name, carol.name, JUSTIFICATION, REASON, 'PRIV-', 'op-secret-id'], full);
    }
  });
});

describe('the request card tells that a key was removed from what was typed', () => {
  const KEY = 'q2Zk3uT4mVb9WcXyA1sD5fG7hJ8kL0pO9iU8yT7rE6w=';
  const context = (locale: Locale) => ({ locale, now: T0 + 5 * MINUTE, role: 'everyone' as const, approversConfigured: true });

  it('on the requested and rejected cards, in English and French, by kind; never the key', () => {
    const { requested, rejected } = history(`Gateways down, tried SharedAccessKey=${KEY}`, `Works with sig=${KEY}`);
    for (const locale of LOCALES) {
      const t = uiStrings(locale).failover.secretsRemoved;
      const kinds = uiStrings(locale).diagnosis.secretKinds;
      const asked = cardText(renderFailoverCard({ ...requested, conversation: { ...requested.conversation, locale } }, context(locale), { demo: false, host: null, refreshUserIds: [] }));
      assert.ok(asked.includes(fill(plural(locale, 1, t.justification), { kinds: kinds['shared-access-key'] })), asked);
      const refused = cardText(renderFailoverCard(rejected, context(locale), { demo: false, host: null, refreshUserIds: [] }));
      assert.ok(refused.includes(fill(plural(locale, 1, t.reason), { kinds: kinds['sas-signature'] })), refused);
      assert.ok(refused.includes(fill(plural(locale, 1, t.justification), { kinds: kinds['shared-access-key'] })), refused);
      for (const text of [asked, refused]) assert.ok(!text.replace(/\\/g, '').includes(KEY.slice(0, 16)));
    }
  });

  it('not when nothing was removed', () => {
    const { requested, rejected } = history();
    for (const record of [requested, rejected]) {
      const text = cardText(renderFailoverCard(record, context('en'), { demo: false, host: null, refreshUserIds: [] }));
      assert.doesNotMatch(text, /was removed from/);
    }
  });
});
