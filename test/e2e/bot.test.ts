// The bot as Teams sees it: a separate bot process (no app id, so no auth), the ARM simulator with an
// outage scenario, and a fake Bot Connector catching the replies, all over HTTP on loopback.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArmSimulator } from '#src/sim/index.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { message, postActivity } from '#test/support/activities.ts';
import type { BuiltMessage } from '#test/support/activities.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { outageScenarioWithHealthyHubs } from '#test/support/scenarios.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en');
const fr = uiStrings('fr');
const HEALTH_BUDGET_MS = 2000;

const serverErrorPaste = (host: string): string =>
  [
    `Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: Transient network error occurred, please retry.`,
    ` ---> Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {"Message":"ErrorCode:ServerError;Internal server error.","ExceptionMessage":"Tracking ID:0b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5e-G:4-TimeStamp:11/27/2025 09:12:45"}`,
    `   at Microsoft.Azure.Devices.Client.Transport.HttpClientHelper.ExecuteAsync(...)`,
    `iothub-errorcode: ServerError`,
    `HostName: ${host} errorCode 500001`,
  ].join('\n');

async function adminPost(sim: ArmSimulator, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `simulator admin ${path}: ${response.status} ${await response.text()}`);
}

describe('bot end to end (no auth, simulator, fake connector)', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenarioWithHealthyHubs('e2e', ['fault-hub-503', 'fault-hub-hang', 'fault-hub-403', 'slow-hub'])), botEnv: { HEALTH_BUDGET_MS: String(HEALTH_BUDGET_MS) } });

  /** Posts a message and returns the bot's reply as the connector received it. */
  async function exchange(built: BuiltMessage): Promise<RecordedRequest> {
    const response = await postActivity(stack.bot.url, built.activity);
    assert.equal(response.status, 200, `POST /api/messages answered ${response.status}: ${response.text}`);
    return finalReply(stack.connector, built.activityId);
  }

  it('a paste naming a hub in an outage gets Unavailable and "failover worth considering", not possible here: no approver is configured', async () => {
    const reply = await exchange(message({ serviceUrl: stack.connector.url, text: serverErrorPaste('contoso-iot.azure-devices.net') }));
    const text = cardText(onlyCard(reply));
    assert.match(text, /500001/);
    assert.ok(text.includes(en.health.states.Unavailable), text);
    assert.ok(text.includes(en.advice['worth-considering-but-impossible']), text);
    assert.ok(text.includes(en.advice.impossibleReasons['no-approvers']), text);
    assert.ok(!JSON.stringify(onlyCard(reply)).includes('failover.request'), 'no Request button that nobody could approve');
    assert.ok(!text.includes(en.advice['retry-hub-healthy']));
  });

  it('the same paste for a healthy hub says retry, and why a failover would not help', async () => {
    const reply = await exchange(message({ serviceUrl: stack.connector.url, text: serverErrorPaste('contoso-iot-eu.azure-devices.net') }));
    const text = cardText(onlyCard(reply));
    assert.ok(text.includes(en.health.states.Available), text);
    assert.ok(text.includes(en.advice['retry-hub-healthy']), text);
  });

  it('replies in a 1:1 chat to the conversation and the activity', async () => {
    const built = message({ serviceUrl: stack.connector.url, kind: 'personal', text: 'help' });
    const reply = await exchange(built);
    assert.equal(reply.method, 'POST');
    assert.equal(reply.path, `/v3/conversations/${encodeURIComponent(built.conversationId)}/activities/${encodeURIComponent(built.activityId)}`);
    assert.equal(reply.authorization, null, 'no token is sent in local mode');
    assert.equal(reply.body?.replyToId, built.activityId);
  });

  it('answers `help` in a group chat once the mention is stripped', async () => {
    const built = message({ serviceUrl: stack.connector.url, kind: 'groupChat', text: 'help' });
    assert.match(String(built.activity.text), /^<at>IoT Hub On-Call<\/at> help$/);
    const text = cardText(onlyCard(await exchange(built)));
    assert.ok(text.includes(en.help.intro), text);
  });

  it('replies in the channel thread (conversation id with ;messageid=)', async () => {
    const built = message({ serviceUrl: stack.connector.url, kind: 'channel', text: serverErrorPaste('contoso-iot.azure-devices.net') });
    const reply = await exchange(built);
    assert.match(built.conversationId, /;messageid=/);
    assert.equal(reply.conversationId, built.conversationId);
    assert.equal(reply.path, `/v3/conversations/${encodeURIComponent(built.conversationId)}/activities/${encodeURIComponent(built.activityId)}`);
    assert.match(cardText(onlyCard(reply)), /500001/);
  });

  it('ignores a channel message that does not mention the bot', async () => {
    const ignored = message({ serviceUrl: stack.connector.url, kind: 'channel', mention: false, text: serverErrorPaste('contoso-iot.azure-devices.net') });
    assert.equal((await postActivity(stack.bot.url, ignored.activity)).status, 200);
    // A later, mentioned message is answered; the first one never was.
    await exchange(message({ serviceUrl: stack.connector.url, kind: 'channel', text: 'help' }));
    assert.equal(stack.connector.requests.filter((request) => request.activityId === ignored.activityId).length, 0);
    await stack.bot.waitForLine((line) => line.includes('message without a mention of the bot ignored') && line.includes(ignored.activityId));
  });

  it('answers in French when Teams says the user is French', async () => {
    const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: 'aide', locale: 'fr-FR' }))));
    assert.ok(text.includes(fr.help.intro), text);
  });

  it('reads the HTML attachment when the text is empty', async () => {
    const html = `<div><span itemscope itemtype="http://schema.skype.com/Mention" itemid="0">IoT Hub On-Call</span>&nbsp;<pre>{&quot;errorCode&quot;:404103,&quot;message&quot;:&quot;DeviceNotOnline&quot;}</pre></div>`;
    const built = message({ serviceUrl: stack.connector.url, kind: 'channel', text: '', html });
    built.activity.text = '<at>IoT Hub On-Call</at>';
    const text = cardText(onlyCard(await exchange(built)));
    assert.match(text, /404103/);
  });

  it('says what it looks for when nothing is recognised', async () => {
    const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: 'the coffee machine is broken again' }))));
    assert.ok(text.includes(en.nothing.title), text);
  });

  it('warns about a pasted key, and the key appears nowhere: not in any reply, not in the logs', async () => {
    const key = 'q3N0cmFuZ2VTZWNyZXRLZXlWYWx1ZTEyMzQ1Njc4OTBBQkNERUY=';
    const signature = 'sZ9m2XyQk7V1pR4tL8wN3bC6dF0gH5jK2mN4pQ7sT9u%3D';
    const paste = [
      `HostName=contoso-iot.azure-devices.net;DeviceId=thermostat-17;SharedAccessKey=${key}`,
      `SharedAccessSignature sr=contoso-iot.azure-devices.net%2Fdevices%2Fthermostat-17&sig=${signature}&se=1764236400`,
      'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: {"errorCode":401002,"message":"IotHubUnauthorizedAccess"}',
    ].join('\n');
    const reply = await exchange(message({ serviceUrl: stack.connector.url, text: paste }));
    const text = cardText(onlyCard(reply));
    assert.ok(text.includes(en.diagnosis.secretsHeading), text);
    assert.match(text, /401002/);
    await stack.bot.waitForLine((line) => line.includes('"msg":"message answered"') && line.includes('401002'));
    for (const secret of [key, signature, decodeURIComponent(signature)]) {
      for (const request of stack.connector.requests) assert.ok(!request.bodyText.includes(secret), `secret in a connector request to ${request.path}`);
      assert.ok(!stack.bot.stdout().includes(secret), 'secret in the bot stdout');
      assert.ok(!stack.bot.stderr().includes(secret), 'secret in the bot stderr');
    }
  });

  it('answers a re-delivered activity (same id) only once', async () => {
    const built = message({ serviceUrl: stack.connector.url, text: 'help' });
    await exchange(built);
    assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
    await stack.bot.waitForLine((line) => line.includes('duplicate activity ignored') && line.includes(built.activityId));
    assert.equal(stack.connector.requests.filter((request) => request.activityId === built.activityId).length, 1);
  });

  it('rejects an oversized body with 413 and answers the next request', async () => {
    const big = message({ serviceUrl: stack.connector.url, text: 'x'.repeat(1024 * 1024) });
    const response = await postActivity(stack.bot.url, big.activity);
    assert.equal(response.status, 413);
    assert.deepEqual(JSON.parse(response.text), { error: { code: 'BodyTooLarge', message: 'The request body is too large.' } });
    const next = await exchange(message({ serviceUrl: stack.connector.url, text: 'help' }));
    assert.ok(cardText(onlyCard(next)).includes(en.help.intro));
  });

  it('rejects malformed JSON with 400 and no internals', async () => {
    const response = await postActivity(stack.bot.url, '{"type":"message","text":');
    assert.equal(response.status, 400);
    assert.deepEqual(JSON.parse(response.text), { error: { code: 'MalformedJson', message: 'The request body is not valid JSON.' } });
  });

  const faults: { hub: string; fault: Record<string, unknown>; reason: keyof typeof en.health.unavailableReasons }[] = [
    { hub: 'fault-hub-503', fault: { action: 'status', status: 503 }, reason: 'server-error' },
    { hub: 'fault-hub-hang', fault: { action: 'hang' }, reason: 'timeout' },
    { hub: 'fault-hub-403', fault: { action: 'status', status: 403 }, reason: 'forbidden' },
  ];
  for (const { hub, fault, reason } of faults) {
    it(`keeps the diagnosis and says "health unavailable" when ARM fails (${JSON.stringify(fault)})`, async () => {
      await adminPost(stack.sim, '/_sim/faults', { route: 'health.current', hub, ...fault });
      const reply = await exchange(message({ serviceUrl: stack.connector.url, text: serverErrorPaste(`${hub}.azure-devices.net`) }));
      const text = cardText(onlyCard(reply));
      assert.match(text, /500001/, 'the diagnosis is still there');
      assert.ok(text.includes(en.health.unavailable.replace('{reason}', en.health.unavailableReasons[reason])), text);
      assert.ok(text.includes(en.advice['health-unavailable']), text);
    });
  }

  it('gets its reply through when the connector throttles (429 + Retry-After) or fails once (502)', async () => {
    stack.connector.failNext(1, { status: 429, retryAfterSeconds: 0 });
    stack.connector.failNext(1, { status: 502 });
    const built = message({ serviceUrl: stack.connector.url, text: 'help' });
    const reply = await exchange(built);
    assert.ok(cardText(onlyCard(reply)).includes(en.help.intro));
    const attempts = stack.connector.requests.filter((request) => request.activityId === built.activityId);
    assert.deepEqual(attempts.map((request) => request.status), [429, 502, 200]);
  });

  it('answers HTTP 200 and sends the error card when the reply cannot be delivered', async () => {
    // botbuilder retries a throttled call 3 times; all 4 attempts fail, then the error card gets through.
    stack.connector.failNext(4, { status: 429, retryAfterSeconds: 0 });
    const built = message({ serviceUrl: stack.connector.url, text: 'help' });
    const response = await postActivity(stack.bot.url, built.activity);
    assert.equal(response.status, 200, response.text);
    const delivered = await stack.connector.waitFor((request) => request.activityId === built.activityId && request.status === 200);
    assert.ok(cardText(onlyCard(delivered)).includes(en.error.title), delivered.bodyText);
    const line = await stack.bot.waitForLine((candidate) => candidate.includes('"msg":"turn failed"') && candidate.includes(built.activityId));
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.equal(entry.level, 'error');
    assert.equal(entry.errMessage, undefined, 'error messages may quote user input: not logged for turn failures');
  });

  it('logs ids, codes and the verdict as JSON, never the paste', async () => {
    const built = message({ serviceUrl: stack.connector.url, text: serverErrorPaste('contoso-iot.azure-devices.net') });
    await exchange(built);
    const line = await stack.bot.waitForLine((candidate) => candidate.includes('"msg":"message answered"') && candidate.includes(built.activityId));
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.equal(entry.conversationId, built.conversationId);
    assert.equal(entry.verdict, 'transient-service');
    assert.equal(entry.hub, 'contoso-iot');
    assert.equal(entry.healthState, 'Unavailable');
    assert.ok(Array.isArray(entry.findings) && entry.findings.includes(500001));
    assert.equal(typeof entry.durationMs, 'number');
    assert.ok(!stack.bot.stdout().includes('Transient network error occurred'), 'paste text in the logs');
  });

  it('on SIGTERM, finishes the turn in flight, then exits cleanly', async () => {
    await adminPost(stack.sim, '/_sim/faults', { route: 'health.current', hub: 'slow-hub', action: 'delay', delayMs: 800 });
    const built = message({ serviceUrl: stack.connector.url, text: serverErrorPaste('slow-hub.azure-devices.net') });
    const posted = postActivity(stack.bot.url, built.activity);
    // The turn is in flight once the bot asks ARM for this hub's health.
    while (stack.sim.countRequests({ route: 'health.current', hub: 'slow-hub' }) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = stack.bot.stop('SIGTERM');
    assert.equal((await posted).status, 200);
    const reply = await finalReply(stack.connector, built.activityId);
    assert.ok(cardText(onlyCard(reply)).includes(en.health.states.Available));
    assert.deepEqual(await stopped, { code: 0, signal: null });
    const messages = stack.bot.logLines().map((line) => line.msg);
    assert.ok(messages.indexOf('shutting down') < messages.lastIndexOf('message answered'), 'the turn ended after the signal');
    assert.equal(messages.at(-1), 'stopped');
  });
});
