// Two bot processes sharing one Azure Blob store (Azurite on loopback) as STATE_STORE=azblob: approvals
// sent through both at once give one transition and one failover POST; the audit API is off without a token.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startArmSimulator } from '#src/sim/index.ts';
import type { ArmSimulator } from '#src/sim/index.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { startAzurite } from '#test/support/azurite.ts';
import type { Azurite } from '#test/support/azurite.ts';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { cardText, cardsOf } from '#test/support/cards.ts';
import { simulatorEnv } from '#test/support/e2e-stack.ts';
import { startFakeConnector } from '#test/support/fake-connector.ts';
import type { FakeConnector } from '#test/support/fake-connector.ts';
import { ALICE, APPROVERS_ENV, BOB, CAROL, invokeCard, outageScenario, pasteForProposal } from '#test/support/failover-e2e.ts';

const en = uiStrings('en').failover;

describe('failover with two bot instances sharing Azurite (STATE_STORE=azblob)', () => {
  let azurite: Azurite;
  let sim: ArmSimulator;
  let connector: FakeConnector;
  let bots: BotProcess[] = [];

  before(async () => {
    azurite = await startAzurite();
    sim = await startArmSimulator({ scenario: outageScenario(['hub-shared'], { failoverSeconds: 3 }) });
    connector = await startFakeConnector();
    const env = {
      ...simulatorEnv(sim),
      STATE_STORE: 'azblob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'failover-e2e',
      FAILOVER_APPROVERS: APPROVERS_ENV,
      FAILOVER_POLL_SECONDS: '1',
    };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  });

  after(async () => {
    await Promise.all(bots.map((bot) => bot.stop('SIGKILL')));
    await connector?.close();
    await sim?.close();
    await azurite?.stop();
  });

  it('both instances are ready with the shared store', async () => {
    for (const bot of bots) {
      const ready = await fetch(`${bot.url}/readyz`);
      const body = (await ready.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
      assert.equal(ready.status, 200, JSON.stringify(body));
      assert.deepEqual(body.checks['state'], { ok: true, detail: 'azblob' });
    }
  });

  it('concurrent approvals through both instances: one transition, one failover POST, the card completes', async () => {
    const [first, second] = bots;
    assert.ok(first && second);
    const proposal = await pasteForProposal(first.url, connector, ALICE, 'hub-shared');
    const requested = await invokeCard(second.url, {
      serviceUrl: connector.url,
      from: ALICE,
      conversationId: proposal.conversationId,
      replyToId: proposal.cardActivityId,
      verb: 'failover.request',
      data: { requestId: proposal.requestId, justification: 'Outage seen by both instances' },
    });
    assert.match(requested.text, /waiting for approval/);

    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        invokeCard((i % 2 === 0 ? first : second).url, {
          serviceUrl: connector.url,
          from: i % 3 === 0 ? CAROL : BOB,
          conversationId: proposal.conversationId,
          replyToId: proposal.cardActivityId,
          verb: 'failover.approve',
          data: { requestId: proposal.requestId },
        }),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(answer.body.statusCode, 200);
    }
    assert.equal(answers.filter((answer) => answer.text.includes(en.notices.approved)).length, 1, 'one approval won');
    await connector.waitFor(
      (request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && /hub-shared succeeded/.test(cardText(cardsOf(request)[0] ?? {})),
      30_000,
    );
    assert.equal(sim.countRequests({ route: 'failover.start', hub: 'hub-shared' }), 1, 'exactly one failover POST');
  });

  it('without AUDIT_API_TOKEN the audit API does not exist (404)', async () => {
    const [first] = bots;
    assert.ok(first);
    const response = await fetch(`${first.url}/api/audit?format=json`, { headers: { authorization: 'Bearer anything-at-all-1234567890' } });
    assert.equal(response.status, 404);
  });
});
