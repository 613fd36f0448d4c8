// Bounded load, loopback only: 20 conversations at once (personal, group chats, channel threads), 15 mixed
// turns each (pastes with and without a hub, help, health <hub>, French, re-deliveries, card clicks, nothing
// recognisable) against the bot process, the ARM simulator and the fake connector. Zero 5xx, every activity
// answered exactly once with the right card, nothing else sent, and the metrics agree. The long version of
// this run is scripts/soak.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { checkReplies, planConversation, runConversation } from '#test/support/load-workload.ts';
import type { TurnResult } from '#test/support/load-workload.ts';

const CONVERSATIONS = 20;
const TURNS_PER_CONVERSATION = 15;

function metricValue(exposition: string, series: string): number {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('bounded load: 20 conversations x 15 mixed turns', () => {
  const stack = e2eStack({ simulator: inProcessSimulator('outage'), botEnv: { HEALTH_BUDGET_MS: '3000' } });

  it('answers every activity exactly once, with zero 5xx, and loses nothing', { timeout: 60_000 }, async () => {
    const conversations = Array.from({ length: CONVERSATIONS }, (_, index) => planConversation(index, 5));
    const runs = await Promise.all(conversations.map((conversation) => runConversation(stack.bot.url, stack.connector.url, conversation, { turns: TURNS_PER_CONVERSATION })));
    const results: TurnResult[] = runs.flat();
    assert.equal(results.length, CONVERSATIONS * TURNS_PER_CONVERSATION);

    const check = checkReplies(results, stack.connector);
    assert.equal(check.serverErrors, 0, 'no 5xx');
    assert.deepEqual(
      results.filter((result) => result.statuses.some((status) => status !== 200)).map((result) => `${result.kind}: ${result.statuses.join(',')}`),
      [],
      'every POST answered 200',
    );
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.lost, [], 'every activity answered');
    assert.deepEqual(check.duplicated, [], 'no activity answered twice (re-deliveries included)');
    assert.deepEqual(check.wrong, [], 'each reply is the card its message calls for');
    assert.equal(check.strays, 0, 'nothing sent that no activity asked for');
    assert.ok(
      stack.connector.requests.every((request) => request.status === 200),
      'the connector never had to refuse anything',
    );

    // The bot's own account of the run agrees: one turn per POST, none failed.
    const exposition = await (await fetch(`${stack.bot.url}/metrics`)).text();
    const invokes = results.filter((result) => result.kind === 'card-action').length;
    assert.equal(metricValue(exposition, 'iothub_oncall_turns_total{type="message",outcome="ok"}'), check.posts - invokes);
    assert.equal(metricValue(exposition, 'iothub_oncall_turns_total{type="invoke",outcome="ok"}'), invokes);
    assert.equal(metricValue(exposition, 'iothub_oncall_turns_total{type="message",outcome="error"}'), 0);
    assert.equal(metricValue(exposition, 'iothub_oncall_connector_errors_total{status="429"}'), 0);
    // Health answers are cached and shared: far fewer Resource Health calls than pastes naming a hub.
    const pastesWithHub = results.filter((result) => result.kind === 'paste-outage-hub' || result.kind === 'paste-healthy-hub' || result.kind === 'health-hub').length;
    assert.ok(stack.sim.countRequests({ route: 'health.current' }) < pastesWithHub / 4, `${stack.sim.countRequests({ route: 'health.current' })} health calls for ${pastesWithHub} lookups`);

    const errors = stack.bot.logLines().filter((line) => line.level === 'error' || line.level === 'fatal');
    assert.deepEqual(errors, [], 'no error logged');
  });
});
