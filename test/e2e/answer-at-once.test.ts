// Answer at once, complete in place: the bot as a process, the simulator with a slow Resource Health (a
// 2.5 s delay on the hub's availability status), the fake connector. The diagnosis card is posted as soon as
// the paste is read, saying the hub's health is being checked; once the health answers, that same message is
// updated once (PUT of its activity id) with the health and the failover proposal, which belongs to it. A
// health already cached makes the first card complete: one POST, no PUT.
//
// Times are measured and reported (t.diagnostic), and compared with each other, not with fixed budgets: the
// first card arrives well before the update, and the update not before the simulator's delay.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { postActivity } from '#test/support/activities.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { ALICE, FAILOVER_BOT_ENV, actOnProposal, channelMessage, executeActions, outageScenario, serverErrorPaste, updatesOf } from '#test/support/failover-e2e.ts';
import type { ProposalCard } from '#test/support/failover-e2e.ts';
import type { FakeConnector, RecordedRequest } from '#test/support/fake-connector.ts';
import { POST_DATA, messageActionInvoke } from '#test/support/message-action.ts';
import { isChecking, updateOf } from '#test/support/replies.ts';

const en = uiStrings('en');
const UNAVAILABLE = fill(en.health.resourceHealth, { state: en.health.states.Unavailable });
/** How long the simulator holds each Resource Health answer of a slow hub (real milliseconds). */
const HEALTH_DELAY_MS = 2500;
const HUBS = ['slow-hub', 'burst-hub', 'cached-hub', 'named-hub', 'action-hub'] as const;

function postsTo(connector: FakeConnector, conversationId: string): RecordedRequest[] {
  return connector.requests.filter((request) => (request.route === 'replyToActivity' || request.route === 'sendToConversation') && request.conversationId === conversationId);
}

function requestIdOf(card: Record<string, unknown>): string {
  const request = executeActions(card).find((action) => action.verb === 'failover.request');
  assert.ok(request, `a Request failover button:\n${cardText(card).slice(0, 2000)}`);
  const requestId = request.data['requestId'];
  assert.equal(typeof requestId, 'string');
  return requestId as string;
}

describe('answer at once, complete in place (bot process, simulator with a slow Resource Health, fake connector)', () => {
  // The budget is raised so that the 2.5 s delay is answered (and not cut off) on a busy machine.
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario(HUBS)), botEnv: { ...FAILOVER_BOT_ENV, HEALTH_BUDGET_MS: '8000' } });

  const slowHealth = (hub: (typeof HUBS)[number]): void => {
    stack.sim.injectFault({ route: 'health.current', hub, action: 'delay', delayMs: HEALTH_DELAY_MS });
  };

  it('a paste: the diagnosis card first, then one update of that card with the health and the proposal, which belongs to it', async (t) => {
    slowHealth('slow-hub');
    const built = channelMessage(stack.connector.url, ALICE, serverErrorPaste('slow-hub'));
    const sent = performance.now();
    const answered = postActivity(stack.bot.url, built.activity);
    const first = await stack.connector.waitFor((request) => request.route === 'replyToActivity' && request.activityId === built.activityId && request.status === 200);
    const firstMs = performance.now() - sent;
    const update = await updateOf(stack.connector, first);
    const updateMs = performance.now() - sent;
    assert.equal((await answered).status, 200);
    t.diagnostic(`first card ${Math.round(firstMs)} ms after the paste, its update ${Math.round(updateMs)} ms (Resource Health held ${HEALTH_DELAY_MS} ms)`);

    const firstText = cardText(onlyCard(first));
    assert.match(firstText, /500001/, 'the diagnosis is on the first card');
    assert.ok(isChecking(first), firstText);
    assert.ok(!firstText.includes(UNAVAILABLE), 'no health on the first card');
    assert.deepEqual(executeActions(onlyCard(first)), [], 'nothing to press before the health is known');
    assert.ok(firstMs < HEALTH_DELAY_MS, `the first card came before Resource Health answered (${Math.round(firstMs)} ms, health held ${HEALTH_DELAY_MS} ms)`);
    assert.ok(updateMs >= HEALTH_DELAY_MS, 'the update waited for the health');
    assert.ok(firstMs * 2 < updateMs, `the first card came well before the health (${Math.round(firstMs)} ms vs ${Math.round(updateMs)} ms)`);
    assert.equal(stack.sim.countRequests({ route: 'health.current', hub: 'slow-hub' }), 1, 'one Resource Health call');

    // The turn is over (its HTTP answer came back): one message, updated once.
    assert.equal(postsTo(stack.connector, built.conversationId).length, 1, 'never a second message');
    assert.equal(updatesOf(stack.connector, String(first.responseId)).length, 1, 'one update in place');
    const card = onlyCard(update);
    const text = cardText(card);
    assert.match(text, /500001/);
    assert.ok(text.includes(UNAVAILABLE), text);
    assert.ok(!isChecking(update), text);
    const requestId = requestIdOf(card);

    // The proposal is the posted card's: requesting it updates that same message.
    const proposal: ProposalCard = { card, cardActivityId: String(first.responseId), conversationId: built.conversationId, userMessageId: built.activityId, requestId };
    const requested = await actOnProposal(stack.bot.url, stack.connector.url, proposal, ALICE, 'failover.request', { justification: 'slow-hub is down in West US' });
    assert.match(requested.text, /waiting for approval/);
    await stack.connector.waitFor((request) => request.route === 'updateActivity' && request.activityId === first.responseId && /waiting for approval/.test(cardText(onlyCard(request))));

    const line = await stack.bot.waitForLine((candidate) => candidate.includes('"msg":"message answered"') && candidate.includes(built.activityId));
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.equal(entry.updatedInPlace, true);
    assert.equal(entry.healthState, 'Unavailable');
    assert.equal(typeof entry.firstCardMs, 'number');
  });

  it('a burst of pastes about one slow hub: one Resource Health call, and each paste one card updated once', async () => {
    slowHealth('burst-hub');
    const before = stack.sim.countRequests({ route: 'health.current', hub: 'burst-hub' });
    const burst = Array.from({ length: 3 }, () => channelMessage(stack.connector.url, ALICE, serverErrorPaste('burst-hub')));
    const answers = await Promise.all(burst.map((built) => postActivity(stack.bot.url, built.activity)));
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200]);
    assert.equal(stack.sim.countRequests({ route: 'health.current', hub: 'burst-hub' }) - before, 1, 'one call per burst per hub');
    for (const built of burst) {
      const posts = postsTo(stack.connector, built.conversationId);
      assert.equal(posts.length, 1);
      const [post] = posts;
      assert.ok(post && isChecking(post));
      const updates = updatesOf(stack.connector, String(post.responseId));
      assert.equal(updates.length, 1);
      assert.ok(updates[0]?.text.includes(UNAVAILABLE));
    }
  });

  it('a health already cached: the first card is complete, one POST and no PUT', async () => {
    const warm = channelMessage(stack.connector.url, ALICE, serverErrorPaste('cached-hub'));
    assert.equal((await postActivity(stack.bot.url, warm.activity)).status, 200);
    const calls = stack.sim.countRequests({ route: 'health.current', hub: 'cached-hub' });

    const built = channelMessage(stack.connector.url, ALICE, serverErrorPaste('cached-hub'));
    assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
    const posts = postsTo(stack.connector, built.conversationId);
    assert.equal(posts.length, 1);
    const [post] = posts;
    assert.ok(post);
    assert.ok(!isChecking(post));
    assert.ok(cardText(onlyCard(post)).includes(UNAVAILABLE));
    requestIdOf(onlyCard(post));
    assert.equal(updatesOf(stack.connector, String(post.responseId)).length, 0, 'no update');
    assert.equal(stack.sim.countRequests({ route: 'health.current', hub: 'cached-hub' }), calls, 'answered from the cache');
  });

  it('`health <hub>`: the health card at once, then completed in place once', async () => {
    slowHealth('named-hub');
    const built = channelMessage(stack.connector.url, ALICE, 'health named-hub');
    assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
    const posts = postsTo(stack.connector, built.conversationId);
    assert.equal(posts.length, 1);
    const [post] = posts;
    assert.ok(post && isChecking(post), post?.bodyText);
    const updates = updatesOf(stack.connector, String(post.responseId));
    assert.equal(updates.length, 1);
    assert.ok(updates[0]?.text.includes(UNAVAILABLE), updates[0]?.text);
  });

  it("the Diagnose message action: the card is posted before the health answers, then that post is updated once", async () => {
    slowHealth('action-hub');
    const built = messageActionInvoke({
      serviceUrl: stack.connector.url,
      name: 'composeExtension/submitAction',
      html: `<p>ServerErrorException: {"errorCode":500001,"message":"ServerError"} HostName=action-hub.azure-devices.net</p>`,
      data: { ...POST_DATA },
    });
    assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
    const post = await stack.connector.waitFor((request) => request.route === 'sendToConversation' && request.conversationId === built.conversationId);
    assert.ok(isChecking(post), cardText(onlyCard(post)));
    const update = await updateOf(stack.connector, post);
    assert.ok(cardText(onlyCard(update)).includes(UNAVAILABLE));
    requestIdOf(onlyCard(update));
    await stack.bot.waitForLine((line) => line.includes('"msg":"diagnosis completed in place"') && line.includes(built.messageId));
    assert.equal(postsTo(stack.connector, built.conversationId).length, 1, 'never a second post');
    assert.equal(updatesOf(stack.connector, String(post.responseId)).length, 1, 'one update in place');
  });
});

describe('the health budget still holds (HEALTH_BUDGET_MS at its default, 4 s; a Resource Health three times slower)', () => {
  /** HEALTH_BUDGET_MS's default (src/config.ts): the bot is started without it. */
  const BUDGET_MS = 4000;
  const STALLED_MS = 3 * BUDGET_MS;
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario(['stalled-hub'])), botEnv: { ...FAILOVER_BOT_ENV } });

  it('a burst: one Resource Health call; each paste one card at once, completed in place once with "did not answer in time", before Azure answers', async (t) => {
    stack.sim.injectFault({ route: 'health.current', hub: 'stalled-hub', action: 'delay', delayMs: STALLED_MS });
    const burst = Array.from({ length: 3 }, () => channelMessage(stack.connector.url, ALICE, serverErrorPaste('stalled-hub')));
    const sent = performance.now();
    const answers = await Promise.all(burst.map((built) => postActivity(stack.bot.url, built.activity)));
    const answeredMs = performance.now() - sent;
    t.diagnostic(`the three turns answered ${Math.round(answeredMs)} ms after the burst (budget ${BUDGET_MS} ms, Resource Health held ${STALLED_MS} ms)`);
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200]);
    assert.ok(answeredMs < STALLED_MS, 'the budget ended the turns, not Resource Health');
    assert.equal(stack.sim.countRequests({ route: 'health.current', hub: 'stalled-hub' }), 1, 'one call per burst per hub');
    const timedOut = fill(en.health.unavailable, { reason: en.health.unavailableReasons.timeout });
    for (const built of burst) {
      const posts = postsTo(stack.connector, built.conversationId);
      assert.equal(posts.length, 1, 'never a second message');
      const [post] = posts;
      assert.ok(post && isChecking(post), post?.bodyText);
      const updates = updatesOf(stack.connector, String(post.responseId));
      assert.equal(updates.length, 1, 'one update in place');
      assert.ok(updates[0]?.text.includes(timedOut), updates[0]?.text);
      assert.match(updates[0]?.text ?? '', /500001/, 'the diagnosis stays');
    }
  });
});
