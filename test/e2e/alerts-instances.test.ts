// Alert deliveries and bot processes: two instances on one SQLite store post each card once, whichever
// instance each copy of an alert reaches; a bot killed after its 202 and before the card went out posts it
// when it starts again (the delivery was kept before the answer).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metricAlert, resourceHealthAlert } from '#src/sim/index.ts';
import { ALERTS_TOKEN, alertHub, command, newChannel, postAlert, postsTo, processed } from '#test/support/alerts-e2e.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { outageHub } from '#test/support/scenarios.ts';

describe('alerts across bot instances and restarts (SQLite state)', () => {
  const stack = e2eStack({
    simulator: inProcessSimulator({ name: 'alert-instances', hubs: [outageHub('shared-hub'), outageHub('crash-hub')] }),
    botEnv: { ALERTS_WEBHOOK_TOKEN: ALERTS_TOKEN },
    sqliteState: true,
    startSuiteBot: false,
  });
  const wait = (predicate: Parameters<typeof stack.connector.waitFor>[0]) => stack.connector.waitFor(predicate);

  it('two bot instances sharing the store post one card per conversation, every delivery reaching both', async () => {
    const [first, second] = await Promise.all([stack.startBot(), stack.startBot()]);
    assert.ok(first && second);
    const channelA = newChannel('team-a');
    const channelB = newChannel('team-b');
    await command(first, wait, stack.connector.url, channelA, 'subscribe');
    await command(second, wait, stack.connector.url, channelB, 'subscribe shared-hub');
    const bodies = [
      resourceHealthAlert(alertHub('shared-hub'), { current: 'Unavailable', eventDataId: 'shared-1' }),
      metricAlert(alertHub('shared-hub'), { alertId: 'shared-metric', condition: 'Fired' }),
      resourceHealthAlert(alertHub('shared-hub'), { current: 'Unavailable', status: 'Updated', eventDataId: 'shared-2' }),
    ];
    // Two action groups: each alert reaches both instances at once.
    const answers = await Promise.all(bodies.flatMap((body) => [postAlert(first.url, body), postAlert(second.url, body)]));
    assert.ok(answers.every((answer) => answer.status === 202));
    assert.equal(answers.filter((answer) => answer.body.status === 'accepted').length, bodies.length, 'each alert accepted once, the copy a duplicate');
    try {
      await Promise.all(bodies.map((body) => Promise.race([processed(first, body), processed(second, body)])));
    } catch (error) {
      const alertLines = (bot: typeof first): string => bot.stdout().split('\n').filter((line) => line.includes('"alert')).join('\n');
      throw new Error(`${String(error).slice(0, 300)}\n--- first ---\n${alertLines(first)}\n--- second ---\n${alertLines(second)}`);
    }
    assert.equal(postsTo(stack.connector.requests, channelA).length, 1);
    assert.equal(postsTo(stack.connector.requests, channelB).length, 1);
    await Promise.all([first.stop('SIGKILL'), second.stop('SIGKILL')]);
  });

  it('a bot killed after answering 202, before its card went out, posts it when it starts again', async () => {
    let bot = await stack.startBot();
    const channel = newChannel('restart');
    await command(bot, wait, stack.connector.url, channel, 'subscribe crash-hub');
    // The connector is down: the card cannot go out, the delivery stays kept.
    stack.connector.failNext(1_000, { status: 500 });
    const fired = resourceHealthAlert(alertHub('crash-hub'), { current: 'Unavailable', eventDataId: 'crash-1' });
    assert.deepEqual(await postAlert(bot.url, fired), { status: 202, body: { status: 'accepted' } });
    await bot.waitForLine((line) => line.includes('"alert.processing.failed"'));
    await bot.stop('SIGKILL');
    stack.connector.clear();

    bot = await stack.startBot();
    // By design the card may wait for the delivery's retry pause (5 s after the failure) and then the next
    // sweep (every 15 s): a restart quicker than the pause finds it at the second sweep, not the first.
    const RETRY_PAUSE_AND_SWEEP_MS = 5_000 + 15_000;
    const thread = await stack.connector.waitFor((request) => request.route === 'createConversation' && request.conversationId === channel.id && request.status < 300, RETRY_PAUSE_AND_SWEEP_MS + 10_000);
    assert.ok(thread);
    // The first process had applied the alert to its incident before the post failed: only the card was missing.
    assert.equal(await processed(bot, fired), 'duplicate');
    assert.equal(postsTo(stack.connector.requests, channel).length, 1);
    // Delivered again by Azure after the restart: still a duplicate (the delivery was kept).
    assert.deepEqual(await postAlert(bot.url, fired), { status: 202, body: { status: 'duplicate' } });
  });
});
