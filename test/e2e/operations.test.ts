// /readyz and /metrics through the running bot: probes cost (almost) no ARM call, they are not served to
// anonymous callers on the public listener once auth is on (operations listener OPS_PORT, or OPS_TOKEN), and
// an unauthenticated bot refuses to listen beyond loopback. ARM calls are counted at the simulator.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { ArmSimulator } from '#src/sim/index.ts';
import { spawnProjectNode, TEST_BOT_ENV } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { e2eStack, inProcessSimulator, simulatorEnv } from '#test/support/e2e-stack.ts';

const APP_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const AUTH_ENV = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'e2e-Test~Password.Value_0123456789', MicrosoftAppType: 'MultiTenant', HOST: '127.0.0.1' };
const OPS_TOKEN = 'e2e-ops-token-0123456789abcdef';

async function armCalls(sim: ArmSimulator): Promise<number> {
  const body = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as { requests: unknown[] };
  return body.requests.length;
}

async function clearArmCalls(sim: ArmSimulator): Promise<void> {
  await fetch(`${sim.url}/_sim/requests`, { method: 'DELETE' });
}

/** Where the bot's operations listener listens, from its log. */
async function operationsListener(bot: BotProcess): Promise<{ host: unknown; port: number }> {
  const line = JSON.parse(await bot.waitForLine((candidate) => candidate.includes('"listener":"operations"') && candidate.includes('http server listening'))) as Record<string, unknown>;
  assert.equal(typeof line['port'], 'number');
  return { host: line['host'], port: Number(line['port']) };
}

describe('operations endpoints', () => {
  const stack = e2eStack({ simulator: inProcessSimulator('healthy'), startSuiteBot: false });
  const start = (env: Record<string, string>): Promise<BotProcess> => stack.startBot(env);
  const sim = (): ArmSimulator => stack.sim;

  it('500 concurrent anonymous /readyz probes (local mode): all answered, at most two ARM calls', async () => {
    const bot = await start({});
    await clearArmCalls(sim());
    const statuses = await Promise.all(
      Array.from({ length: 500 }, async () => {
        const response = await fetch(`${bot.url}/readyz`);
        await response.arrayBuffer();
        return response.status;
      }),
    );
    assert.ok(statuses.every((status) => status === 200), JSON.stringify(statuses.filter((status) => status !== 200).slice(0, 5)));
    const calls = await armCalls(sim());
    assert.ok(calls >= 1 && calls <= 2, `${calls} ARM calls for 500 probes`);
    // And 500 more, one after the other: the verdict is still fresh.
    for (let i = 0; i < 500; i++) await (await fetch(`${bot.url}/readyz`)).arrayBuffer();
    assert.ok((await armCalls(sim())) <= 2);
  });

  it('auth on, no OPS_PORT nor OPS_TOKEN: /readyz and /metrics are not served (404, no ARM call), /healthz is; the log says how to enable them', async () => {
    const bot = await start(AUTH_ENV);
    await clearArmCalls(sim());
    for (const path of ['/readyz', '/metrics']) assert.equal((await fetch(`${bot.url}${path}`)).status, 404, path);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    assert.equal(await armCalls(sim()), 0);
    await bot.waitForLine((line) => line.includes('"level":"warn"') && /OPS_PORT.*OPS_TOKEN/.test(line));
  });

  it('auth on with OPS_TOKEN: 401 without the token or with a wrong one, 200 with it', async () => {
    const bot = await start({ ...AUTH_ENV, OPS_TOKEN });
    for (const path of ['/readyz', '/metrics']) {
      assert.equal((await fetch(`${bot.url}${path}`)).status, 401, path);
      assert.equal((await fetch(`${bot.url}${path}`, { headers: { authorization: 'Bearer e2e-wrong-token-0123456789abcdef' } })).status, 401, path);
      const allowed = await fetch(`${bot.url}${path}`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
      assert.equal(allowed.status, 200, path);
    }
    assert.ok(!bot.stdout().includes(OPS_TOKEN), 'the token is never logged');
  });

  it('auth on with OPS_PORT: the operations listener (loopback by default) serves /healthz, /readyz and /metrics, and no /api/messages', async () => {
    const bot = await start({ ...AUTH_ENV, OPS_PORT: '0' });
    const listener = await operationsListener(bot);
    assert.equal(listener.host, '127.0.0.1');
    const ops = `http://127.0.0.1:${listener.port}`;
    assert.equal((await fetch(`${ops}/healthz`)).status, 200);
    const ready = await fetch(`${ops}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(((await ready.json()) as { checks: Record<string, unknown> }).checks['state'], { ok: true, detail: 'memory' });
    assert.match(await (await fetch(`${ops}/metrics`)).text(), /iothub_oncall_/);
    assert.equal((await fetch(`${ops}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' })).status, 404);
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 404, 'still not on the public listener');
  });

  it('HOST=0.0.0.0 without MicrosoftAppId: the bot refuses to start, naming HOST and why, without a stack', async () => {
    const running = spawnProjectNode(['src/main.ts'], { ...TEST_BOT_ENV, ...simulatorEnv(sim()), HOST: '0.0.0.0' });
    // 'close', not 'exit': then stderr has been read to its end.
    const closed = once(running.child, 'close');
    const exit = await running.exited;
    await closed;
    assert.equal(exit.code, 2);
    assert.match(running.stderr(), /^Configuration error: HOST='0\.0\.0\.0' would expose the bot beyond this machine, but MicrosoftAppId is empty/);
    assert.doesNotMatch(running.stderr(), /\n\s+at /);
  });
});
