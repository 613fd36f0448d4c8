// A bounded load test on loopback: 200 action-group deliveries in 10 seconds (50 distinct alerts about 10
// hubs in an outage, each delivered 4 times: Azure's retries and a second action group), to a bot with 3
// subscribed conversations. Exactly one card per incident and conversation; every delivery answered 202.
// The timings are reported, not asserted (the machine is shared).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { metricAlert, resourceHealthAlert } from '#src/sim/index.ts';
import { ALERTS_TOKEN, alertHub, command, newChannel, newChat, postAlert, postsTo } from '#test/support/alerts-e2e.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { outageHub } from '#test/support/scenarios.ts';

const HUBS = Array.from({ length: 10 }, (_, index) => `load-hub-${index}`);
const COPIES = 4;
const DURATION_MS = 10_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

describe('alert webhook under load (200 deliveries in 10 s)', () => {
  const stack = e2eStack({
    simulator: inProcessSimulator({ name: 'alert-load', hubs: HUBS.map(outageHub) }),
    botEnv: { ALERTS_WEBHOOK_TOKEN: ALERTS_TOKEN, LOG_LEVEL: 'info' },
  });
  const wait = (predicate: Parameters<typeof stack.connector.waitFor>[0]) => stack.connector.waitFor(predicate);

  it('gives exactly one card per incident and conversation', async (t) => {
    const conversations = [newChannel('load-a'), newChannel('load-b'), newChat('groupChat')];
    for (const conversation of conversations) await command(stack.bot, wait, stack.connector.url, conversation, 'subscribe');

    const distinct = HUBS.flatMap((name) => [
      resourceHealthAlert(alertHub(name), { current: 'Unavailable', eventDataId: `${name}-e1` }),
      resourceHealthAlert(alertHub(name), { current: 'Degraded', status: 'Updated', eventDataId: `${name}-e2` }),
      metricAlert(alertHub(name), { alertId: `${name}-metric`, condition: 'Fired', value: 3 }),
      resourceHealthAlert(alertHub(name), { current: 'Unavailable', status: 'In Progress', eventDataId: `${name}-e3` }),
      resourceHealthAlert(alertHub(name), { current: 'Unavailable', status: 'Updated', eventDataId: `${name}-e4` }),
    ]);
    // Copies interleaved, as retries and a second action group would send them: every alert's copies spread over the run.
    const deliveries = Array.from({ length: COPIES }, () => distinct).flat();
    assert.equal(deliveries.length, 200);

    const started = performance.now();
    const latencies: number[] = [];
    const answers = await Promise.all(
      deliveries.map(async (body, index) => {
        await sleep((index * DURATION_MS) / deliveries.length);
        const sent = performance.now();
        const answer = await postAlert(stack.bot.url, body);
        latencies.push(performance.now() - sent);
        return answer;
      }),
    );
    const sentIn = performance.now() - started;
    assert.ok(answers.every((answer) => answer.status === 202), `every delivery answered 202: ${JSON.stringify(answers.filter((answer) => answer.status !== 202).slice(0, 3))}`);
    assert.equal(answers.filter((answer) => answer.body.status === 'accepted').length, distinct.length, 'each distinct alert accepted once');
    assert.equal(answers.filter((answer) => answer.body.status === 'duplicate').length, deliveries.length - distinct.length);

    // Every accepted delivery processed (its log line), then the count is final.
    const processedLines = (): number => stack.bot.logLines().filter((line) => line.msg === 'alert.processed').length;
    await stack.bot.waitForLine(() => processedLines() >= distinct.length, 60_000);
    const doneIn = performance.now() - started;

    for (const conversation of conversations) {
      const posts = postsTo(stack.connector.requests, conversation);
      assert.equal(posts.length, HUBS.length, `${conversation.id}: one card per hub's incident, got ${posts.length}`);
    }
    const updates = stack.connector.requests.filter((request) => request.route === 'updateActivity').length;
    const sorted = [...latencies].sort((a, b) => a - b);
    t.diagnostic(
      `200 deliveries sent in ${Math.round(sentIn)} ms; 202 latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms; ` +
        `all processed ${Math.round(doneIn)} ms after the first; ${conversations.length * HUBS.length} cards posted, ${updates} in-place updates`,
    );
  });
});
