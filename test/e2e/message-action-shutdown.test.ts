// SIGTERM while a Diagnose message action's post is in flight: the invoke was answered (the dialog closed), the
// diagnosis card was posted at once, and its completion in place is held by a hub health lookup that hangs. The
// bot stops accepting, lets the post finish (the card is updated to say the health did not answer in time), and
// exits 0.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { postActivity } from '#test/support/activities.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { POST_DATA, messageActionInvoke } from '#test/support/message-action.ts';
import { isChecking } from '#test/support/replies.ts';

const en = uiStrings('en');
const HUB = 'contoso-iot-eu';

describe('SIGTERM while a message action post is in flight (bot process, simulator, fake connector)', () => {
  const stack = e2eStack({ simulator: inProcessSimulator('outage'), botEnv: { HEALTH_BUDGET_MS: '3000' }, startSuiteBot: false });

  it('the post lands in the conversation, then the process exits 0', { timeout: 40_000 }, async () => {
    const bot = await stack.startBot();
    try {
      stack.sim.injectFault({ route: 'health.current', hub: HUB, action: 'hang' });
      const built = messageActionInvoke({
        serviceUrl: stack.connector.url,
        name: 'composeExtension/submitAction',
        html: `<p>ServerErrorException: {"errorCode":500001,"message":"ServerError"} HostName=${HUB}.azure-devices.net</p>`,
        data: { ...POST_DATA },
      });
      const answered = await postActivity(bot.url, built.activity);
      assert.equal(answered.status, 200);
      assert.equal(answered.text === '' ? '{}' : answered.text, '{}', 'the dialog closed: the post goes on after the invoke');
      // The card is posted at once; its completion in place waits for the hub's health, which hangs.
      const post = await stack.connector.waitFor((request) => request.route === 'sendToConversation' && request.conversationId === built.conversationId);
      assert.ok(isChecking(post), cardText(onlyCard(post)));
      assert.equal(stack.connector.requests.filter((request) => request.route === 'updateActivity').length, 0, 'not completed yet');

      const exit = await bot.stop('SIGTERM', 30_000);

      assert.deepEqual(exit, { code: 0, signal: null }, 'a clean exit, not a kill');
      const posts = stack.connector.requests.filter((request) => request.route === 'sendToConversation' && request.conversationId === built.conversationId);
      assert.equal(posts.length, 1, 'the card was posted once');
      const updates = stack.connector.requests.filter((request) => request.route === 'updateActivity' && request.activityId === post.responseId);
      assert.equal(updates.length, 1, 'and completed in place once, before the process ended');
      const text = cardText(onlyCard(updates[0] as (typeof updates)[number]));
      assert.match(text, /500001/);
      assert.ok(text.includes(en.health.unavailable.replace('{reason}', en.health.unavailableReasons.timeout)), text);
      const lines = bot.logLines().map((line) => line.msg);
      assert.ok(lines.indexOf('shutting down') < lines.indexOf('diagnosis completed in place'), 'completed after the signal');
      assert.equal(lines.at(-1), 'stopped');
    } finally {
      stack.sim.clearFaults();
    }
  });
});
