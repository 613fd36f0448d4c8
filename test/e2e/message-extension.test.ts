// The "Diagnose" message action end to end: the bot as a separate process (no app id, so no auth), the
// ARM simulator (outage scenario) and a fake Bot Connector. The invoke answers come back in the HTTP
// response; the diagnosis card reaches the conversation as a new message the bot posts afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { TEST_BOT, TEST_USER, postActivity } from '#test/support/activities.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { INSTALLED_DATA, POST_DATA, TEST_CHANNEL, TEST_TEAM, dialogCard, messageActionInvoke, submitActions } from '#test/support/message-action.ts';
import type { BuiltInvoke, MessageActionOptions } from '#test/support/message-action.ts';
import { settled } from '#test/support/replies.ts';

const en = uiStrings('en');
const fr = uiStrings('fr');

/** A .NET device error as Teams renders a pasted code block: HTML, entities, a colleague's mention. */
const serverErrorHtml = (host: string): string =>
  [
    '<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Megan Bowen</span>&nbsp;the thermostats keep failing:</div>',
    '<pre>Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: Transient network error occurred, please retry.<br>',
    ' ---&gt; Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {&quot;Message&quot;:&quot;ErrorCode:ServerError;Internal server error.&quot;,&quot;ExceptionMessage&quot;:&quot;Tracking ID:0b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5e-G:4-TimeStamp:11/27/2025 09:12:45&quot;}<br>',
    `HostName: ${host} errorCode 500001</pre></div></div>`,
  ].join('');

describe('Diagnose message action end to end (bot process, simulator, fake connector)', () => {
  const stack = e2eStack({ simulator: inProcessSimulator('outage'), botEnv: { HEALTH_BUDGET_MS: '2000' } });

  function build(options: Omit<MessageActionOptions, 'serviceUrl'>): BuiltInvoke {
    return messageActionInvoke({ serviceUrl: stack.connector.url, ...options });
  }

  /** Sends an invoke and returns the parsed body of the invoke response (HTTP 200 expected). */
  async function invoke(built: BuiltInvoke): Promise<unknown> {
    const response = await postActivity(stack.bot.url, built.activity);
    assert.equal(response.status, 200, `POST /api/messages answered ${response.status}: ${response.text}`);
    return response.text === '' ? undefined : (JSON.parse(response.text) as unknown);
  }

  function postsTo(conversationId: string): RecordedRequest[] {
    return stack.connector.requests.filter((request) => request.route === 'sendToConversation' && request.conversationId === conversationId);
  }

  function postedLine(messageId: string): Promise<string> {
    return stack.bot.waitForLine((line) => line.includes('"msg":"diagnosis posted"') && line.includes(`"messageId":"${messageId}"`));
  }

  /** The log line with the hub's health of a posted card: its post when complete, else its completion in place. */
  function healthLine(messageId: string): Promise<string> {
    return stack.bot.waitForLine(
      (line) =>
        line.includes(`"messageId":"${messageId}"`) &&
        ((line.includes('"msg":"diagnosis posted"') && line.includes('"healthState"')) || line.includes('"msg":"diagnosis completed in place"')),
    );
  }

  it('fetchTask answers with a dialog previewing the headline finding and a "Post diagnosis" button, posting nothing', async () => {
    const built = build({ name: 'composeExtension/fetchTask', html: serverErrorHtml('contoso-iot.azure-devices.net') });
    const body = (await invoke(built)) as { task: { value: { title: string } } };
    assert.equal(body.task.value.title, en.messageAction.dialogTitle);
    const card = dialogCard(body);
    const text = cardText(card);
    assert.match(text, /500001 ServerError/);
    assert.ok(text.includes(en.verdict['transient-service']), text);
    assert.ok(text.includes('contoso-iot.azure-devices.net'), 'the hub it will check');
    assert.deepEqual(submitActions(card), [{ title: en.messageAction.preview.postButton, data: POST_DATA }]);
    assert.equal(postsTo(built.conversationId).length, 0, 'the preview posts nothing');
    const line = await stack.bot.waitForLine((candidate) => candidate.includes('"msg":"message action preview answered"') && candidate.includes(String(built.activity.id)));
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(entry.findings, [500001]);
    assert.equal(entry.membership, 'member');
  });

  it('submitAction closes the dialog at once, then the bot posts the diagnosis card with the hub health to the chat', async () => {
    const built = build({ name: 'composeExtension/submitAction', html: serverErrorHtml('contoso-iot.azure-devices.net'), data: { ...POST_DATA } });
    assert.deepEqual(await invoke(built), {});
    const post = await stack.connector.waitFor((request) => request.route === 'sendToConversation' && request.conversationId === built.conversationId);
    const card = await settled(stack.connector, post);
    assert.equal(post.method, 'POST');
    assert.equal(post.path, `/v3/conversations/${encodeURIComponent(built.conversationId)}/activities`, 'a new message of the chat, not a reply to the invoke');
    assert.equal((post.body?.from as { id?: unknown } | undefined)?.id, TEST_BOT.id, 'posted as the bot');
    const text = cardText(onlyCard(card));
    assert.match(text, /500001/);
    assert.ok(text.includes(en.health.detailsLabel), text);
    assert.ok(text.includes(en.health.states.Unavailable), text);
    const entry = JSON.parse(await healthLine(built.messageId)) as Record<string, unknown>;
    assert.equal(entry.healthState, 'Unavailable');
    assert.match(String(entry.postedActivityId), /^activity-\d+$/, 'the id of the posted card, to update it later');
  });

  it('posts into the thread of a channel message (the thread root from the reply), after checking the team roster', async () => {
    const built = build({
      name: 'composeExtension/submitAction',
      kind: 'channel',
      conversationId: TEST_CHANNEL,
      messageId: '1732700000222',
      replyToId: '1732700000111',
      html: serverErrorHtml('contoso-iot-eu.azure-devices.net'),
      data: { ...POST_DATA },
    });
    assert.deepEqual(await invoke(built), {});
    const thread = `${TEST_CHANNEL};messageid=1732700000111`;
    const post = await stack.connector.waitFor((request) => request.route === 'sendToConversation' && request.conversationId === thread);
    assert.ok(cardText(onlyCard(await settled(stack.connector, post))).includes(en.health.states.Available));
    assert.ok(
      stack.connector.requests.some((request) => request.route === 'getMember' && request.conversationId === TEST_TEAM && request.path.endsWith(encodeURIComponent(TEST_USER.id))),
      'the roster check asks the team',
    );
  });

  it('posts once when Teams retries the same invoke and when the same message is submitted again', async () => {
    const html = serverErrorHtml('contoso-iot.azure-devices.net');
    const first = build({ name: 'composeExtension/submitAction', html, data: { ...POST_DATA } });
    // Teams' retry of a slow invoke: the same activity, twice at once.
    const answers = await Promise.all([invoke(first), invoke(first)]);
    assert.deepEqual(answers, [{}, {}]);
    // A second click: a new invoke for the same message in the same chat.
    const again = build({
      name: 'composeExtension/submitAction',
      html,
      conversationId: first.conversationId,
      messageId: first.messageId,
      data: { ...POST_DATA },
    });
    assert.deepEqual(await invoke(again), {});
    await postedLine(first.messageId);
    await stack.bot.waitForLine((line) => line.includes('duplicate invoke ignored') && line.includes(String(first.activity.id)));
    await stack.bot.waitForLine((line) => line.includes('already posted or being posted') && line.includes(String(again.activity.id)));
    assert.equal(postsTo(first.conversationId).length, 1);
  });

  it('explains how to add the bot when it is not in the chat (403 BotNotInConversationRoster), and posts nothing', async () => {
    const conversationId = '19:not-installed-chat@thread.v2';
    stack.connector.denyConversation(conversationId);
    const html = serverErrorHtml('contoso-iot.azure-devices.net');
    for (const name of ['composeExtension/fetchTask', 'composeExtension/submitAction'] as const) {
      const body = await invoke(build({ name, html, conversationId, data: name === 'composeExtension/submitAction' ? { ...POST_DATA } : undefined }));
      const card = dialogCard(body);
      const text = cardText(card);
      assert.ok(text.includes(en.messageAction.addBot.title), text);
      assert.ok(text.includes(en.messageAction.addBot.whyChat), text);
      assert.deepEqual(submitActions(card), [{ title: en.messageAction.addBot.buttonChat, data: INSTALLED_DATA }], 'the just-in-time install button');
    }
    assert.equal(postsTo(conversationId).length, 0);
    assert.ok(stack.connector.requests.some((request) => request.conversationId === conversationId && request.status === 403));
  });

  it('after the just-in-time install, shows the preview (in French for a French user)', async () => {
    const body = await invoke(build({ name: 'composeExtension/submitAction', html: serverErrorHtml('contoso-iot.azure-devices.net'), data: { ...INSTALLED_DATA }, locale: 'fr-FR' }));
    const card = dialogCard(body);
    assert.equal((body as { task: { value: { title: string } } }).task.value.title, fr.messageAction.dialogTitle);
    assert.match(cardText(card), /500001/);
    assert.deepEqual(submitActions(card), [{ title: fr.messageAction.preview.postButton, data: POST_DATA }]);
  });

  it('logs, and frees the message for another try, when the post itself is refused', async () => {
    // The team roster answers (the check passes) but the thread refuses the post.
    const thread = `${TEST_CHANNEL};messageid=1732700000999`;
    stack.connector.denyConversation(thread);
    const refusedThreadMessage = {
      kind: 'channel' as const,
      conversationId: thread,
      messageId: '1732700000999',
      html: serverErrorHtml('contoso-iot.azure-devices.net'),
      data: { ...POST_DATA },
    };
    const built = build({ ...refusedThreadMessage, name: 'composeExtension/submitAction' });
    assert.deepEqual(await invoke(built), {});
    const line = await stack.bot.waitForLine((candidate) => candidate.includes('"msg":"diagnosis could not be posted"') && candidate.includes('"messageId":"1732700000999"'));
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.equal(entry.notInConversation, true);
    assert.equal(entry.errStatus, 403);
    // Another click is not swallowed as a duplicate: it tries again.
    const retry = build({ ...refusedThreadMessage, name: 'composeExtension/submitAction' });
    await invoke(retry);
    await stack.bot.waitForLine((candidate) => candidate.includes('"msg":"diagnosis could not be posted"') && candidate.includes(String(retry.activity.id)));
  });

  it('never shows, posts or logs a secret of the message, nor its text', async () => {
    const key = 'q3N0cmFuZ2VTZWNyZXRLZXlWYWx1ZTEyMzQ1Njc4OTBBQkNERUY=';
    const signature = 'sZ9m2XyQk7V1pR4tL8wN3bC6dF0gH5jK2mN4pQ7sT9u%3D';
    const html = [
      '<div><p>Device keeps getting rejected &amp; I don&#39;t know why:</p><pre>',
      `HostName=contoso-iot.azure-devices.net;DeviceId=thermostat-17;SharedAccessKey=${key}<br>`,
      `SharedAccessSignature sr=contoso-iot.azure-devices.net%2Fdevices%2Fthermostat-17&amp;sig=${signature}&amp;se=1764236400<br>`,
      'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: {&quot;errorCode&quot;:401002,&quot;message&quot;:&quot;IotHubUnauthorizedAccess&quot;}',
      '</pre></div>',
    ].join('');
    const fetched = build({ name: 'composeExtension/fetchTask', html });
    const preview = JSON.stringify(await invoke(fetched));
    assert.ok(cardText(dialogCard(JSON.parse(preview))).includes(en.messageAction.preview.secretsHeading), preview);
    const submitted = build({
      name: 'composeExtension/submitAction',
      html,
      conversationId: fetched.conversationId,
      messageId: fetched.messageId,
      data: { ...POST_DATA },
    });
    const answer = JSON.stringify(await invoke(submitted));
    const post = await stack.connector.waitFor((request) => request.route === 'sendToConversation' && request.conversationId === fetched.conversationId);
    const posted = cardText(onlyCard(post));
    assert.ok(posted.includes(en.diagnosis.secretsHeading), posted);
    assert.match(posted, /401002/);
    await postedLine(fetched.messageId);
    for (const secret of [key, signature, decodeURIComponent(signature)]) {
      assert.ok(!preview.includes(secret) && !answer.includes(secret), 'secret in an invoke answer');
      for (const request of stack.connector.requests) assert.ok(!request.bodyText.includes(secret), `secret in a connector request to ${request.path}`);
      assert.ok(!stack.bot.stdout().includes(secret), 'secret in the bot stdout');
      assert.ok(!stack.bot.stderr().includes(secret), 'secret in the bot stderr');
    }
    for (const phrase of ['keeps getting rejected', 'thermostat-17', 'Transient network error occurred']) {
      assert.ok(!stack.bot.stdout().includes(phrase) && !stack.bot.stderr().includes(phrase), `message text in the logs: ${phrase}`);
    }
  });
});
