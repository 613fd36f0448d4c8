// Failover end to end when things go wrong: the failover itself fails, the bot is killed with SIGKILL in
// the middle of it and restarted on the same SQLite file, the store cannot be written for a while.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import type { ScenarioDefinition, ScenarioHub } from '#src/sim/index.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { postActivity } from '#test/support/activities.ts';
import { cardText, cardsOf } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import type { FakeConnector, RecordedRequest } from '#test/support/fake-connector.ts';
import { ALICE, BOB, FAILOVER_BOT_ENV, auditJson, channelMessage, invokeCard, pasteForProposal, serverErrorPaste, updatesOf } from '#test/support/failover-e2e.ts';
import type { ProposalCard, TeamsUser } from '#test/support/failover-e2e.ts';
import { outageHub } from '#test/support/scenarios.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en').failover;

function scenario(): ScenarioDefinition {
  const hub = (name: string, failover: { durationSeconds: number; outcome: 'succeeded' | 'failed' }): ScenarioHub => ({
    ...outageHub(name),
    failover: { ...failover, pollRetryAfterSeconds: 1 },
  });
  return {
    name: 'failover-resilience',
    hubs: [
      hub('hub-failing', { durationSeconds: 2, outcome: 'failed' }),
      hub('hub-crash', { durationSeconds: 8, outcome: 'succeeded' }),
      hub('hub-locked', { durationSeconds: 2, outcome: 'succeeded' }),
    ],
  };
}

const cardUpdate = (connector: FakeConnector, activityId: string, pattern: RegExp, timeoutMs = 30_000): Promise<RecordedRequest> =>
  connector.waitFor((request) => request.route === 'updateActivity' && request.activityId === activityId && request.status === 200 && pattern.test(cardText(cardsOf(request)[0] ?? {})), timeoutMs);

describe('failover end to end when things fail (bot process, SQLite, simulator, fake connector)', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(scenario()), sqliteState: true, botEnv: FAILOVER_BOT_ENV });

  const act = (proposal: ProposalCard, from: TeamsUser, verb: string, data: Record<string, unknown> = {}) =>
    invokeCard(stack.bot.url, { serviceUrl: stack.connector.url, from, conversationId: proposal.conversationId, replyToId: proposal.cardActivityId, verb, data: { requestId: proposal.requestId, ...data } });

  const posts = (hub: string): number => stack.sim.countRequests({ route: 'failover.start', hub });

  it('a failover that fails shows the failed card with Azure\'s message, announces it and audits it', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-failing');
    await act(proposal, ALICE, 'failover.request', { justification: 'Outage in West US' });
    const approved = await act(proposal, BOB, 'failover.approve');
    assert.equal(approved.body.statusCode, 200);
    const failed = await cardUpdate(stack.connector, proposal.cardActivityId, /hub-failing to East US: failed/);
    const text = cardText(cardsOf(failed)[0] ?? {});
    assert.match(text, /The failover ran and failed: The manual failover of the IoT hub could not be completed/);
    const announcement = await stack.connector.waitFor(
      (request) => request.route === 'replyToActivity' && request.activityId === proposal.userMessageId && /failed/.test(String(request.body?.['text'] ?? '')),
      15_000,
    );
    assert.match(String(announcement.body?.['text']), /<at>Alice Requester<\/at>.*<at>Bob Approver<\/at>/);
    assert.equal(posts('hub-failing'), 1);
    const audit = (await auditJson(stack.bot.url, '&hub=hub-failing')).filter((record) => record['requestId'] === proposal.requestId);
    const failure = audit.find((record) => record['kind'] === 'failed');
    assert.ok(failure, `a failed record: ${audit.map((record) => record['kind']).join()}`);
    assert.match(String(failure['reason']), /could not be completed/);
    assert.ok(audit.some((record) => record['kind'] === 'started'));
  });

  it('kill -9 during the failover, restart on the same SQLite file: the card completes, one POST', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-crash');
    await act(proposal, ALICE, 'failover.request', { justification: 'Outage, drill of the restart' });
    await act(proposal, BOB, 'failover.approve');
    // Running, with the poller's state saved (at least one status check).
    await cardUpdate(stack.connector, proposal.cardActivityId, /hub-crash to East US: running[\s\S]*Status checks\n[1-9]/, 15_000);
    assert.equal(posts('hub-crash'), 1);
    const killed = await stack.bot.stop('SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');
    const before = updatesOf(stack.connector, proposal.cardActivityId).length;

    stack.bot = await stack.startBot();
    await cardUpdate(stack.connector, proposal.cardActivityId, /hub-crash succeeded/);
    assert.ok(updatesOf(stack.connector, proposal.cardActivityId).length > before, 'the restarted bot updated the card');
    assert.equal(posts('hub-crash'), 1, 'the restarted bot polled, it did not POST again');
    await stack.connector.waitFor((request) => request.route === 'replyToActivity' && request.activityId === proposal.userMessageId && /succeeded/.test(String(request.body?.['text'] ?? '')), 15_000);
    const kinds = (await auditJson(stack.bot.url, '&hub=hub-crash')).filter((record) => record['requestId'] === proposal.requestId).map((record) => record['kind']);
    assert.equal(kinds.filter((kind) => kind === 'started').length, 1);
    assert.equal(kinds.filter((kind) => kind === 'succeeded').length, 1);
  });

  it('the store cannot be written: the user gets a clear card, nothing half-done; it works again afterwards', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-locked');
    await act(proposal, ALICE, 'failover.request', { justification: 'Outage, store test' });
    // Another connection holds SQLite's write lock longer than the bot waits for it (5 s): writes fail, reads work.
    const blocker = new DatabaseSync(stack.database, { timeout: 5_000 });
    blocker.exec('BEGIN IMMEDIATE');
    try {
      const approve = await act(proposal, BOB, 'failover.approve');
      assert.equal(approve.status, 200);
      assert.equal(approve.body.statusCode, 200);
      assert.match(approve.text, new RegExp(en.refusals['store-unavailable'].slice(0, 40)));
      assert.match(approve.text, /Nothing was changed/);

      // A paste meanwhile still gets its diagnosis, with the reason there is no request button.
      const built = channelMessage(stack.connector.url, ALICE, serverErrorPaste('hub-locked'));
      assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
      const reply = await finalReply(stack.connector, built.activityId, 20_000);
      const text = cardText(cardsOf(reply)[0] ?? {});
      assert.match(text, /500001/);
      assert.match(text, /A failover request could not be prepared/);
      assert.doesNotMatch(text, /Request failover/);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    assert.equal(posts('hub-locked'), 0, 'nothing started');
    const stillWaiting = await act(proposal, BOB, 'card.refresh');
    assert.match(stillWaiting.text, /hub-locked to East US: waiting for approval/);

    const approved = await act(proposal, BOB, 'failover.approve');
    assert.match(approved.text, new RegExp(en.notices.approved));
    await cardUpdate(stack.connector, proposal.cardActivityId, /hub-locked succeeded/);
    assert.equal(posts('hub-locked'), 1);
  });
});
