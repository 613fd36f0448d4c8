// The Diagnose message action through the bot's routing (botbuilder TestAdapter), with the real diagnosis
// and cards, a fake hub directory and health, and fake connector edges (roster check, proactive post).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { Diagnosis } from '#src/diagnosis/types.ts';
import { plural, uiStrings } from '#src/i18n/index.ts';
import type { PluralForms } from '#src/i18n/index.ts';
import type { StateStore } from '#src/core/store.ts';
import { silentLogger } from '#src/log.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { OnCallBot } from '#src/teams/bot.ts';
import { CARD_BYTE_LIMIT, byteSize } from '#src/teams/cards/index.ts';
import type { BotMembership, PostOutcome } from '#src/teams/message-action/conversation-post.ts';
import { isBotNotInConversation } from '#src/teams/message-action/conversation-post.ts';
import { ActivityDeduplicator } from '#src/teams/inbound/dedupe.ts';
import { renderDialogNoticeCard } from '#src/teams/cards/index.ts';
import { renderAddBotCard, renderDiagnosePreviewCard } from '#src/teams/message-action/cards.ts';
import { diagnoseInProcess } from '#src/workers/paste-diagnosis.ts';
import type { PasteDiagnoser, PasteDiagnosisOutcome } from '#src/workers/diagnoser.ts';
import { messageRateGateFor } from '#src/teams/inbound/rate-limit.ts';
import type { MessageGate } from '#src/teams/inbound/rate-limit.ts';
import type { ReplyDeps } from '#src/teams/messages/replies.ts';
import { cardText } from '#test/support/cards.ts';
import { wiredCommands } from '#test/support/bot-commands.ts';
import { eligibilityOfHubFacts, fixtureDirectory, fixtureHub, outageOf } from '#test/support/hubs.ts';
import { assertWellFormedCard } from '#test/support/card-helpers.ts';
import { INSTALLED_DATA, POST_DATA, dialogCard, fakePoster, submitActions } from '#test/support/message-action.ts';
import type { FakePost } from '#test/support/message-action.ts';

const en = uiStrings('en');
const fr = uiStrings('fr');
const BOT = { id: '28:bot', name: 'IoT Hub On-Call' };
const USER = { id: '29:user', name: 'Alex' };
const directory = fixtureDirectory([fixtureHub('contoso-iot')]);
const outage = outageOf('contoso-iot');

const SERVER_ERROR_HTML = '<div><pre>ServerErrorException: {&quot;errorCode&quot;:500001,&quot;message&quot;:&quot;ServerError&quot;} HostName=contoso-iot.azure-devices.net</pre></div>';

interface Harness {
  /** Runs one invoke and returns the body of its invoke response. */
  invoke(name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', value: Record<string, unknown>, extra?: Partial<Activity>): Promise<unknown>;
  /** Sends a message (as the same user) and returns what the bot sent. */
  message(text: string): Promise<Partial<Activity>[]>;
  posts: FakePost[];
  membershipChecks: number;
  setMembership(membership: BotMembership): void;
  failNextPost(outcome: PostOutcome): void;
  idle(): Promise<void>;
}

function harness(options: { store?: StateStore; diagnoser?: PasteDiagnoser; rateLimit?: MessageGate } = {}): Harness {
  let membership: BotMembership = 'member';
  const poster = fakePoster();
  const state = { membershipChecks: 0 };
  const replies: ReplyDeps = {
    demo: false,
    diagnoser: options.diagnoser ?? diagnoseInProcess,
    hubs: { directory, health: outage },
    healthBudgetMs: 1000,
    eligibility: eligibilityOfHubFacts,
  };
  const bot = new OnCallBot({
    ...replies,
    logger: silentLogger(),
    dedupe: new ActivityDeduplicator(),
    commands: wiredCommands(replies),
    ...(options.store ? { postClaimStore: options.store } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    diagnoseActionPorts: {
      membership: async () => {
        state.membershipChecks += 1;
        return membership;
      },
      posterFor: poster.posterFor,
    },
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  let sequence = 0;
  return {
    get posts() {
      return poster.posts;
    },
    get membershipChecks() {
      return state.membershipChecks;
    },
    setMembership: (value) => {
      membership = value;
    },
    failNextPost: (outcome) => poster.failNextPost(outcome),
    idle: () => bot.diagnoseAction.idle(),
    async message(text) {
      sequence += 1;
      await adapter.processActivity({
        type: 'message',
        text,
        id: `message-${sequence}`,
        recipient: BOT,
        from: USER,
        conversation: { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '' },
        locale: 'en-US',
      } as Partial<Activity>);
      return adapter.activeQueue.splice(0);
    },
    async invoke(name, value, extra = {}) {
      sequence += 1;
      await adapter.processActivity({
        type: 'invoke',
        name,
        id: `f:invoke-${sequence}`,
        recipient: BOT,
        from: USER,
        conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' },
        locale: 'en-US',
        value,
        ...extra,
      } as Partial<Activity>);
      const responses = adapter.activeQueue.splice(0).filter((activity) => activity.type === 'invokeResponse');
      assert.equal(responses.length, 1, 'one invoke response');
      const response = responses[0]?.value as { status: number; body: unknown };
      assert.equal(response.status, 200);
      return response.body;
    },
  };
}

function actionValue(html: string, extra: Record<string, unknown> = {}, messageId = '1732700000222'): Record<string, unknown> {
  return { commandId: 'diagnose', commandContext: 'message', messagePayload: { id: messageId, replyToId: null, body: { contentType: 'html', content: html } }, ...extra };
}

const CHANNEL = { conversation: { id: '19:ch@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' } } as Partial<Activity>;

describe('Diagnose message action: fetchTask', () => {
  it('previews the headline finding with a Post button, in a dialog, after checking the roster', async () => {
    const h = harness();
    const body = await h.invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML));
    const task = (body as { task: { type: string; value: { title: string; width: unknown; height: unknown } } }).task;
    assert.equal(task.type, 'continue');
    assert.equal(task.value.title, en.messageAction.dialogTitle);
    const card = dialogCard(body);
    const text = cardText(card);
    assert.match(text, /500001 ServerError/);
    assert.ok(text.includes(en.messageAction.preview.whereChat), text);
    assert.deepEqual(submitActions(card), [{ title: en.messageAction.preview.postButton, data: POST_DATA }]);
    assert.equal(h.membershipChecks, 1);
    assert.equal(h.posts.length, 0);
  });

  it('says nothing was recognised, and offers no Post button', async () => {
    const card = dialogCard(await harness().invoke('composeExtension/fetchTask', actionValue('<p>lunch at noon?</p>')));
    const text = cardText(card);
    assert.ok(text.includes(en.messageAction.preview.nothingTitle), text);
    assert.ok(text.includes(en.messageAction.preview.nothingHint), text);
    assert.deepEqual(submitActions(card), []);
  });

  it('explains how to add the bot to the team when it is not in the channel', async () => {
    const h = harness();
    h.setMembership('not-member');
    const card = dialogCard(await h.invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML), CHANNEL));
    const text = cardText(card);
    assert.ok(text.includes(en.messageAction.addBot.whyTeam), text);
    assert.ok(en.messageAction.addBot.stepsTeam.every((step) => text.includes(step)), text);
    assert.ok(!text.includes('500001'), 'no diagnosis before the bot can post it');
    assert.deepEqual(submitActions(card), [{ title: en.messageAction.addBot.buttonTeam, data: INSTALLED_DATA }]);
  });

  it('answers an unknown command or an invoke without a message with the error card, in a dialog', async () => {
    const h = harness();
    for (const value of [{ ...actionValue(SERVER_ERROR_HTML), commandId: 'other' }, { commandId: 'diagnose', commandContext: 'compose' }]) {
      const text = cardText(dialogCard(await h.invoke('composeExtension/fetchTask', value)));
      assert.ok(text.includes(en.error.title), text);
    }
  });

  it('speaks French to a French user', async () => {
    const body = await harness().invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML), { locale: 'fr-FR' });
    assert.equal((body as { task: { value: { title: string } } }).task.value.title, fr.messageAction.dialogTitle);
    assert.deepEqual(submitActions(dialogCard(body)), [{ title: fr.messageAction.preview.postButton, data: POST_DATA }]);
  });
});

describe('Diagnose message action: submitAction', () => {
  const post = (html: string, messageId?: string) => actionValue(html, { data: { ...POST_DATA } }, messageId);

  it('closes the dialog, then posts the diagnosis card with the hub health into the channel thread', async () => {
    const h = harness();
    assert.deepEqual(await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML), CHANNEL), {});
    await h.idle();
    assert.equal(h.posts.length, 1);
    assert.equal(h.posts[0]?.conversationId, '19:ch@thread.tacv2;messageid=1732700000222');
    const text = cardText(h.posts[0]?.card);
    assert.match(text, /500001/);
    assert.ok(text.includes(en.health.states.Unavailable), text);
  });

  it('posts once per message, and again after a post failed', async () => {
    const h = harness();
    h.failNextPost({ ok: false, notInConversation: true, error: null });
    assert.deepEqual(await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML)), {});
    await h.idle();
    assert.equal(h.posts.length, 0, 'the first post failed');
    await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML));
    await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML));
    await h.idle();
    assert.equal(h.posts.length, 1, 'the failure freed the message; the double click did not post twice');
    await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML, 'another-message'));
    await h.idle();
    assert.equal(h.posts.length, 2, 'another message is another post');
  });

  it('posts once per message across bot instances sharing a store, and again after one post failed', async () => {
    const store = createMemoryStore();
    const [first, second] = [harness({ store }), harness({ store })];
    await Promise.all([
      first.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML), CHANNEL),
      second.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML), CHANNEL),
    ]);
    await Promise.all([first.idle(), second.idle()]);
    assert.equal(first.posts.length + second.posts.length, 1, 'one instance posted');
    assert.ok(await store.get('message-action/19%3Ach%40thread.tacv2%3Bmessageid%3D1732700000222/1732700000222'), 'the claim is in the store');
    await second.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML), CHANNEL);
    await first.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML), CHANNEL);
    await Promise.all([first.idle(), second.idle()]);
    assert.equal(first.posts.length + second.posts.length, 1, 'later submits on either instance do not post again');

    first.failNextPost({ ok: false, notInConversation: true, error: null });
    await first.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML, 'failing-message'), CHANNEL);
    await first.idle();
    assert.equal(first.posts.length + second.posts.length, 1, 'the post failed');
    await second.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML, 'failing-message'), CHANNEL);
    await second.idle();
    assert.equal(first.posts.length + second.posts.length, 2, 'the failure released the claim in the store: the other instance posts');
  });

  it('answers with the add-the-bot dialog instead of posting when the bot is not in the chat, then posts once added', async () => {
    const h = harness();
    h.setMembership('not-member');
    const text = cardText(dialogCard(await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML))));
    assert.ok(text.includes(en.messageAction.addBot.whyChat), text);
    await h.idle();
    assert.equal(h.posts.length, 0);
    h.setMembership('member');
    assert.deepEqual(await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML)), {});
    await h.idle();
    assert.equal(h.posts.length, 1);
  });

  it('posts when the roster check cannot tell (slow or failing connector)', async () => {
    const h = harness();
    h.setMembership('unknown');
    await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML));
    await h.idle();
    assert.equal(h.posts.length, 1);
  });

  it('does not post a message with nothing to diagnose: the dialog says so', async () => {
    const h = harness();
    const text = cardText(dialogCard(await h.invoke('composeExtension/submitAction', post('<p>lunch at noon?</p>'))));
    assert.ok(text.includes(en.messageAction.preview.nothingTitle), text);
    await h.idle();
    assert.equal(h.posts.length, 0);
  });

  it('after a just-in-time install: the preview, or a notice when Teams did not resend the message', async () => {
    const h = harness();
    const preview = dialogCard(await h.invoke('composeExtension/submitAction', actionValue(SERVER_ERROR_HTML, { data: { ...INSTALLED_DATA } })));
    assert.match(cardText(preview), /500001/);
    const notice = dialogCard(await h.invoke('composeExtension/submitAction', { commandId: 'diagnose', data: { ...INSTALLED_DATA } }));
    assert.ok(cardText(notice).includes(en.messageAction.installed));
    assert.equal(h.posts.length, 0);
  });

  it('answers a submit it does not know with the error card', async () => {
    const text = cardText(dialogCard(await harness().invoke('composeExtension/submitAction', actionValue(SERVER_ERROR_HTML, { data: { something: 'else' } }))));
    assert.ok(text.includes(en.error.title), text);
  });
});

describe('Diagnose message action: reading the message off the event loop, and the rate limit', () => {
  /** A diagnoser that answers the given outcomes in turn, then reads pastes in process. */
  function scripted(...outcomes: PasteDiagnosisOutcome[]): PasteDiagnoser {
    return async (paste) => outcomes.shift() ?? diagnoseInProcess(paste);
  }
  const overBudget: PasteDiagnosisOutcome = { kind: 'not-read', reason: 'over-budget', budgetMs: 2000 };
  const post = (html: string) => actionValue(html, { data: { ...POST_DATA } });
  /** "Please wait N seconds", whatever N the clock gives. */
  const waitNotice = (forms: PluralForms): RegExp => new RegExp(plural('en', 60, forms).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('60', '\\d+'));

  it('a message that took too long to read: the preview dialog says so and what to do, in time', async () => {
    const card = dialogCard(await harness({ diagnoser: scripted(overBudget) }).invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML)));
    const text = cardText(card);
    assert.ok(text.includes(en.tooLong.title) && text.includes(plural('en', 2, en.tooLong.overBudget)), text);
    assert.ok(en.tooLong.how.every((step) => text.includes(step)), text);
    assert.deepEqual(submitActions(card), [], 'nothing to post');
    const fr = uiStrings('fr');
    const french = cardText(dialogCard(await harness({ diagnoser: scripted({ ...overBudget, reason: 'busy' }) }).invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML), { locale: 'fr-FR' })));
    assert.ok(french.includes(fr.tooLong.title) && french.includes(fr.tooLong.busy), french);
  });

  it('a submit whose message took too long to read posts nothing, says so, and frees the message for another try', async () => {
    const h = harness({ diagnoser: scripted(overBudget) });
    const text = cardText(dialogCard(await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML))));
    assert.ok(text.includes(en.tooLong.title), text);
    await h.idle();
    assert.equal(h.posts.length, 0);
    assert.deepEqual(await h.invoke('composeExtension/submitAction', post(SERVER_ERROR_HTML)), {});
    await h.idle();
    assert.equal(h.posts.length, 1, 'the same message, read this time, is posted');
  });

  it('a worker failure is the error card in the dialog', async () => {
    const text = cardText(dialogCard(await harness({ diagnoser: scripted({ ...overBudget, reason: 'failed' }) }).invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML))));
    assert.ok(text.includes(en.error.title), text);
  });

  it('draws from the same rate limit as messages; over it the dialog says so politely and nothing is read', async () => {
    let reads = 0;
    const counting: PasteDiagnoser = async (paste) => ((reads += 1), diagnoseInProcess(paste));
    const h = harness({ diagnoser: counting, rateLimit: messageRateGateFor({ messagesPerMinute: 1, burst: 2 }) });
    assert.equal((await h.message('help')).length, 1, 'a message takes the first token');
    assert.match(cardText(dialogCard(await h.invoke('composeExtension/fetchTask', actionValue(SERVER_ERROR_HTML)))), /500001/, 'the preview takes the second');
    for (const name of ['composeExtension/fetchTask', 'composeExtension/submitAction'] as const) {
      const body = await h.invoke(name, name === 'composeExtension/fetchTask' ? actionValue(SERVER_ERROR_HTML) : post(SERVER_ERROR_HTML));
      assert.match(cardText(dialogCard(body)), waitNotice(en.rateLimit.dialog));
    }
    await h.idle();
    assert.equal(reads, 1, 'refused invokes read nothing');
    assert.equal(h.posts.length, 0);
    // Refused too (one bucket), and silently: the dialogs already said to wait (one notice per quiet interval).
    assert.deepEqual(await h.message('help'), []);
  });
});

describe('Diagnose preview card', () => {
  function diagnosisWith(name: string, hostName: string): Diagnosis {
    const base = diagnose('ServerErrorException: {"errorCode":500001,"message":"ServerError"}');
    const [finding] = base.findings;
    assert.ok(finding);
    return { ...base, findings: [{ ...finding, code: null, name }], context: { ...base.context, hubHostNames: [hostName] } };
  }

  it('escapes what it echoes from the message: no link, mention or template expression gets through', () => {
    const diagnosis = diagnosisWith('[Click here](https://evil.example/login) <at>Everyone</at> ${t.help.title} _x_', 'evil.example)[y](z');
    const card = renderDiagnosePreviewCard({ diagnosis, locale: 'en', demo: false, place: 'chat' });
    const json = JSON.stringify(card);
    assert.ok(!json.includes('[Click here](https://evil.example/login)'), json);
    assert.ok(!json.includes('<at>Everyone</at>'), json);
    assert.ok(!json.includes('${t.help.title}') && !json.includes(en.help.title), 'a template expression in the message stays inert');
    assert.ok(json.includes('\\\\[Click here\\\\]\\\\(https://evil\\\\.example/login\\\\)'), json);
  });

  it('stays small, and says where the diagnosis goes', () => {
    const diagnosis = diagnose(Array.from({ length: 40 }, (_, i) => `errorCode ${500001 + (i % 8)} on hub-${i}.azure-devices.net ${'x'.repeat(300)}`).join('\n'));
    for (const place of ['channel', 'chat'] as const) {
      const card = renderDiagnosePreviewCard({ diagnosis, locale: 'fr', demo: true, place });
      assert.ok(byteSize(card) < CARD_BYTE_LIMIT / 4, `preview of ${byteSize(card)} bytes`);
      const text = cardText(card);
      assert.ok(text.includes(place === 'channel' ? fr.messageAction.preview.whereChannel : fr.messageAction.preview.whereChat));
      assert.ok(text.includes(fr.common.demoBanner));
    }
  });

  it('warns about a key in the message without showing it', () => {
    const key = 'q3N0cmFuZ2VTZWNyZXRLZXlWYWx1ZTEyMzQ1Njc4OTBBQkNERUY=';
    const diagnosis = diagnose(`HostName=contoso-iot.azure-devices.net;DeviceId=d1;SharedAccessKey=${key}`);
    const card = renderDiagnosePreviewCard({ diagnosis, locale: 'en', demo: false, place: 'chat' });
    const text = cardText(card);
    assert.ok(text.includes(en.messageAction.preview.secretsHeading), text);
    assert.ok(!JSON.stringify(card).includes(key));
    assert.equal(submitActions(card).length, 1, 'the warning is worth posting');
  });
});

describe('Diagnose dialogs', () => {
  it('are well-formed Adaptive Cards 1.5 in every variant and locale', () => {
    const pastes = ['ServerErrorException: {"errorCode":500001} HostName=contoso-iot.azure-devices.net', 'lunch at noon?', '', 'SharedAccessKey=q3N0cmFuZ2VTZWNyZXRLZXk='];
    for (const locale of ['en', 'fr'] as const) {
      for (const place of ['channel', 'chat'] as const) {
        for (const [i, paste] of pastes.entries()) {
          assertWellFormedCard(renderDiagnosePreviewCard({ diagnosis: diagnose(paste), locale, demo: i % 2 === 0, place }), `preview ${locale} ${place} #${i}`);
        }
        assertWellFormedCard(renderAddBotCard(locale, place), `add-bot ${locale} ${place}`);
      }
      assertWellFormedCard(renderDialogNoticeCard(uiStrings(locale).messageAction.installed), `notice ${locale}`);
    }
  });
});

describe('isBotNotInConversation', () => {
  const error = (statusCode: number, code: string) => Object.assign(new Error('x'), { statusCode, code });
  it('reads the connector error: 403 BotNotInConversationRoster and unknown conversations, not missing users', () => {
    assert.equal(isBotNotInConversation(error(403, 'BotNotInConversationRoster')), true);
    assert.equal(isBotNotInConversation(error(404, 'ConversationNotFound')), true);
    assert.equal(isBotNotInConversation(error(404, 'MemberNotFoundInConversation')), false);
    assert.equal(isBotNotInConversation(error(403, 'BotDisabledByAdmin')), false);
    assert.equal(isBotNotInConversation(error(500, 'ServiceError')), false);
    assert.equal(isBotNotInConversation(new Error('socket hang up')), false);
    assert.equal(isBotNotInConversation(null), false);
  });
});
