// Faults, each a test, against the bot process: Azure Resource Manager throttling (with and without
// Retry-After), 500, 503 with Retry-After, connection resets, transient failures the SDK retries through;
// Bot Connector 429/502/503/504 and 403 on replies; SIGTERM with an ARM call hanging. The card always
// arrives (with the diagnosis and "health unavailable: <reason>" when health cannot be had), the HTTP answer
// is 200, and the logs and metrics say what happened. (503 without Retry-After, hangs and 403 from ARM, and
// one 429 + one 502 on a reply, are in bot.test.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plural, uiStrings } from '#src/i18n/index.ts';
import type { FaultSpec } from '#src/sim/index.ts';
import { message, postActivity } from '#test/support/activities.ts';
import type { BuiltMessage } from '#test/support/activities.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { outageScenarioWithHealthyHubs } from '#test/support/scenarios.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en');
const HEALTH_BUDGET_MS = '2500';

const FAULT_HUBS = ['throttled-ra', 'throttled-bare', 'server-500', 'unavailable-ra', 'reset-hub', 'flaky-429', 'flaky-reset', 'hang-hub'] as const;

const paste = (hub: string): string =>
  [
    'Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {"Message":"ErrorCode:ServerError;Internal server error."}',
    `iothub-errorcode: ServerError 500001 HostName: ${hub}.azure-devices.net`,
  ].join('\n');

function unavailable(reason: keyof typeof en.health.unavailableReasons): string {
  return en.health.unavailable.replace('{reason}', en.health.unavailableReasons[reason]);
}

function metric(exposition: string, series: string): number {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('faults', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenarioWithHealthyHubs('faults', FAULT_HUBS)), botEnv: { HEALTH_BUDGET_MS } });

  async function exchange(built: BuiltMessage): Promise<RecordedRequest> {
    const response = await postActivity(stack.bot.url, built.activity);
    assert.equal(response.status, 200, response.text);
    return finalReply(stack.connector, built.activityId);
  }

  async function metrics(): Promise<string> {
    return (await fetch(`${stack.bot.url}/metrics`)).text();
  }

  describe('Azure Resource Manager', () => {
    const cases: { hub: (typeof FAULT_HUBS)[number]; fault: Omit<FaultSpec, 'route' | 'hub'>; reason: keyof typeof en.health.unavailableReasons; also?: string }[] = [
      // The SDK waits out Retry-After (30 s) without a cap: the turn's budget cuts it, and the card still says "throttled".
      { hub: 'throttled-ra', fault: { action: 'status', status: 429, retryAfterSeconds: 30 }, reason: 'throttled', also: plural('en', 30, en.health.retryAfter) },
      // Without Retry-After the SDK does not retry a 429 at all.
      { hub: 'throttled-bare', fault: { action: 'status', status: 429 }, reason: 'throttled' },
      { hub: 'server-500', fault: { action: 'status', status: 500 }, reason: 'server-error' },
      { hub: 'unavailable-ra', fault: { action: 'status', status: 503, retryAfterSeconds: 1 }, reason: 'server-error' },
      { hub: 'reset-hub', fault: { action: 'reset' }, reason: 'network' },
    ];
    for (const { hub, fault, reason, also } of cases) {
      it(`${JSON.stringify(fault)} → the diagnosis, and "${unavailable(reason)}"`, async () => {
        stack.sim.injectFault({ route: 'health.current', hub, ...fault });
        const built = message({ serviceUrl: stack.connector.url, text: paste(hub) });
        const text = cardText(onlyCard(await exchange(built)));
        assert.match(text, /500001/, 'the diagnosis is there');
        assert.ok(text.includes(unavailable(reason)), text);
        assert.ok(text.includes(en.advice['health-unavailable']), text);
        if (also !== undefined) assert.ok(text.includes(also), `"${also}" in ${text}`);
        assert.ok(stack.sim.countRequests({ route: 'health.current', hub }) >= 1);
      });
    }

    it('a 429 is retried after its Retry-After, and reported on the turn with the ARM request ids', async () => {
      stack.sim.injectFault({ route: 'health.current', hub: 'flaky-429', action: 'status', status: 429, retryAfterSeconds: 0, times: 1 });
      const built = message({ serviceUrl: stack.connector.url, text: paste('flaky-429') });
      const text = cardText(onlyCard(await exchange(built)));
      assert.ok(text.includes(en.health.states.Available), 'the retry got the health');
      assert.equal(stack.sim.countRequests({ route: 'health.current', hub: 'flaky-429' }), 2);
      const failed = await stack.bot.waitForLine((line) => line.includes('"msg":"ARM request failed"') && line.includes(built.activityId));
      const entry = JSON.parse(failed) as Record<string, unknown>;
      assert.equal(entry.status, 429);
      assert.equal(entry.operation, 'health.availability');
      assert.match(String(entry.armRequestId), /^[0-9a-f-]{36}$/);
      const turn = JSON.parse(await stack.bot.waitForLine((line) => line.includes('"msg":"turn completed"') && line.includes(built.activityId))) as Record<string, unknown>;
      assert.ok(Array.isArray(turn.armRequestIds) && turn.armRequestIds.includes(entry.armRequestId), 'the failed attempt and the retry are on the turn line');
    });

    it('a single connection reset is retried through: the card has the health', async () => {
      stack.sim.injectFault({ route: 'health.current', hub: 'flaky-reset', action: 'reset', times: 1 });
      const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: paste('flaky-reset') }))));
      assert.ok(text.includes(en.health.states.Available), text);
      assert.equal(stack.sim.countRequests({ route: 'health.current', hub: 'flaky-reset' }), 2);
    });

    it('the metrics count every failed attempt by reason, and nothing failed the turns', async () => {
      const exposition = await metrics();
      const errors = (reason: string): number => metric(exposition, `iothub_oncall_arm_errors_total{operation="health.availability",reason="${reason}"}`);
      assert.ok(errors('throttled') >= 3, `throttled ${errors('throttled')}`);
      assert.ok(errors('server-error') >= 2, `server-error ${errors('server-error')}`);
      assert.ok(errors('network') >= 2, `network ${errors('network')}`);
      assert.equal(metric(exposition, 'iothub_oncall_turns_total{type="message",outcome="error"}'), 0);
    });
  });

  describe('Bot Connector', () => {
    const sequences: { name: string; failures: { status: 429 | 502 | 503 | 504; retryAfterSeconds?: number }[] }[] = [
      { name: '429 with Retry-After: 1', failures: [{ status: 429, retryAfterSeconds: 1 }] },
      { name: '502 then 504', failures: [{ status: 502 }, { status: 504 }] },
      { name: '503', failures: [{ status: 503 }] },
    ];
    for (const { name, failures } of sequences) {
      it(`${name} on the reply: botbuilder retries, the reply arrives once`, { timeout: 20_000 }, async () => {
        for (const failure of failures) stack.connector.failNext(1, failure);
        const built = message({ serviceUrl: stack.connector.url, text: paste('contoso-iot-eu') });
        const reply = await exchange(built);
        assert.match(cardText(onlyCard(reply)), /500001/);
        const attempts = stack.connector.requests.filter((request) => request.activityId === built.activityId);
        assert.deepEqual(attempts.map((request) => request.status), [...failures.map((failure) => failure.status), 200]);
      });
    }

    it('429 beyond the retries: the error card, an error turn, and a connector error in the metrics', async () => {
      const before = metric(await metrics(), 'iothub_oncall_connector_errors_total{status="429"}');
      stack.connector.failNext(4, { status: 429, retryAfterSeconds: 0 });
      const built = message({ serviceUrl: stack.connector.url, text: 'help' });
      const reply = await exchange(built);
      assert.ok(cardText(onlyCard(reply)).includes(en.error.title));
      const exposition = await metrics();
      assert.equal(metric(exposition, 'iothub_oncall_connector_errors_total{status="429"}'), before + 1);
      assert.ok(metric(exposition, 'iothub_oncall_turns_total{type="message",outcome="error"}') >= 1);
    });

    it('403 (the bot was removed from the conversation): HTTP 200, nothing retried, the bot carries on', async () => {
      const built = message({ serviceUrl: stack.connector.url, text: 'help' });
      stack.connector.denyConversation(built.conversationId);
      const response = await postActivity(stack.bot.url, built.activity);
      assert.equal(response.status, 200);
      await stack.bot.waitForLine((line) => line.includes('"msg":"turn failed"') && line.includes(built.activityId));
      const attempts = stack.connector.requests.filter((request) => request.conversationId === built.conversationId);
      assert.deepEqual(attempts.map((request) => request.status), [403, 403], 'the reply, then the error card: each tried once');
      assert.ok(metric(await metrics(), 'iothub_oncall_connector_errors_total{status="403"}') >= 2);
      assert.match(cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: paste('contoso-iot') })))), /500001/);
    });
  });

  describe('SIGTERM with an ARM call hanging', () => {
    it('the turn in flight ends within its budget, the process exits 0, and the next start answers', { timeout: 40_000 }, async () => {
      const own = await stack.startBot();
      let next: BotProcess | undefined;
      try {
        stack.sim.injectFault({ route: 'health.current', hub: 'hang-hub', action: 'hang' });
        const built = message({ serviceUrl: stack.connector.url, text: paste('hang-hub') });
        const posted = postActivity(own.url, built.activity);
        while (stack.sim.countRequests({ route: 'health.current', hub: 'hang-hub' }) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const stopped = own.stop('SIGTERM', 20_000);

        assert.equal((await posted).status, 200);
        const reply = await finalReply(stack.connector, built.activityId);
        const text = cardText(onlyCard(reply));
        assert.match(text, /500001/);
        assert.ok(text.includes(unavailable('timeout')), text);
        assert.deepEqual(await stopped, { code: 0, signal: null }, 'a clean exit, not a kill');
        const lines = own.logLines().map((line) => line.msg);
        assert.ok(lines.indexOf('shutting down') < lines.lastIndexOf('turn completed'), 'the turn finished after the signal');
        assert.equal(lines.at(-1), 'stopped');

        next = await stack.startBot();
        const again = message({ serviceUrl: stack.connector.url, text: 'health contoso-iot-eu' });
        assert.equal((await postActivity(next.url, again.activity)).status, 200);
        const answer = await finalReply(stack.connector, again.activityId);
        assert.ok(cardText(onlyCard(answer)).includes(en.health.states.Available));
      } finally {
        stack.sim.clearFaults();
        await own.stop('SIGKILL');
        await next?.stop('SIGKILL');
      }
    });
  });
});
