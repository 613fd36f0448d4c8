// Demo mode: no AZURE_SUBSCRIPTION_IDS → the bot starts the ARM simulator in-process ('demo' scenario),
// every card says Azure is simulated, and (when enabled) the Agents Playground runs as a child process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { message, postActivity } from '#test/support/activities.ts';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { startFakeConnector } from '#test/support/fake-connector.ts';
import { freePort } from '#test/support/free-port.ts';
import type { FakeConnector } from '#test/support/fake-connector.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en');

describe('demo mode without the playground', () => {
  let connector: FakeConnector;
  let bot: BotProcess;

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBotProcess({ DEMO_PLAYGROUND: '0' });
  });

  after(async () => {
    await bot?.stop('SIGKILL');
    await connector?.close();
  });

  it('diagnoses against the simulated hubs, and the card says Azure is simulated', async () => {
    const built = message({ serviceUrl: connector.url, text: 'ServerErrorException: ErrorCode:ServerError 500001 on contoso-prod-weu.azure-devices.net' });
    assert.equal((await postActivity(bot.url, built.activity)).status, 200);
    const reply = await finalReply(connector, built.activityId);
    const text = cardText(onlyCard(reply));
    assert.ok(text.includes(en.common.demoBanner), text);
    assert.ok(text.includes(en.health.states.Unavailable), text);
  });

  it('says so on the help card too', async () => {
    const built = message({ serviceUrl: connector.url, text: 'help' });
    await postActivity(bot.url, built.activity);
    const text = cardText(onlyCard(await connector.waitFor((request) => request.activityId === built.activityId)));
    assert.ok(text.includes(en.common.demoBanner), text);
  });

  it('reports the simulator in /readyz', async () => {
    const response = await fetch(`${bot.url}/readyz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ready', checks: { arm: { ok: true, detail: 'simulated' }, state: { ok: true, detail: 'memory' } } });
  });
});

describe('demo mode with the Agents Playground', () => {
  let bot: BotProcess;
  let playgroundPort: number;

  before(async () => {
    playgroundPort = await freePort();
    bot = await startBotProcess({ DEMO_PLAYGROUND: '1', DEMO_PLAYGROUND_PORT: String(playgroundPort) });
  });

  after(async () => {
    await bot?.stop('SIGKILL');
  });

  it('starts the playground, prints the URL to open, and the playground points at the bot', async () => {
    const line = await bot.waitForLine((candidate) => candidate.includes('open http://localhost:'), 90_000);
    const port = Number(/open http:\/\/localhost:(\d+)/.exec(line)?.[1]);
    assert.ok(Number.isInteger(port));
    const ping = await fetch(`http://127.0.0.1:${port}/_debug/ping`);
    assert.equal((await ping.text()).trim(), 'pong');
    const config = (await (await fetch(`http://127.0.0.1:${port}/_internal/v1/config`)).json()) as Record<string, unknown>;
    assert.match(JSON.stringify(config), /IoT Hub On-Call/);
  });

  it('stops the playground with the bot on SIGTERM', async () => {
    const line = await bot.waitForLine((candidate) => candidate.includes('open http://localhost:'));
    const port = Number(/open http:\/\/localhost:(\d+)/.exec(line)?.[1]);
    assert.deepEqual(await bot.stop('SIGTERM'), { code: 0, signal: null });
    await assert.rejects(fetch(`http://127.0.0.1:${port}/_debug/ping`, { signal: AbortSignal.timeout(2000) }));
  });
});
