// Azure Monitor alerts end to end: the bot as its own process, the ARM simulator, the fake Bot Connector,
// and action-group calls over HTTP. Subscribe, fire, repeat, update, recover; a metric alert fires and
// resolves; Service Health by region; unsubscribe; wrong and missing token; malformed bodies; a hub the bot
// cannot see; a conversation the connector refuses loses its subscription.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uiStrings } from '#src/i18n/index.ts';
import { TEST_SUBSCRIPTION_ID, metricAlert, resourceHealthAlert, serviceHealthAlert } from '#src/sim/index.ts';
import type { ScenarioDefinition } from '#src/sim/index.ts';
import { postActivity } from '#test/support/activities.ts';
import {
  ALERTS_TOKEN,
  alertHub,
  cardTextOf,
  command,
  newChannel,
  newChat,
  postAlert,
  postedActivityId,
  postsTo,
  processed,
  updatesOf,
} from '#test/support/alerts-e2e.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { APPROVERS_ENV } from '#test/support/failover-e2e.ts';
import { healthyHub, outageHub } from '#test/support/scenarios.ts';

const en = uiStrings('en');
const fr = uiStrings('fr');

function scenario(): ScenarioDefinition {
  const europe = (name: string) => ({ ...healthyHub(name), primaryLocation: 'North Europe', secondaryLocation: 'West Europe' });
  return {
    name: 'alerts',
    hubs: [outageHub('rh-hub'), outageHub('metric-hub'), outageHub('gone-hub'), outageHub('quiet-hub'), outageHub('offer-hub'), outageHub('deleted-hub'), europe('eu-hub-1'), europe('eu-hub-2'), healthyHub('us-hub')],
  };
}

/** botbuilder's HTTP pipeline tries a call answered 5xx this many times (1 + 3 retries). */
const SDK_ATTEMPTS = 4;

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? `{${key}}`);

describe('Azure Monitor alerts end to end', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(scenario()), botEnv: { ALERTS_WEBHOOK_TOKEN: ALERTS_TOKEN, HEALTH_BUDGET_MS: '3000', FAILOVER_APPROVERS: APPROVERS_ENV } });
  const wait = (predicate: Parameters<typeof stack.connector.waitFor>[0]) => stack.connector.waitFor(predicate);

  it('a channel subscribes; a Resource Health alert starts one thread, a repeat posts nothing, an update and the recovery update the card', async () => {
    const channel = newChannel('oncall');
    const answer = await command(stack.bot, wait, stack.connector.url, channel, 'subscribe rh-hub');
    assert.ok(cardText(onlyCard(answer)).includes(fill(en.alerts.subscriptions.subscribedHub, { hub: '**rh-hub**' })), cardText(onlyCard(answer)));

    const fired = resourceHealthAlert(alertHub('rh-hub'), { current: 'Unavailable', eventDataId: 'rh-1' });
    assert.deepEqual(await postAlert(stack.bot.url, fired), { status: 202, body: { status: 'accepted' } });
    // The same event again: Azure's retry, or a second action group.
    assert.deepEqual(await postAlert(stack.bot.url, fired), { status: 202, body: { status: 'duplicate' } });
    assert.equal(await processed(stack.bot, fired), 'opened');
    const [thread, ...more] = postsTo(stack.connector.requests, channel);
    assert.ok(thread, 'a new thread in the channel');
    assert.equal(more.length, 0, 'one thread');
    assert.equal(thread.route, 'createConversation');
    const posted = cardTextOf(thread);
    assert.ok(posted.includes('rh-hub is unavailable'), posted);
    assert.ok(posted.includes(fill(en.alerts.live.state, { state: 'Unavailable', time: '' }).split('(')[0] ?? ''), posted);
    const rootId = postedActivityId(thread);
    // The hub is in an outage and can fail over: the card offers the request, as a pasted error's card does.
    const withProposal = await wait((request) => request.route === 'updateActivity' && request.activityId === rootId && request.bodyText.includes('failover.request'));
    assert.equal(withProposal.conversationId, `${channel.id};messageid=${rootId}`, 'updated in its thread');

    const update = resourceHealthAlert(alertHub('rh-hub'), { current: 'Degraded', previous: 'Unavailable', status: 'Updated', eventDataId: 'rh-2' });
    assert.equal((await postAlert(stack.bot.url, update)).status, 202);
    assert.equal(await processed(stack.bot, update), 'updated');
    const recovered = resourceHealthAlert(alertHub('rh-hub'), { current: 'Available', eventDataId: 'rh-3' });
    assert.equal((await postAlert(stack.bot.url, recovered)).status, 202);
    assert.equal(await processed(stack.bot, recovered), 'resolved');

    assert.equal(postsTo(stack.connector.requests, channel).length, 1, 'still one thread');
    const last = updatesOf(stack.connector.requests, rootId).at(-1);
    assert.ok(last);
    const text = cardTextOf(last);
    assert.ok(text.includes('rh-hub has recovered'), text);
    assert.ok(text.includes('Resource Health: Updated, Degraded'), 'the timeline keeps the update');
    assert.ok(text.includes('failover.request') || text.includes(en.failover.headings.proposed.failover.split('{')[0] ?? ''), 'the failover request stays on its card');
  });

  it('a card whose failover offer fails to reach it (the update after the post) is updated later, never posted twice', async () => {
    const channel = newChannel('offer-fails');
    await command(stack.bot, wait, stack.connector.url, channel, 'subscribe offer-hub');
    // The post goes through; the update that puts the failover offer on the card fails, the SDK's own
    // retries included (a first try and 3 retries of a 500; the channel does not retry a 500 itself).
    stack.connector.failNext(SDK_ATTEMPTS, { status: 500 }, 'updateActivity');
    const fired = resourceHealthAlert(alertHub('offer-hub'), { current: 'Unavailable', eventDataId: 'offer-1' });
    assert.equal((await postAlert(stack.bot.url, fired)).status, 202);
    // Done on the delivery's retry, 5 s later: the incident opened on the first attempt, so a duplicate now.
    assert.equal(await processed(stack.bot, fired), 'duplicate');
    const threads = postsTo(stack.connector.requests, channel);
    assert.equal(threads.length, 1, 'one thread');
    const rootId = postedActivityId(threads[0] as (typeof threads)[number]);
    const failed = stack.connector.requests.filter((request) => request.route === 'updateActivity' && request.activityId === rootId && request.status >= 500);
    assert.equal(failed.length, SDK_ATTEMPTS, 'the first update failed');
    const offered = updatesOf(stack.connector.requests, rootId).filter((request) => request.bodyText.includes('failover.request'));
    assert.ok(offered.length >= 1, 'the card was updated with the offer on the retry');
  });

  it('a metric alert in a group chat fires and resolves on the same card (the same alert id)', async () => {
    const chat = newChat('groupChat');
    await command(stack.bot, wait, stack.connector.url, chat, 'subscribe metric-hub');
    const fired = metricAlert(alertHub('metric-hub'), { alertId: 'metric-alert-1', condition: 'Fired', value: 7 });
    assert.equal((await postAlert(stack.bot.url, fired)).status, 202);
    assert.equal(await processed(stack.bot, fired, 'Fired'), 'opened');
    const [message] = postsTo(stack.connector.requests, chat);
    assert.ok(message);
    assert.equal(message.route, 'sendToConversation', 'a new message in the chat');
    assert.ok(cardTextOf(message).includes('connectedDeviceCount LessThan 900, last value 7'), cardTextOf(message));

    const resolved = metricAlert(alertHub('metric-hub'), { alertId: 'metric-alert-1', condition: 'Resolved' });
    assert.equal((await postAlert(stack.bot.url, resolved)).status, 202);
    assert.equal(await processed(stack.bot, resolved, 'Resolved'), 'resolved');
    assert.equal(postsTo(stack.connector.requests, chat).length, 1);
    const last = updatesOf(stack.connector.requests, postedActivityId(message)).at(-1);
    assert.ok(last && cardTextOf(last).includes('metric-hub has recovered'));
  });

  it('Service Health goes to the conversations with hubs in the impacted region, naming them, in their language', async () => {
    const europe = newChat('personal');
    const elsewhere = newChat('personal');
    await command(stack.bot, wait, stack.connector.url, europe, 'abonner eu-hub-2', 'fr-FR');
    await command(stack.bot, wait, stack.connector.url, elsewhere, 'subscribe us-hub');
    const incident = serviceHealthAlert({ subscriptionId: TEST_SUBSCRIPTION_ID, trackingId: 'E2E1-SH', stage: 'Active', regions: ['North Europe'] });
    assert.equal((await postAlert(stack.bot.url, incident)).status, 202);
    assert.equal(await processed(stack.bot, incident), 'opened');
    const [card] = postsTo(stack.connector.requests, europe);
    assert.ok(card, 'the European conversation hears of it');
    const text = cardTextOf(card);
    assert.ok(text.includes('eu-hub-2') && !text.includes('eu-hub-1'), 'only the hub it subscribed to is named');
    assert.ok(text.includes(fill(fr.alerts.titles.serviceHealth, { regions: 'North Europe' })), text);
    assert.equal(postsTo(stack.connector.requests, elsewhere).length, 0, 'nothing where no hub is in the region');
  });

  it('after unsubscribe, nothing more is posted there', async () => {
    const channel = newChannel('leaving');
    await command(stack.bot, wait, stack.connector.url, channel, 'subscribe');
    const answer = await command(stack.bot, wait, stack.connector.url, channel, 'unsubscribe');
    assert.ok(cardText(onlyCard(answer)).includes(en.alerts.subscriptions.unsubscribedAll));
    const list = await command(stack.bot, wait, stack.connector.url, channel, 'subscriptions');
    assert.ok(cardText(onlyCard(list)).includes(en.alerts.subscriptions.none));
    const fired = resourceHealthAlert(alertHub('quiet-hub'), { current: 'Unavailable' });
    assert.equal((await postAlert(stack.bot.url, fired)).status, 202);
    await processed(stack.bot, fired);
    assert.equal(postsTo(stack.connector.requests, channel).length, 0);
  });

  it('refuses a wrong or missing token (401), a malformed body or another schema (400); ignores other resources and unknown hubs (202)', async () => {
    const body = resourceHealthAlert(alertHub('rh-hub'), { current: 'Unavailable' });
    assert.equal((await postAlert(stack.bot.url, body, '?token=wrong-token-wrong-token')).status, 401);
    assert.equal((await postAlert(stack.bot.url, body, '')).status, 401);
    assert.equal((await postAlert(stack.bot.url, '{"schemaId":')).status, 400);
    const legacy = await postAlert(stack.bot.url, { schemaId: 'Microsoft.Insights/activityLogs', data: { context: {} } });
    assert.equal(legacy.status, 400);
    assert.equal((legacy.body.error as { code?: string }).code, 'NotCommonAlertSchema');
    const storage = resourceHealthAlert(alertHub('rh-hub'), { current: 'Unavailable' }) as { data: { essentials: { alertTargetIDs: string[] } } };
    storage.data.essentials.alertTargetIDs = [`/subscriptions/${TEST_SUBSCRIPTION_ID}/resourcegroups/rg/providers/microsoft.storage/storageaccounts/logs`];
    assert.deepEqual(await postAlert(stack.bot.url, storage), { status: 202, body: { status: 'ignored' } });
    const unknown = resourceHealthAlert(alertHub('not-a-hub-of-ours'), { current: 'Unavailable' });
    assert.equal((await postAlert(stack.bot.url, unknown)).status, 202);
    assert.equal(await processed(stack.bot, unknown), 'unknown-hub');
    assert.ok(!stack.bot.stdout().includes(ALERTS_TOKEN), 'the token never reaches the log');
  });

  it('a channel the connector refuses (403) loses its subscription; the next alert does not try it', async () => {
    const channel = newChannel('removed');
    await command(stack.bot, wait, stack.connector.url, channel, 'subscribe gone-hub');
    stack.connector.denyConversation(channel.id);
    const first = resourceHealthAlert(alertHub('gone-hub'), { current: 'Unavailable' });
    assert.equal((await postAlert(stack.bot.url, first)).status, 202);
    await processed(stack.bot, first);
    const refused = stack.connector.requests.filter((request) => request.conversationId === channel.id);
    assert.deepEqual(refused.map((request) => request.status), [403], 'one refused thread');
    assert.ok(stack.bot.logLines().some((line) => line.msg === 'alert.subscription.dropped' && line.subscription === channel.id));
    const second = resourceHealthAlert(alertHub('gone-hub'), { current: 'Unavailable', status: 'Updated' });
    assert.equal((await postAlert(stack.bot.url, second)).status, 202);
    await processed(stack.bot, second);
    assert.equal(stack.connector.requests.filter((request) => request.conversationId === channel.id).length, 1, 'not tried again');
  });

  it('a card deleted in the channel (404 on its update) keeps the subscription; the next alert posts a new card', async () => {
    const channel = newChannel('deleted-card');
    await command(stack.bot, wait, stack.connector.url, channel, 'subscribe deleted-hub');
    const fired = resourceHealthAlert(alertHub('deleted-hub'), { current: 'Unavailable', eventDataId: 'deleted-1' });
    assert.equal((await postAlert(stack.bot.url, fired)).status, 202);
    await processed(stack.bot, fired);
    const [first] = postsTo(stack.connector.requests, channel);
    assert.ok(first);
    stack.connector.forgetActivity(postedActivityId(first));
    const update = resourceHealthAlert(alertHub('deleted-hub'), { current: 'Degraded', previous: 'Unavailable', status: 'Updated', eventDataId: 'deleted-2' });
    assert.equal((await postAlert(stack.bot.url, update)).status, 202);
    assert.equal(await processed(stack.bot, update), 'updated');
    assert.ok(stack.bot.logLines().some((line) => line.msg === 'alert.card.gone' && line.subscription === channel.id), 'the card is marked gone');
    assert.ok(!stack.bot.logLines().some((line) => line.msg === 'alert.subscription.dropped' && line.subscription === channel.id), 'the subscription is kept');
    assert.equal(postsTo(stack.connector.requests, channel).length, 1, 'no new card for the update that found the card gone');
    const next = resourceHealthAlert(alertHub('deleted-hub'), { current: 'Unavailable', previous: 'Degraded', status: 'Updated', eventDataId: 'deleted-3' });
    assert.equal((await postAlert(stack.bot.url, next)).status, 202);
    assert.equal(await processed(stack.bot, next), 'updated');
    assert.equal(postsTo(stack.connector.requests, channel).length, 2, 'the next alert posts a new card');
  });

  it('uninstalling the bot from a chat drops its subscription', async () => {
    const chat = newChat('groupChat');
    await command(stack.bot, wait, stack.connector.url, chat, 'subscribe');
    const removal = {
      type: 'installationUpdate',
      action: 'remove',
      id: `f:${Date.now()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: stack.connector.url,
      channelId: 'msteams',
      from: { id: '29:1a2b3c-user', name: 'Alex Wilber' },
      conversation: { id: chat.id, conversationType: 'groupChat', isGroup: true, tenantId: '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2' },
      recipient: { id: '28:1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', name: 'IoT Hub On-Call' },
      channelData: { tenant: { id: '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2' } },
    };
    assert.equal((await postActivity(stack.bot.url, removal)).status, 200);
    await stack.bot.waitForLine((line) => line.includes('alert subscriptions dropped') && line.includes(chat.id));
  });
});
