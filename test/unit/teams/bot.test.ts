// The bot's routing with botbuilder's TestAdapter: real diagnosis and cards, fake hub directory and health.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { HealthSource } from '#src/diagnosis/hub.ts';
import { plural, uiStrings } from '#src/i18n/index.ts';
import { silentLogger } from '#src/log.ts';
import { OnCallBot, createTurnFailureHandler } from '#src/teams/bot.ts';
import type { OnCallBotDeps } from '#src/teams/bot.ts';
import { ActivityDeduplicator } from '#src/teams/inbound/dedupe.ts';
import type { ScopeHandlers } from '#src/teams/messages/message-handler.ts';
import { diagnoseInProcess } from '#src/workers/paste-diagnosis.ts';
import { cardText } from '#test/support/cards.ts';
import { wiredCommands } from '#test/support/bot-commands.ts';
import { eligibilityOfHubFacts, fixtureDirectory, fixtureHub, outageOf } from '#test/support/hubs.ts';

const en = uiStrings('en');
const BOT = { id: '28:bot', name: 'IoT Hub On-Call' };

const directory = fixtureDirectory([fixtureHub('contoso-iot'), fixtureHub('contoso-iot-eu')]);
const outageHealth = outageOf('contoso-iot');
const hangingHealth: HealthSource = { current: () => new Promise(() => undefined) };

/** `commands` changes the wired table (a handler replaced), the rest of `overrides` the bot's dependencies. */
function harness(
  overrides: Partial<Omit<OnCallBotDeps, 'commands'>> = {},
  commands: (wired: ScopeHandlers) => ScopeHandlers = (wired) => wired,
): { adapter: TestAdapter; send(activity: Partial<Activity>): Promise<Partial<Activity>[]> } {
  const logger = silentLogger();
  const deps = {
    logger,
    demo: false,
    dedupe: new ActivityDeduplicator(),
    diagnoser: diagnoseInProcess,
    hubs: { directory, health: outageHealth },
    healthBudgetMs: 1000,
    eligibility: eligibilityOfHubFacts,
    ...overrides,
  };
  const bot = new OnCallBot({ ...deps, commands: commands(wiredCommands(deps)) });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  const onFailure = createTurnFailureHandler(logger);
  adapter.onTurnError = async (context, error) => onFailure(context, error);
  return {
    adapter,
    async send(activity) {
      await adapter.processActivity({ recipient: BOT, from: { id: '29:user', name: 'Alex' }, ...activity });
      return adapter.activeQueue.splice(0);
    },
  };
}

function personal(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return { type: 'message', text, conversation: { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '' }, ...extra } as Partial<Activity>;
}

function channel(text: string, mentioned: boolean, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    text: mentioned ? `<at>${BOT.name}</at> ${text}` : text,
    entities: mentioned ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] : [],
    conversation: { id: '19:c@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, name: '' },
    ...extra,
  } as Partial<Activity>;
}

function cardOf(activity: Partial<Activity> | undefined): string {
  const attachment = activity?.attachments?.[0];
  assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive', `not a card: ${JSON.stringify(activity)}`);
  return cardText(attachment?.content);
}

const serverError = (host: string): string => `ServerErrorException: {"errorCode":500001,"message":"ServerError"} HostName=${host}`;

describe('OnCallBot messages', () => {
  it('diagnoses a paste, with the named hub health and the failover advice', async () => {
    const replies = await harness().send(personal(serverError('contoso-iot.azure-devices.net')));
    assert.equal(replies.length, 1);
    const text = cardOf(replies[0]);
    assert.match(text, /500001/);
    assert.ok(text.includes(en.health.states.Unavailable));
    assert.ok(text.includes(en.advice['worth-considering'].split('}').at(-1) ?? '<missing>'), text);
  });

  it('offers a choice of hubs when several are known and the paste names none', async () => {
    const text = cardOf((await harness().send(personal('ServerErrorException: {"errorCode":500001,"message":"ServerError"}')))[0]);
    assert.ok(text.includes(en.health.ambiguous), text);
    assert.ok(text.includes('health contoso-iot-eu') || text.includes('contoso-iot-eu'), text);
  });

  it('answers within the health budget when the health source hangs', async () => {
    const replies = await harness({ hubs: { directory, health: hangingHealth }, healthBudgetMs: 50 }).send(personal(serverError('contoso-iot.azure-devices.net')));
    const text = cardOf(replies[0]);
    assert.match(text, /500001/);
    assert.ok(text.includes(en.health.unavailable.replace('{reason}', en.health.unavailableReasons.timeout)), text);
  });

  it('answers `health <hub>` with a health card, and `health` alone with a choice', async () => {
    const h = harness();
    const healthText = cardOf((await h.send(personal('health contoso-iot')))[0]);
    assert.ok(healthText.includes(en.health.states.Unavailable), healthText);
    const choiceText = cardOf((await h.send(personal('health')))[0]);
    assert.ok(choiceText.includes(en.choice.text), choiceText);
  });

  it('routes `status` to the status handler of the command table', async () => {
    const [status] = await harness().send(personal('status'));
    assert.ok(cardOf(status).includes(en.failover.status.none), 'the failover status card: nothing pending');
    const plugged = harness({}, (wired) => ({ ...wired, status: async (scope) => void (await scope.turn.sendActivity('2 failovers waiting')) }));
    const [replaced] = await plugged.send(personal('status'));
    assert.equal(replaced?.text, '2 failovers waiting');
  });

  it('answers in a channel only when mentioned, except the hub-choice buttons (imBack health <hub>)', async () => {
    const h = harness();
    assert.equal((await h.send(channel('help', false))).length, 0);
    assert.equal((await h.send(channel(serverError('contoso-iot.azure-devices.net'), false))).length, 0);
    const [help] = await h.send(channel('help', true));
    assert.ok(cardOf(help).includes(en.help.intro));
    assert.equal((await h.send(channel('health contoso-iot-eu', false))).length, 1);
  });

  it('replies once to a re-delivered activity', async () => {
    const h = harness();
    const activity = personal('help', { id: 'same-id' });
    assert.equal((await h.send({ ...activity })).length, 1);
    assert.equal((await h.send({ ...activity })).length, 0);
  });

  it('sends the localised error card when a handler fails, instead of failing the turn', async () => {
    const h = harness({}, (wired) => ({ ...wired, help: async () => Promise.reject(new Error('boom: SharedAccessKey=abc')) }));
    const [reply] = await h.send(personal('aide', { locale: 'fr-FR' }));
    assert.ok(cardOf(reply).includes(uiStrings('fr').error.title));
  });

  it('tells the user a paste took too long to read, and what to paste instead (the diagnoser gave up on it)', async () => {
    const overBudget = harness({ diagnoser: async () => ({ kind: 'not-read', reason: 'over-budget', budgetMs: 2000 }) });
    const text = cardOf((await overBudget.send(personal(serverError('contoso-iot.azure-devices.net'))))[0]);
    assert.ok(text.includes(en.tooLong.title), text);
    assert.ok(text.includes(plural('en', 2, en.tooLong.overBudget)), text);
    assert.ok(en.tooLong.how.every((step) => text.includes(step)), text);
    assert.ok(!text.includes('500001'), 'no diagnosis was made');

    const fr = uiStrings('fr');
    const busy = harness({ diagnoser: async () => ({ kind: 'not-read', reason: 'busy', budgetMs: 2000 }) });
    const busyText = cardOf((await busy.send(personal(serverError('contoso-iot.azure-devices.net'), { locale: 'fr-FR' })))[0]);
    assert.ok(busyText.includes(fr.tooLong.title) && busyText.includes(fr.tooLong.busy) && busyText.includes(fr.tooLong.busyHow), busyText);
  });

  it('answers with the error card when the worker reading the paste failed', async () => {
    const failed = harness({ diagnoser: async () => ({ kind: 'not-read', reason: 'failed', budgetMs: 2000 }) });
    const text = cardOf((await failed.send(personal(serverError('contoso-iot.azure-devices.net'))))[0]);
    assert.ok(text.includes(en.error.title), text);
  });

  it('introduces itself when installed in a personal chat, not in a channel', async () => {
    const h = harness();
    const added = { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };
    const [welcome] = await h.send({ ...added, conversation: { id: 'a:p', conversationType: 'personal', isGroup: false, name: '' } } as Partial<Activity>);
    assert.ok(cardOf(welcome).includes(en.help.intro));
    assert.equal((await h.send({ ...added, conversation: { id: '19:c', conversationType: 'channel', isGroup: true, name: '' } } as Partial<Activity>)).length, 0);
  });
});

describe('OnCallBot card actions', () => {
  const invoke = (verb: string): Partial<Activity> =>
    ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { requestId: 'r1' } }, trigger: 'manual' },
      conversation: { id: 'a:p', conversationType: 'personal', isGroup: false, name: '' },
    }) as Partial<Activity>;

  it('answers an unknown verb with HTTP 200 and a message', async () => {
    const [response] = await harness().send(invoke('failover.approve'));
    assert.equal(response?.type, 'invokeResponse');
    assert.deepEqual(response?.value, { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: en.cardAction.notAvailable } });
  });

  it('routes a registered verb to its handler', async () => {
    const seen: unknown[] = [];
    const h = harness({
      cardActions: {
        'card.refresh': async (_turn: TurnContext, action) => {
          seen.push(action.data);
          return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard', version: '1.5', body: [] } };
        },
      },
    });
    const [response] = await h.send(invoke('card.refresh'));
    assert.deepEqual(seen, [{ requestId: 'r1' }]);
    assert.equal((response?.value as { status: number }).status, 200);
  });
});
