// Failover approval end to end: the bot as its own process (SQLite state), the ARM simulator, a fake Bot
// Connector. Paste → proposal → request → approval by another user → live card updates → outcome message,
// with exactly one failover POST; concurrency, refusals, connector hiccups, commands and the audit API.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { postActivity } from '#test/support/activities.ts';
import { cardText, cardsOf } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import {
  ALICE,
  AUDIT_TOKEN,
  FAILOVER_BOT_ENV,
  BOB,
  CAROL,
  MALLORY,
  auditJson,
  channelMessage,
  executeActions,
  invokeCard,
  outageScenario,
  pasteForProposal,
  updatesOf,
} from '#test/support/failover-e2e.ts';
import type { InvokeOptions, ProposalCard, TeamsUser } from '#test/support/failover-e2e.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en').failover;
const HUBS = ['hub-happy', 'hub-race', 'hub-refusals', 'hub-reject', 'hub-cancel', 'hub-connector', 'hub-status'];

describe('failover approval end to end (bot process, SQLite, simulator, fake connector)', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario(HUBS, { failoverSeconds: 3 })), sqliteState: true, botEnv: FAILOVER_BOT_ENV });

  const act = (proposal: ProposalCard, from: TeamsUser, verb: string, data: Record<string, unknown> = {}, extra: Partial<InvokeOptions> = {}) =>
    invokeCard(stack.bot.url, {
      serviceUrl: stack.connector.url,
      from,
      conversationId: proposal.conversationId,
      replyToId: proposal.cardActivityId,
      verb,
      data: { requestId: proposal.requestId, ...data },
      ...extra,
    });

  const posts = (hub: string): number => stack.sim.countRequests({ route: 'failover.start', hub });

  it('paste → proposal → request by A → approval by B → live updates → succeeded, one POST, outcome message, audit', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-happy');
    const proposalText = cardText(proposal.card);
    assert.match(proposalText, /Failover of hub-happy to East US/);
    assert.match(proposalText, /What is lost/);
    assert.match(proposalText, /Event Hub-compatible endpoint/);
    const refresh = proposal.card['refresh'] as { action: { verb: string; data: { requestId: string } } } | undefined;
    assert.equal(refresh?.action.verb, 'card.refresh');
    assert.equal(refresh?.action.data.requestId, proposal.requestId);

    const requested = await act(proposal, ALICE, 'failover.request', { justification: 'Hub unavailable for 20 minutes, devices cannot connect' });
    assert.equal(requested.status, 200);
    assert.equal(requested.body.statusCode, 200);
    assert.match(requested.text, /waiting for approval/);
    assert.match(requested.text, new RegExp(en.notices.requested));
    // The requester's own view: cancel, never approve.
    const requesterVerbs = executeActions(requested.card).map((action) => action.verb);
    assert.ok(requesterVerbs.includes('failover.cancel') && !requesterVerbs.includes('failover.approve'), requesterVerbs.join());

    // The shared card is updated for everyone to "waiting for approval".
    await stack.connector.waitFor((request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && /waiting for approval/.test(cardText(cardsOf(request)[0] ?? {})));

    // The approver's view (refresh) has Approve and Reject.
    const approverView = await act(proposal, BOB, 'card.refresh', {}, { trigger: 'automatic' });
    const approverVerbs = executeActions(approverView.card).map((action) => action.verb);
    assert.ok(approverVerbs.includes('failover.approve') && approverVerbs.includes('failover.reject'), approverVerbs.join());

    const approved = await act(proposal, BOB, 'failover.approve');
    assert.equal(approved.status, 200);
    assert.equal(approved.body.statusCode, 200);
    assert.match(approved.text, /approved, starting|running/);

    const succeeded = await stack.connector.waitFor(
      (request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && /hub-happy succeeded/.test(cardText(cardsOf(request)[0] ?? {})),
      30_000,
    );
    assert.match(cardText(cardsOf(succeeded)[0] ?? {}), /New primary location[\s\S]*East US/);
    const texts = updatesOf(stack.connector, proposal.cardActivityId).map((update) => update.text);
    assert.ok(texts.some((text) => /: running/.test(text) && /Status checks/.test(text)), 'a running update with progress was sent');
    // The diagnosis stays on the message: the updates replace only the failover section.
    assert.ok(texts.every((text) => /500001/.test(text)), 'the diagnosis is kept');

    const announcement = await stack.connector.waitFor(
      (request) => request.route === 'replyToActivity' && request.activityId === proposal.userMessageId && typeof request.body?.['text'] === 'string' && /succeeded/.test(String(request.body['text'])),
      15_000,
    );
    const text = String(announcement.body?.['text']);
    const entities = (announcement.body?.['entities'] ?? []) as { type: string; text: string; mentioned: { id: string } }[];
    for (const user of [ALICE, BOB]) {
      const mention = entities.find((entity) => entity.type === 'mention' && entity.mentioned.id === user.id);
      assert.ok(mention, `${user.name} is mentioned`);
      assert.ok(text.includes(mention.text), 'the mention text is in the message');
    }
    assert.equal(posts('hub-happy'), 1, 'exactly one failover POST');

    const audit = (await auditJson(stack.bot.url, '&hub=hub-happy')).filter((record) => record['requestId'] === proposal.requestId);
    const kinds = audit.map((record) => record['kind']);
    for (const kind of ['requested', 'approved', 'started', 'succeeded']) assert.ok(kinds.includes(kind), `audit has ${kind}: ${kinds.join()}`);
    const requestedRecord = audit.find((record) => record['kind'] === 'requested');
    assert.equal((requestedRecord?.['actor'] as { aadObjectId: string }).aadObjectId, ALICE.aadObjectId);
    assert.equal((audit.find((record) => record['kind'] === 'approved')?.['actor'] as { aadObjectId: string }).aadObjectId, BOB.aadObjectId);
    assert.ok(audit.find((record) => record['kind'] === 'started')?.['operationId'], 'the ARM operation id is recorded');
  });

  it('20 concurrent approve invokes (same and different approvers, Teams retries) give one transition and one POST', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-race');
    const requested = await act(proposal, ALICE, 'failover.request', { justification: 'Region outage confirmed by the status page' });
    assert.match(requested.text, /waiting for approval/);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => act(proposal, i % 2 === 0 ? BOB : CAROL, 'failover.approve')));
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(answer.body.statusCode, 200);
      assert.ok(answer.card, 'every invoke is answered with a card');
    }
    const winners = answers.filter((answer) => answer.text.includes(en.notices.approved));
    assert.equal(winners.length, 1, `exactly one approval won: ${answers.map((answer) => answer.text.split('\n').find((line) => /approv|already/i.test(line))).join(' | ')}`);
    await stack.connector.waitFor(
      (request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && /hub-race succeeded/.test(cardText(cardsOf(request)[0] ?? {})),
      30_000,
    );
    assert.equal(posts('hub-race'), 1, 'exactly one failover POST');
    const approvals = (await auditJson(stack.bot.url, '&hub=hub-race')).filter((record) => record['requestId'] === proposal.requestId && record['kind'] === 'approved');
    assert.equal(approvals.length, 1, 'one approval in the audit trail');
  });

  it('refuses self-approval and non-approvers with a card (HTTP 200); rejects with a reason', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-refusals');
    // Requesting needs a justification.
    const empty = await act(proposal, ALICE, 'failover.request', { justification: '   ' });
    assert.equal(empty.status, 200);
    assert.match(empty.text, new RegExp(en.refusals['justification-required']));
    // An approver who requests cannot approve their own request (and never sees Approve on it).
    const requested = await act(proposal, BOB, 'failover.request', { justification: 'Devices offline in West US' });
    assert.ok(!executeActions(requested.card).some((action) => action.verb === 'failover.approve'), 'no Approve for the requester');
    const self = await act(proposal, BOB, 'failover.approve');
    assert.equal(self.status, 200);
    assert.equal(self.body.statusCode, 200);
    assert.match(self.text, new RegExp(en.refusals['self-approval'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const onlooker = await act(proposal, MALLORY, 'failover.approve');
    assert.equal(onlooker.status, 200);
    assert.match(onlooker.text, /Only the approvers configured on this bot/);
    // Rejecting needs a reason; with one, the request is rejected and the card says by whom and why.
    const noReason = await act(proposal, CAROL, 'failover.reject', { reason: '' });
    assert.match(noReason.text, new RegExp(en.refusals['reason-required']));
    const rejected = await act(proposal, CAROL, 'failover.reject', { reason: 'Microsoft expects mitigation within 10 minutes' });
    assert.match(rejected.text, /hub-refusals to East US: rejected/);
    assert.match(rejected.text, /Microsoft expects mitigation within 10 minutes/);
    await stack.connector.waitFor((request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && /: rejected/.test(cardText(cardsOf(request)[0] ?? {})));
    // Too late for anything else.
    const late = await act(proposal, CAROL, 'failover.approve');
    assert.match(late.text, new RegExp(en.refusals['already-rejected']));
    assert.equal(posts('hub-refusals'), 0);
    const kinds = (await auditJson(stack.bot.url, '&hub=hub-refusals')).filter((record) => record['requestId'] === proposal.requestId).map((record) => record['kind']);
    assert.deepEqual(kinds, ['requested', 'rejected']);
  });

  it('the requester cancels a pending request; nothing runs', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-cancel');
    await act(proposal, ALICE, 'failover.request', { justification: 'Errors for 15 minutes' });
    const stranger = await act(proposal, MALLORY, 'failover.cancel');
    assert.match(stranger.text, new RegExp(en.refusals['not-allowed-to-cancel']));
    const cancelled = await act(proposal, ALICE, 'failover.cancel');
    assert.match(cancelled.text, /: cancelled/);
    assert.match(cancelled.text, /Cancelled by Alice Requester/);
    const approve = await act(proposal, BOB, 'failover.approve');
    assert.match(approve.text, new RegExp(en.refusals['already-cancelled']));
    assert.equal(posts('hub-cancel'), 0);
  });

  it('forged ids, another conversation\'s request, unknown verbs and malformed invokes get a refusal card with 200', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-reject');
    const cases: { name: string; options: Partial<InvokeOptions> & { verb: string; data: Record<string, unknown> } }[] = [
      { name: 'forged id', options: { verb: 'failover.approve', data: { requestId: 'AAAAAAAAAAAAAAAAAAAAAA' } } },
      { name: 'not an id', options: { verb: 'failover.approve', data: { requestId: '../../failover/active' } } },
      { name: 'no id', options: { verb: 'failover.request', data: { justification: 'x' } } },
      { name: 'id of another type', options: { verb: 'failover.request', data: { requestId: 42, justification: 'x' } } },
      { name: 'another conversation', options: { verb: 'failover.request', data: { requestId: proposal.requestId, justification: 'x' }, conversationId: '19:other@thread.tacv2;messageid=1' } },
      { name: 'unknown verb', options: { verb: 'failover.nuke', data: { requestId: proposal.requestId } } },
      { name: 'no action', options: { verb: '', data: {}, value: { trigger: 'manual' } } },
      { name: 'Action.Submit type', options: { verb: '', data: {}, value: { action: { type: 'Action.Submit', data: { requestId: proposal.requestId } } } } },
      { name: 'no value', options: { verb: '', data: {}, value: undefined } },
    ];
    for (const { name, options } of cases) {
      const answer = await invokeCard(stack.bot.url, {
        serviceUrl: stack.connector.url,
        from: BOB,
        conversationId: proposal.conversationId,
        replyToId: proposal.cardActivityId,
        ...options,
      });
      assert.equal(answer.status, 200, `${name}: HTTP ${answer.status}`);
      assert.equal(answer.body.statusCode, 200, name);
      assert.ok(answer.card, `${name}: a card`);
      assert.match(answer.text, /Nothing was changed/, name);
      assert.doesNotMatch(answer.text, /hub-reject/, `${name}: nothing about the request leaks`);
    }
    // A hub or resource id in the data is never used: the request still concerns its own hub.
    const withForgedHub = await act(proposal, ALICE, 'failover.request', {
      justification: 'Outage',
      hubId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/x/providers/Microsoft.Devices/IotHubs/other',
      failoverRegion: 'Mars',
    });
    assert.match(withForgedHub.text, /hub-reject to East US: waiting for approval/);
    assert.doesNotMatch(withForgedHub.text, /Mars|IotHubs\/other/);
  });

  it('a card update answered 429 then 502 by the connector still arrives', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-connector');
    const before = updatesOf(stack.connector, proposal.cardActivityId).length;
    stack.connector.failNext(1, { status: 429, retryAfterSeconds: 0 });
    stack.connector.failNext(1, { status: 502 });
    await act(proposal, ALICE, 'failover.request', { justification: 'Testing connector retries' });
    const update = await stack.connector.waitFor(
      (request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && request.status === 200 && /waiting for approval/.test(cardText(cardsOf(request)[0] ?? {})),
      20_000,
    );
    assert.ok(update);
    const failed = stack.connector.requests.filter((request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && request.status !== 200);
    assert.deepEqual(failed.map((request) => request.status), [429, 502]);
    assert.ok(updatesOf(stack.connector, proposal.cardActivityId).length > before);
  });

  it('status lists pending and running requests; audit shows the latest decisions; both in French too', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-status');
    await act(proposal, ALICE, 'failover.request', { justification: 'Status <at>command</at> [test](http://evil.example)' });
    const command = async (text: string, locale = 'en-US'): Promise<{ raw: string; text: string }> => {
      const built = channelMessage(stack.connector.url, MALLORY, text);
      built.activity['locale'] = locale;
      const response = await postActivity(stack.bot.url, built.activity);
      assert.equal(response.status, 200);
      const reply = await finalReply(stack.connector, built.activityId);
      const card = cardsOf(reply)[0];
      assert.ok(card, `a card for "${text}"`);
      return { raw: JSON.stringify(card), text: cardText(card) };
    };
    const status = await command('status');
    assert.match(status.text, /Failover of hub-status to East US: Waiting for approval/);
    assert.match(status.text, /Alice Requester/);
    assert.match(status.text, /Status <at>command<\/at> \[test\]\(http:\/\/evil\.example\)/, 'the justification is shown');
    assert.match(status.raw, /\\\\<at\\\\>/, 'with its markdown and mention tags escaped');
    const statut = await command('statut', 'fr-FR');
    assert.match(statut.text, /Basculement de hub-status vers East US/);
    const audit = await command('audit hub-status');
    assert.match(audit.text, /requested · hub-status · Alice Requester/);
    assert.doesNotMatch(audit.text, /hub-happy/, 'only the hub asked for');
    const journal = await command('journal', 'fr-FR');
    assert.match(journal.text, /Journal des basculements/);
    assert.match(journal.text, /demandé · hub-status/);
  });

  it('/api/audit: 401 without or with a wrong token, CSV with its header row, JSON', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', `Basic ${AUDIT_TOKEN}`, `Bearer ${AUDIT_TOKEN}x`]) {
      const response = await fetch(`${stack.bot.url}/api/audit?format=csv`, { headers: authorization ? { authorization } : {} });
      assert.equal(response.status, 401, String(authorization));
      const body = await response.text();
      assert.doesNotMatch(body, /token|AUDIT_API_TOKEN|hub-/i, 'no detail');
    }
    const csv = await fetch(`${stack.bot.url}/api/audit?format=csv`, { headers: { authorization: `Bearer ${AUDIT_TOKEN}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const text = await csv.text();
    assert.equal(text.split('\r\n')[0], 'id,at,kind,hubId,hubName,failoverKind,actorName,actorAadObjectId,requestId,justification,reason,failoverRegion,armRequestId,operationId,detail');
    assert.match(text, /hub-happy/);
    const bad = await fetch(`${stack.bot.url}/api/audit?format=xml`, { headers: { authorization: `Bearer ${AUDIT_TOKEN}` } });
    assert.equal(bad.status, 400);
    const empty = await auditJson(stack.bot.url, '&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z');
    assert.deepEqual(empty, []);
  });
});

