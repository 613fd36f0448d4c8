// The failover workflow in the Teams bot, with botbuilder's TestAdapter, the real service over a memory
// store, fake Azure ports, an injected clock and a fake proactive channel: proposals on cards, every card
// action and its refusals, the shared card updates, expiry at the exact boundary, the failback offer, the
// Action.Submit fallback, store failures, and the notifier's handling of connector errors.
import { unitAlertCommands } from '#test/support/alert-commands.ts';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TestAdapter } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { StateStore } from '#src/core/store.ts';
import { failbackAllowedAt, PROPOSAL_GRACE_MS } from '#src/failover/index.ts';
import type { FailbackOffer, FailoverRequest } from '#src/failover/index.ts';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { silentLogger } from '#src/log.ts';
import { createAuditLog } from '#src/state/audit.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { openSqliteStore } from '#src/state/sqlite-store.ts';
import { OnCallBot } from '#src/teams/bot.ts';
import type { OnCallBotDeps } from '#src/teams/bot.ts';
import { POST_DATA, fakePoster } from '#test/support/message-action.ts';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import type { Mention } from '#src/teams/failover/card/render.ts';
import { ActivityDeduplicator } from '#src/teams/inbound/dedupe.ts';
import { createFailoverTeams, createTeamsFailoverNotifier, FailoverCards, ApproverDirectory } from '#src/teams/failover/index.ts';
import type { FailoverTeams, ProactiveChannel } from '#src/teams/failover/index.ts';
import type { ReplyDeps } from '#src/teams/messages/replies.ts';
import { diagnoseInProcess } from '#src/workers/paste-diagnosis.ts';
import { cardText } from '#test/support/cards.ts';
import { APPROVERS, APPROVER_BOB, APPROVER_CAROL, ALICE_ID, HOUR, MINUTE, T0, fakeClock, fakeDirectory, fakeExecutor, fakeHealth, fakeSleep, holdHealth, makeHub, swapped } from '#test/support/failover-fakes.ts';
import type { FakeClock, FakeDirectory, FakeExecutor, FakeHealth } from '#test/support/failover-fakes.ts';
import type { DemoApproval } from '#src/failover/index.ts';
import { waitFor } from '#test/support/failover-harness.ts';

const ui = uiStrings('en');
const en = ui.failover;
/** The health section's state line of a hub in an outage (only the complete card has it). */
const unavailableLine = fill(ui.health.resourceHealth, { state: ui.health.states.Unavailable });
const BOT = { id: '28:bot', name: 'IoT Hub On-Call' };
const THREAD = '19:oncall@thread.tacv2;messageid=1700000000001';
const USERS = {
  alice: { id: '29:alice', name: 'Alice', aadObjectId: ALICE_ID },
  bob: { id: '29:bob', name: 'Bob', aadObjectId: APPROVER_BOB },
  carol: { id: '29:carol', name: 'Carol', aadObjectId: APPROVER_CAROL },
  mallory: { id: '29:mallory', name: 'Mallory', aadObjectId: 'ba110000-0000-4000-8000-0000000000ff' },
};
type User = (typeof USERS)[keyof typeof USERS];

interface FakeChannel extends ProactiveChannel {
  updates: { activityId: string; card: AdaptiveCard }[];
  posts: { text: string; mentions: readonly Mention[] }[];
  /** Statuses the next calls fail with, in order. */
  failures: number[];
  calls: number;
}

function connectorError(status: number): Error {
  return Object.assign(new Error(`connector answered ${status}`), { statusCode: status });
}

function fakeChannel(): FakeChannel {
  const channel: FakeChannel = {
    updates: [],
    posts: [],
    failures: [],
    calls: 0,
    async update(_reference, activityId, card) {
      channel.calls++;
      const status = channel.failures.shift();
      if (status !== undefined) throw connectorError(status);
      channel.updates.push({ activityId, card });
    },
    async post(_reference, text, mentions) {
      channel.calls++;
      const status = channel.failures.shift();
      if (status !== undefined) throw connectorError(status);
      channel.posts.push({ text, mentions });
    },
  };
  return channel;
}

/** A store whose writes fail while `failing` is set (reads still work). */
function flakyStore(inner: StateStore): StateStore & { failing: boolean } {
  const fail = (): never => {
    throw new Error('SQLITE_BUSY: database is locked');
  };
  const store = {
    failing: false,
    kind: inner.kind,
    read: inner.read.bind(inner),
    get: inner.get.bind(inner),
    listKeys: inner.listKeys.bind(inner),
    ping: inner.ping.bind(inner),
    close: inner.close.bind(inner),
    async write<T>(key: string, value: T, eTag: string) {
      if (store.failing) fail();
      return inner.write(key, value, eTag);
    },
    async create<T>(key: string, value: T) {
      if (store.failing) fail();
      return inner.create(key, value);
    },
    async delete(key: string) {
      if (store.failing) fail();
      return inner.delete(key);
    },
  };
  return store;
}

interface World {
  failover: FailoverTeams;
  clock: FakeClock;
  channel: FakeChannel;
  executor: FakeExecutor;
  directory: FakeDirectory;
  store: StateStore & { failing: boolean };
  health: FakeHealth;
  /** What the bot sent so far in the turn under way (before send() returns). */
  queue(): readonly Partial<Activity>[];
  /** How many messages the bot replaced in place (updateActivity). */
  updates(): number;
  /** Sends an activity; returns what the bot sent back (replies, invoke responses). */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  paste(from?: User, locale?: string): Promise<{ cardActivityId: string; requestId: string; card: AdaptiveCard }>;
  /** The card a paste gets, with the request proposed on it if any. */
  pasteCard(from?: User, locale?: string): Promise<{ cardActivityId: string; requestId: string | null; card: AdaptiveCard }>;
  invoke(from: User, verb: string, data: Record<string, unknown>, options?: { replyToId?: string; trigger?: 'manual' | 'automatic'; conversationId?: string }): Promise<{ status: number; body: { statusCode: number; type: string; value: AdaptiveCard }; text: string; card: AdaptiveCard }>;
  record(id: string): Promise<FailoverRequest>;
}

/** A 500001 on contoso-hub, pasted in the channel thread with a mention of the bot. */
function pasteActivity(from: User, locale = 'en-US'): Partial<Activity> {
  return {
    type: 'message',
    id: `m-${Math.random()}`,
    from,
    locale,
    text: `<at>${BOT.name}</at> ServerErrorException: {"errorCode":500001,"message":"ServerError"} HostName=contoso-hub.azure-devices.net`,
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
  };
}

/** "Post diagnosis" of the Diagnose message action on a 500001 about contoso-hub, in a channel. */
function messageActionSubmit(): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'composeExtension/submitAction',
    id: `me-${Math.random()}`,
    from: USERS.alice,
    conversation: { id: '19:ch@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' },
    value: {
      commandId: 'diagnose',
      commandContext: 'message',
      data: { ...POST_DATA },
      messagePayload: { id: '1732700000222', replyToId: null, body: { contentType: 'html', content: '<div>ServerErrorException: {&quot;errorCode&quot;:500001} HostName=contoso-hub.azure-devices.net</div>' } },
    },
  } as Partial<Activity>;
}

function world(
  options: { approvers?: readonly string[]; diagnoseActionPorts?: OnCallBotDeps['diagnoseActionPorts']; store?: (clock: FakeClock) => StateStore; demoApproval?: DemoApproval } = {},
): World {
  const clock = fakeClock(T0);
  const store = flakyStore(options.store ? options.store(clock) : createMemoryStore());
  const audit = createAuditLog(store);
  const executor = fakeExecutor();
  executor.runningPolls = 1;
  const directory = fakeDirectory(makeHub());
  executor.onSucceeded = () => {
    directory.hub = swapped(directory.hub);
  };
  const health = fakeHealth('Unavailable');
  const channel = fakeChannel();
  const logger = silentLogger();
  const failover = createFailoverTeams({
    store,
    audit,
    executor,
    directory,
    health,
    clock,
    config: { approvers: options.approvers ?? APPROVERS, approvalTtlMinutes: 30, pollSeconds: 15 },
    demo: false,
    logger,
    proactive: { channel },
    sleep: fakeSleep(clock),
    notifyRetryDelaysMs: [0, 0],
    ...(options.demoApproval ? { demoApproval: options.demoApproval } : {}),
  });
  const replies: ReplyDeps = { diagnoser: diagnoseInProcess, hubs: { directory, health }, demo: false, healthBudgetMs: 1000, eligibility: (hub) => failover.proposer.eligibility(hub), failover: failover.proposer };
  const bot = new OnCallBot({
    ...replies,
    logger,
    dedupe: new ActivityDeduplicator(),
    commands: { ...failover.commands(replies), ...unitAlertCommands(directory) },
    cardActions: failover.cardActions,
    unknownCardAction: failover.actions.unknownAction(),
    cardSubmit: (turn) => failover.actions.submit(turn),
    ...(options.diagnoseActionPorts ? { diagnoseActionPorts: options.diagnoseActionPorts } : {}),
  });
  idle = () => bot.diagnoseAction.idle();
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  let updates = 0;
  const update = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = async (context, activity) => {
    updates += 1;
    return update(context, activity);
  };
  const conversation = { id: THREAD, conversationType: 'channel', isGroup: true, name: '' };
  const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity({ recipient: BOT, serviceUrl: 'https://smba.example', conversation, ...activity } as Partial<Activity>);
    return adapter.activeQueue.splice(0);
  };
  const w: World = {
    failover,
    clock,
    channel,
    executor,
    directory,
    store,
    health,
    queue: () => adapter.activeQueue,
    updates: () => updates,
    send,
    async paste(from = USERS.alice, locale = 'en-US') {
      const { card, cardActivityId, requestId } = await w.pasteCard(from, locale);
      assert.ok(requestId, `a proposal on the card:\n${cardText(card)}`);
      return { cardActivityId, requestId, card };
    },
    async pasteCard(from = USERS.alice, locale = 'en-US') {
      const replies = await send(pasteActivity(from, locale));
      const reply = replies.find((activity) => activity.type === 'message');
      const card = reply?.attachments?.[0]?.content as AdaptiveCard | undefined;
      assert.ok(reply?.id && card, `a card: ${JSON.stringify(replies).slice(0, 300)}`);
      const requestId = (card['refresh'] as { action: { data: { requestId: string } } } | undefined)?.action.data.requestId ?? null;
      return { cardActivityId: reply.id, requestId, card };
    },
    async invoke(from, verb, data, invokeOptions = {}) {
      const replies = await send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `i-${Math.random()}`,
        from,
        locale: 'en-US',
        ...(invokeOptions.replyToId ? { replyToId: invokeOptions.replyToId } : {}),
        ...(invokeOptions.conversationId ? { conversation: { id: invokeOptions.conversationId, conversationType: 'channel', isGroup: true, name: '' } } : {}),
        value: { action: { type: 'Action.Execute', id: 'x', verb, data }, trigger: invokeOptions.trigger ?? 'manual' },
      });
      const response = replies.find((activity) => activity.type === 'invokeResponse');
      const value = response?.value as { status: number; body: { statusCode: number; type: string; value: AdaptiveCard } } | undefined;
      assert.ok(value, 'an invoke response');
      return { ...value, text: cardText(value.body.value), card: value.body.value };
    },
    async record(id) {
      const found = await failover.service.get(id);
      assert.ok(found);
      return found;
    },
  };
  return w;
}

function verbs(card: AdaptiveCard): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'Action.Execute' && typeof record['verb'] === 'string') found.push(record['verb']);
      Object.values(record).forEach(visit);
    }
  };
  visit(card.body);
  return found;
}

let idle: () => Promise<void> = async () => undefined;

const lastUpdate = (w: World): string => cardText(w.channel.updates.at(-1)?.card ?? {});

describe('failover in the Teams bot', () => {
  it('a paste about a hub in an outage proposes a failover on the card and records the card', async () => {
    const w = world();
    const { cardActivityId, requestId, card } = await w.paste();
    assert.deepEqual(verbs(card), ['failover.request']);
    const record = await w.record(requestId);
    assert.equal(record.state, 'proposed');
    assert.equal(record.conversation.cardActivityId, cardActivityId);
    assert.equal(record.conversation.id, THREAD);
    assert.equal(record.proposedBy?.id, USERS.alice.id);
  });

  it('`health <hub>` for a hub in an outage proposes the failover on the health card too', async () => {
    const w = world();
    const replies = await w.send({ type: 'message', id: 'h-1', from: USERS.alice, text: `<at>${BOT.name}</at> health contoso-hub`, entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] });
    const reply = replies[0];
    const card = reply?.attachments?.[0]?.content as AdaptiveCard;
    assert.match(cardText(card), /Hub health/);
    assert.deepEqual(verbs(card), ['failover.request']);
    const requestId = (card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId;
    assert.equal((await w.record(requestId)).conversation.cardActivityId, reply?.id);
  });

  it('request → approve → the runner completes; the shared card follows every step; the outcome mentions both', async () => {
    const w = world();
    const { cardActivityId, requestId } = await w.paste();
    const requested = await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' }, { replyToId: cardActivityId });
    assert.equal(requested.status, 200);
    assert.equal(requested.body.statusCode, 200);
    assert.deepEqual(verbs(requested.card), ['failover.cancel']);
    await w.failover.service.settled();
    assert.match(lastUpdate(w), /waiting for approval/);
    assert.deepEqual(verbs(w.channel.updates.at(-1)?.card ?? { type: 'AdaptiveCard', version: '1.5', body: [] }), ['card.refresh'], 'the base card has no approval buttons');

    const approverView = await w.invoke(USERS.bob, 'card.refresh', { requestId }, { trigger: 'automatic' });
    assert.deepEqual(verbs(approverView.card), ['failover.approve', 'failover.reject']);
    const approved = await w.invoke(USERS.bob, 'failover.approve', { requestId });
    assert.ok(approved.text.includes(en.notices.approved));
    await w.failover.service.settled();
    const record = await w.record(requestId);
    assert.equal(record.state, 'succeeded');
    assert.equal(w.executor.starts.length, 1);
    assert.match(lastUpdate(w), /succeeded: it now runs in North Europe/);
    assert.ok(w.channel.updates.every((update) => update.activityId === cardActivityId));
    assert.ok(w.channel.updates.some((update) => /: running/.test(cardText(update.card))), 'a running update');
    const [post] = w.channel.posts;
    assert.ok(post);
    assert.deepEqual(post.mentions.map((mention) => mention.id), ['29:alice', '29:bob']);
    // The approver learned from the invoke is in the refresh list; the requester is not an approver.
    const refresh = w.channel.updates.at(-1)?.card['refresh'] as { userIds: string[] };
    assert.ok(refresh.userIds.includes('29:bob'));
  });

  it('self-approval, non-approvers, no approvers configured, wrong conversation: refusal cards, nothing changes', async () => {
    const w = world();
    const { requestId } = await w.paste();
    const requested = await w.invoke(USERS.bob, 'failover.request', { requestId, justification: 'Outage' });
    assert.deepEqual(verbs(requested.card), ['failover.cancel'], 'an approver who requested sees Cancel, not Approve');
    assert.ok((await w.invoke(USERS.bob, 'failover.approve', { requestId })).text.includes(en.refusals['self-approval']));
    assert.ok((await w.invoke(USERS.mallory, 'failover.approve', { requestId })).text.includes(en.refusals['not-an-approver']));
    assert.ok((await w.invoke(USERS.mallory, 'failover.reject', { requestId, reason: 'no' })).text.includes(en.refusals['not-an-approver']));
    const elsewhere = await w.invoke(USERS.carol, 'failover.approve', { requestId }, { conversationId: '19:other@thread.tacv2;messageid=2' });
    assert.ok(elsewhere.text.includes(en.refusals['not-found']));
    assert.doesNotMatch(elsewhere.text, /contoso/);
    assert.equal((await w.record(requestId)).state, 'requested');
  });

  it("answers at once while the hub's health is slow, then completes that same card in place, with the proposal attached to it", async () => {
    const w = world();
    const release = holdHealth(w.health);
    const turn = w.send(pasteActivity(USERS.alice));
    await waitFor(() => w.queue().some((activity) => activity.type === 'message'));
    const [first] = w.queue().filter((activity) => activity.type === 'message');
    const firstCard = first?.attachments?.[0]?.content as AdaptiveCard | undefined;
    assert.ok(first?.id && firstCard);
    const firstText = cardText(firstCard);
    assert.match(firstText, /500001/, 'the diagnosis is on the first card');
    assert.ok(firstText.includes(ui.health.checking), firstText);
    assert.ok(!firstText.includes(unavailableLine), 'no health yet');
    assert.deepEqual(verbs(firstCard), [], 'no proposal before the health is known');
    assert.equal(w.updates(), 0);

    release();
    const replies = await turn;
    assert.equal(w.updates(), 1, 'one update in place');
    const messages = replies.filter((activity) => activity.type === 'message');
    assert.equal(messages.length, 1, 'never a second message');
    assert.equal(messages[0]?.id, first.id, 'the same message, replaced');
    const card = messages[0]?.attachments?.[0]?.content as AdaptiveCard;
    const text = cardText(card);
    assert.ok(text.includes(unavailableLine), text);
    assert.ok(!text.includes(ui.health.checking), text);
    assert.deepEqual(verbs(card), ['failover.request']);
    const requestId = (card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId;
    assert.equal((await w.record(requestId)).conversation.cardActivityId, first.id, 'the proposal belongs to the posted card');
    // And its updates replace that card: a request updates the message the paste got.
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    await w.failover.service.settled();
    assert.equal(w.channel.updates.at(-1)?.activityId, first.id);
  });

  it('a health known at once (cached) gives one complete card and no update', async () => {
    const w = world();
    const { card } = await w.paste();
    assert.ok(cardText(card).includes(unavailableLine));
    assert.ok(!cardText(card).includes(ui.health.checking));
    assert.equal(w.updates(), 0);
  });

  it('the Diagnose message action: the posted card is completed in place once the health answers, with the proposal', async () => {
    const poster = fakePoster();
    const w = world({ diagnoseActionPorts: { membership: async () => 'member', posterFor: poster.posterFor } });
    const release = holdHealth(w.health);
    await w.send(messageActionSubmit());
    await waitFor(() => poster.posts.length === 1);
    const [posted] = poster.posts;
    assert.ok(posted);
    assert.ok(cardText(posted.card).includes(ui.health.checking));
    assert.equal(posted.updates, 0);
    release();
    await idle();
    assert.equal(poster.posts.length, 1, 'never a second post');
    assert.equal(posted.updates, 1, 'one update in place');
    assert.ok(cardText(posted.card).includes(unavailableLine));
    assert.deepEqual(verbs(posted.card), ['failover.request']);
    const requestId = (posted.card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId;
    assert.equal((await w.record(requestId)).conversation.cardActivityId, posted.activityId);
  });

  it("demo: the card announces the demo's approver, who approves the request herself; the card follows to the outcome", async () => {
    const priya = { id: '29:priya-demo', name: 'Priya Raman', aadObjectId: '7d2f4b1a-3c5e-4f60-9a8b-1c2d3e4f5a61' };
    const w = world({ approvers: [], demoApproval: { approver: priya, delayMs: 5_000 } });
    const approver = { approver: priya.name };
    const { card, requestId } = await w.paste();
    assert.ok(cardText(card).includes(fill(en.demoApproval.proposed, approver)), cardText(card));
    assert.deepEqual(verbs(card), ['failover.request'], 'the demo approver counts as an approver: the request is offered');
    const requested = await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    assert.ok(requested.text.includes(fill(en.demoApproval.requested, approver)), requested.text);
    await w.failover.service.settled();
    const record = await w.record(requestId);
    assert.equal(record.state, 'succeeded');
    assert.equal(record.approver?.aadObjectId, priya.aadObjectId);
    assert.ok(lastUpdate(w).includes(fill(en.demoApproval.approved, approver)), lastUpdate(w));
    assert.ok(w.channel.updates.some((update) => cardText(update.card).includes(fill(en.demoApproval.approved, approver)) && /running|in progress/i.test(cardText(update.card))));
  });

  it('with no approvers configured, the card says so before anyone presses anything, and offers no Request button', async () => {
    const none = world({ approvers: [] });
    const { card, requestId } = await none.pasteCard();
    const text = cardText(card);
    assert.ok(text.includes(ui.advice.impossibleReasons['no-approvers']), text);
    assert.deepEqual(verbs(card), [], 'no button at all: nothing anyone could press would lead anywhere');
    assert.equal(requestId, null, 'no proposal was stored');
    assert.equal(card['refresh'], undefined);
    // The same hub, with an approver configured: the proposal and its button.
    const some = world();
    assert.deepEqual(verbs((await some.pasteCard()).card), ['failover.request']);
  });

  it('a request expires exactly at its TTL: one millisecond before it can be approved, at the boundary it cannot', async () => {
    for (const offset of [-1, 0]) {
      const w = world();
      const { requestId } = await w.paste();
      await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
      const expiresAt = Date.parse((await w.record(requestId)).expiresAt);
      w.clock.set(expiresAt + offset);
      const answer = await w.invoke(USERS.bob, 'failover.approve', { requestId });
      await w.failover.service.settled();
      if (offset < 0) {
        assert.ok(answer.text.includes(en.notices.approved), 'approved just in time');
      } else {
        assert.ok(answer.text.includes(en.refusals['already-expired']) || answer.text.includes(en.refusals.expired), answer.text);
        assert.match(answer.text, /: expired/);
        assert.equal((await w.record(requestId)).state, 'expired');
        assert.match(lastUpdate(w), /was not approved before/);
        assert.equal(w.executor.starts.length, 0);
      }
    }
  });

  it('the sweeper expires a request nobody acted on and updates the card', async () => {
    const w = world();
    const { requestId } = await w.paste();
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    w.clock.advance(31 * MINUTE);
    const swept = await w.failover.service.expireDue();
    assert.deepEqual(swept.expired, [requestId]);
    await w.failover.service.settled();
    assert.match(lastUpdate(w), /Failover of contoso-hub to North Europe: expired|expired/);
  });

  it('a store that cannot be written: the invoker is told, nothing changes; a proposal cannot be made but the diagnosis is sent', async () => {
    const w = world();
    const { requestId } = await w.paste();
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    w.store.failing = true;
    const answer = await w.invoke(USERS.bob, 'failover.approve', { requestId });
    assert.equal(answer.status, 200);
    assert.ok(answer.text.includes(en.refusals['store-unavailable']));
    const replies = await w.send({
      type: 'message',
      id: 'm-locked',
      from: USERS.alice,
      text: `<at>${BOT.name}</at> ServerErrorException: {"errorCode":500001} HostName=contoso-hub.azure-devices.net`,
      entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
    });
    const text = cardText(replies[0]?.attachments?.[0]?.content);
    assert.match(text, /500001/);
    assert.ok(text.includes(en.proposalUnavailable));
    w.store.failing = false;
    assert.equal((await w.record(requestId)).state, 'requested');
    assert.equal(w.executor.starts.length, 0);
  });

  it('after a succeeded failover: Check failback before the hour says when; after it, the failback is proposed on the same card', async () => {
    const w = world();
    const { cardActivityId, requestId } = await w.paste();
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    await w.invoke(USERS.bob, 'failover.approve', { requestId });
    await w.failover.service.settled();
    assert.equal((await w.record(requestId)).state, 'succeeded');
    const early = await w.invoke(USERS.alice, 'card.refresh', { requestId });
    assert.match(early.text, /A failback is possible from/);
    // Automatic refreshes never propose anything.
    w.clock.advance(HOUR);
    await w.invoke(USERS.bob, 'card.refresh', { requestId }, { trigger: 'automatic' });
    assert.equal((await w.failover.service.listActive()).filter((record) => record.kind === 'failback').length, 0);

    const offered = await w.invoke(USERS.alice, 'card.refresh', { requestId });
    assert.match(offered.text, /Failback of contoso-hub to West Europe/);
    const failbackId = verbs(offered.card).includes('failover.request') ? (offered.card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId : '';
    assert.notEqual(failbackId, '');
    assert.notEqual(failbackId, requestId);
    const again = await w.invoke(USERS.carol, 'card.refresh', { requestId });
    assert.equal((again.card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId, failbackId, 'one failback proposal, whoever clicks');
    await w.failover.service.settled();
    assert.match(lastUpdate(w), /Failback of contoso-hub to West Europe/);
    const failback = await w.record(failbackId);
    assert.equal(failback.kind, 'failback');
    assert.equal(failback.failoverRegion, 'West Europe');
    assert.equal(failback.conversation.cardActivityId, cardActivityId);

    await w.invoke(USERS.carol, 'failover.request', { requestId: failbackId, justification: 'West Europe is healthy again' });
    const approved = await w.invoke(USERS.bob, 'failover.approve', { requestId: failbackId });
    assert.ok(approved.text.includes(en.notices.approved));
    await w.failover.service.settled();
    assert.equal((await w.record(failbackId)).state, 'succeeded');
    assert.deepEqual(w.executor.starts.map((start) => start.region), ['North Europe', 'West Europe']);
  });

  it('old clients: the Action.Submit fallback runs the same action and answers with a text', async () => {
    const w = world();
    const { requestId } = await w.paste();
    const replies = await w.send({ type: 'message', id: 'submit-1', from: USERS.bob, text: '', value: { verb: 'failover.request', requestId, justification: 'Outage (old client)' } });
    assert.equal(replies.length, 1);
    assert.equal(replies[0]?.text, en.notices.requested);
    assert.equal((await w.record(requestId)).state, 'requested');
    const refused = await w.send({ type: 'message', id: 'submit-2', from: USERS.bob, text: '', value: { verb: 'failover.approve', requestId } });
    assert.equal(refused[0]?.text, en.refusals['self-approval']);
  });

  it('the Diagnose message action: the posted card gets the proposal and the request records where it was posted', async () => {
    const { posts, posterFor } = fakePoster();
    const w = world({ diagnoseActionPorts: { membership: async () => 'member', posterFor } });
    await w.send(messageActionSubmit());
    await idle();
    const [posted] = posts;
    assert.ok(posted);
    const requestId = (posted.card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId;
    assert.deepEqual(verbs(posted.card), ['failover.request']);
    const record = await w.record(requestId);
    assert.equal(record.conversation.cardActivityId, 'posted-1');
    assert.equal(record.conversation.id, posted.conversationId);
    assert.equal(record.proposedBy?.id, USERS.alice.id);
    const reference = record.conversation.reference as { conversation: { id: string }; serviceUrl: string };
    assert.equal(reference.conversation.id, posted.conversationId);
    const requested = await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' }, { conversationId: posted.conversationId });
    assert.match(requested.text, /waiting for approval/);
    await w.failover.service.settled();
    assert.equal(w.channel.updates.at(-1)?.activityId, 'posted-1');
  });

  it('unknown verbs and malformed invokes get a refusal card with status 200', async () => {
    const w = world();
    const { requestId } = await w.paste();
    const unknown = await w.invoke(USERS.bob, 'failover.launch', { requestId });
    assert.equal(unknown.status, 200);
    assert.ok(unknown.text.includes(en.refusals['unknown-action']));
    const replies = await w.send({ type: 'invoke', name: 'adaptiveCard/action', id: 'bad', from: USERS.bob, value: { action: { type: 'Action.Submit' } } });
    const response = replies.find((activity) => activity.type === 'invokeResponse')?.value as { status: number; body: { statusCode: number; value: unknown } };
    assert.equal(response.status, 200);
    assert.equal(response.body.statusCode, 200);
    assert.ok(cardText(response.body.value).includes(en.refusals['unknown-action']));
  });

  it('status and audit commands', async () => {
    const w = world();
    const { requestId } = await w.paste();
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    let sent = 0;
    const message = (text: string) => w.send({ type: 'message', id: `c-${++sent}`, from: USERS.mallory, text: `<at>${BOT.name}</at> ${text}`, entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] });
    const status = cardText((await message('status'))[0]?.attachments?.[0]?.content);
    assert.match(status, /Failover of contoso-hub to North Europe: Waiting for approval/);
    const audit = cardText((await message('audit contoso-hub'))[0]?.attachments?.[0]?.content);
    assert.match(audit, /requested · contoso-hub · Alice/);
    const other = cardText((await message('audit other-hub'))[0]?.attachments?.[0]?.content);
    assert.ok(other.includes(en.audit.none));
    w.store.failing = true;
    await w.failover.service.settled();
    const original = w.store.get.bind(w.store);
    w.store.get = async () => {
      throw new Error('store down');
    };
    const down = cardText((await message('status'))[0]?.attachments?.[0]?.content);
    assert.ok(down.includes(en.refusals['store-unavailable']), down);
    w.store.get = original;
  });
});

describe('failover proposals in the Teams bot: lazy expiry', () => {
  it('an unrequested proposal is not swept; a click after its TTL answers with the expired card and updates it for everyone', async () => {
    const w = world();
    const { cardActivityId, requestId } = await w.paste();
    w.clock.advance(31 * MINUTE);
    assert.deepEqual((await w.failover.service.expireDue()).expired, []);
    assert.equal((await w.record(requestId)).state, 'proposed');
    const answer = await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    assert.equal(answer.status, 200);
    assert.ok(answer.text.includes(en.refusals['already-expired']), answer.text);
    assert.ok(!verbs(answer.card).includes('failover.request'), 'no request button on an expired proposal');
    await w.failover.service.settled();
    assert.equal((await w.record(requestId)).state, 'expired');
    assert.equal(w.channel.updates.at(-1)?.activityId, cardActivityId);
    assert.match(lastUpdate(w), /expired/);
    assert.equal(w.executor.starts.length, 0);
  });

  it('the automatic refresh of an old proposal shows it expired; before its TTL it keeps the request button', async () => {
    const w = world();
    const { requestId } = await w.paste();
    const record = await w.record(requestId);
    w.clock.set(Date.parse(record.expiresAt) - 1);
    const before = await w.invoke(USERS.bob, 'card.refresh', { requestId }, { trigger: 'automatic' });
    assert.deepEqual(verbs(before.card), ['failover.request']);
    w.clock.set(Date.parse(record.expiresAt));
    const after = await w.invoke(USERS.bob, 'card.refresh', { requestId }, { trigger: 'automatic' });
    assert.match(after.text, /expired/);
    assert.ok(!verbs(after.card).includes('failover.request'));
    assert.equal((await w.record(requestId)).state, 'expired');
  });

  it('a requested proposal is swept at its TTL and listed by status until then', async () => {
    const w = world();
    const { requestId } = await w.paste();
    await w.paste();
    assert.deepEqual(await w.failover.service.listActive(), []);
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    assert.deepEqual((await w.failover.service.listActive()).map((record) => record.id), [requestId]);
    w.clock.advance(30 * MINUTE);
    assert.deepEqual((await w.failover.service.expireDue()).expired, [requestId]);
  });

  it('an automatic refresh after a succeeded failover proposes no failback', async () => {
    const w = world();
    const { requestId } = await w.paste();
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    await w.invoke(USERS.bob, 'failover.approve', { requestId });
    await w.failover.service.settled();
    w.clock.advance(HOUR);
    const refreshed = await w.invoke(USERS.bob, 'card.refresh', { requestId }, { trigger: 'automatic' });
    assert.equal((refreshed.card['refresh'] as { action: { data: { requestId: string } } }).action.data.requestId, requestId);
    assert.equal((await w.record(requestId)).failbackRequestId ?? null, null);
  });
});

function mapOffer(at: string | null): FailbackOffer | null {
  return at === null ? null : { kind: 'from', at };
}

describe('the Teams failover notifier', () => {
  function notifierWorld() {
    const store = createMemoryStore();
    const channel = fakeChannel();
    const clock = fakeClock(T0);
    const approvers = new ApproverDirectory({ approvers: APPROVERS, store, logger: silentLogger() });
    // No failback is ever proposed here: a succeeded failover offers one from the end of the gap.
    const failbacks = { failbackOffer: async (record: FailoverRequest) => mapOffer(failbackAllowedAt(record)) };
    const cards = new FailoverCards({ store, approvers, clock, demo: false, demoApprover: null, failbacks });
    const outcomes: string[] = [];
    const statuses: (number | null)[] = [];
    const notifier = createTeamsFailoverNotifier({
      channel,
      cards,
      logger: silentLogger(),
      sleep: async () => undefined,
      retryDelaysMs: [0, 0, 0],
      metrics: { failoverOutcome: (outcome) => outcomes.push(outcome), connectorError: (status) => statuses.push(status) },
    });
    return { channel, notifier, outcomes, statuses };
  }

  async function aRecord(state: 'requested' | 'succeeded'): Promise<FailoverRequest> {
    const w = world();
    const { requestId } = await w.paste();
    await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Outage' });
    if (state === 'succeeded') {
      await w.invoke(USERS.bob, 'failover.approve', { requestId });
      await w.failover.service.settled();
    }
    return w.record(requestId);
  }

  it('retries 429, 412 and 502 and delivers; gives up quietly on 403 and 404; rethrows the rest for a later retry', async () => {
    const record = await aRecord('requested');
    const retried = notifierWorld();
    retried.channel.failures.push(429, 412, 502);
    await retried.notifier.requestChanged(record);
    assert.equal(retried.channel.updates.length, 1);
    assert.deepEqual(retried.statuses, [429, 412, 502]);

    for (const status of [403, 404]) {
      const gone = notifierWorld();
      gone.channel.failures.push(status, status);
      await gone.notifier.requestChanged(record);
      assert.equal(gone.channel.calls, 1, `${status}: no retry`);
      assert.equal(gone.channel.updates.length, 0);
    }

    const broken = notifierWorld();
    broken.channel.failures.push(500);
    await assert.rejects(broken.notifier.requestChanged(record), /500/);
    const exhausted = notifierWorld();
    exhausted.channel.failures.push(429, 429, 429, 429);
    await assert.rejects(exhausted.notifier.requestChanged(record), /429/);
  });

  it('announces the outcome with mentions and counts each outcome once', async () => {
    const record = await aRecord('succeeded');
    const n = notifierWorld();
    await n.notifier.requestChanged(record);
    await n.notifier.requestChanged(record);
    assert.deepEqual(n.outcomes, ['succeeded']);
    await n.notifier.announceOutcome(record);
    const [post] = n.channel.posts;
    assert.ok(post);
    for (const mention of post.mentions) assert.ok(post.text.includes(mention.text));
    assert.match(post.text, /succeeded/);
  });

  it('does nothing for a request whose card is not known', async () => {
    const record = await aRecord('requested');
    const n = notifierWorld();
    await n.notifier.requestChanged({ ...record, conversation: { ...record.conversation, cardActivityId: null } });
    await n.notifier.requestChanged({ ...record, conversation: { ...record.conversation, reference: 'not a reference' } });
    assert.equal(n.channel.calls, 0);
  });
});

describe('expired proposals in the Teams bot (SQLite store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proposal-purge-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function sqliteWorld(name: string): { w: World; rows: (like?: string) => number } {
    const path = join(dir, `${name}.db`);
    const w = world({ store: (clock) => openSqliteStore(path, { now: () => clock.now() }) });
    const rows = (like = '%'): number => {
      const probe = new DatabaseSync(path);
      try {
        return Number(probe.prepare('SELECT COUNT(*) AS n FROM kv WHERE key LIKE ?').get(like)?.['n']);
      } finally {
        probe.close();
      }
    };
    return { w, rows };
  }

  it('N proposals posted on cards leave no row and no byte of them behind after expiry + grace', async () => {
    const { w, rows } = sqliteWorld('n-proposals');
    const baseline = rows();
    const N = 20;
    for (let i = 0; i < N; i++) await w.paste();
    assert.equal(rows('failover/request/%'), N);
    assert.equal(rows('teams/failover-card/%'), N, 'each with its card document');
    w.clock.advance(30 * MINUTE + PROPOSAL_GRACE_MS - 1);
    assert.deepEqual((await w.failover.service.purgeProposals()).deleted, [], 'kept during the grace');
    w.clock.advance(1);
    assert.equal((await w.failover.service.purgeProposals()).deleted.length, N);
    assert.equal(rows('failover/request/%'), 0);
    assert.equal(rows('teams/failover-card/%'), 0);
    assert.equal(rows(), baseline, 'only what was there before the pastes remains');
  });

  it('a click on a deleted proposal’s card: "no longer exists"; Teams’ automatic refresh: the card is left as posted', async () => {
    const { w } = sqliteWorld('click-after');
    const { requestId } = await w.paste();
    w.clock.advance(30 * MINUTE + PROPOSAL_GRACE_MS);
    assert.deepEqual((await w.failover.service.purgeProposals()).deleted, [requestId]);

    const click = await w.invoke(USERS.alice, 'failover.request', { requestId, justification: 'Still down' });
    assert.equal(click.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.ok(click.text.includes(en.refusals['not-found']));
    assert.match(en.refusals['not-found'], /no longer exists/);

    const replies = await w.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'refresh-after-purge',
      from: USERS.bob,
      locale: 'en-US',
      value: { action: { type: 'Action.Execute', id: 'x', verb: 'card.refresh', data: { requestId } }, trigger: 'automatic' },
    });
    const refresh = replies.find((activity) => activity.type === 'invokeResponse')?.value as { status: number; body: { type: string; value: unknown } };
    assert.equal(refresh.status, 200);
    assert.equal(refresh.body.type, 'application/vnd.microsoft.activity.message', 'no card: the viewer keeps the diagnosis as posted');
    assert.equal(refresh.body.value, en.refusals['not-found']);
  });
});
