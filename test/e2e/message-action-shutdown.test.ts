// SIGTERM while a Diagnose message action's post is in flight: the invoke was answered (the dialog closed) and
// the diagnosis card is on its way to the conversation, held here by a hub health lookup that hangs. The bot
// stops accepting, lets the post finish (the card says the health did not answer in time), and exits 0.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { postActivity } from '#test/support/activities.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { POST_DATA, messageActionInvoke } from '#test/support/message-action.ts';

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
      // The post is in flight: it waits for the hub's health, which hangs.
      while (stack.sim.countRequests({ route: 'health.current', hub: HUB }) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(stack.connector.requests.filter((request) => request.route === 'sendToConversation').length, 0, 'nothing posted yet');

      const exit = await bot.stop('SIGTERM', 30_000);

      assert.deepEqual(exit, { code: 0, signal: null }, 'a clean exit, not a kill');
      const posts = stack.connector.requests.filter((request) => request.route === 'sendToConversation' && request.conversationId === built.conversationId);
      assert.equal(posts.length, 1, 'the card was posted once, before the process ended');
      const text = cardText(onlyCard(posts[0] as (typeof posts)[number]));
      assert.match(text, /500001/);
      assert.ok(text.includes(en.health.unavailable.replace('{reason}', en.health.unavailableReasons.timeout)), text);
      const lines = bot.logLines().map((line) => line.msg);
      assert.ok(lines.indexOf('shutting down') < lines.indexOf('diagnosis posted'), 'posted after the signal');
      assert.equal(lines.at(-1), 'stopped');
    } finally {
      stack.sim.clearFaults();
    }
  });
});
