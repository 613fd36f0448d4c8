// A team channel in the Agents Playground: a new post that @mentions the bot with a paste gets the diagnosis
// as a reply in that post's thread (not as a new post), and the mention is not read as part of the paste;
// the reply is shown even when the browser is slow to learn of its own post (a busy machine).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { uiStrings } from '#src/i18n/index.ts';
import { postedThread, SENT_MESSAGE_PATH, UI_TIMEOUT_MS } from './support/browser.ts';
import { normalizeSpaces, UNAUTHORIZED_PASTE, unauthorizedPaste } from './support/pastes.ts';
import { shownText } from './support/failover.ts';
import { startStack, withFailureReport } from './support/stack.ts';
import type { Stack } from './support/stack.ts';
import { INCIDENTS_CHANNEL } from './support/world.ts';

const t = uiStrings('en');
let started: Stack | undefined;

before(async () => {
  started = await startStack({ locale: 'en' });
});
after(async () => {
  await started?.stop();
});

test('an @mention with a paste in a team channel is answered in the thread of that post', async (context) => {
  assert.ok(started, 'the browser stack did not start');
  const stack = started;
  await withFailureReport(context, stack, async () => {
    const { ui, world } = stack;
    await ui.openChannel(INCIDENTS_CHANNEL.name);
    await ui.postInChannel(UNAUTHORIZED_PASTE, world.bot.name);

    // What the bot received: a channel message whose text starts with the mention, in a thread of the channel.
    const post = await ui.frames.waitForLogEntry(
      (entry) => entry.activityName === 'message' && entry.activity !== null && String(entry.activity.text ?? '').includes('401002'),
      'the channel post delivered to the bot',
    );
    const thread = post.conversationId ?? '';
    assert.match(thread, new RegExp(`^${INCIDENTS_CHANNEL.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};messageid=\\d+$`), 'the post is a thread root in the channel');
    assert.ok(String(post.activity?.text).startsWith(`<at>${world.bot.name}</at>`), 'the post mentions the bot');

    // The reply: a card message in the same thread conversation, rendered under the post.
    const reply = await ui.frames.waitForMessage((message) => message.conversationId === thread && message.fromId === world.bot.id && message.cards.length > 0, 20_000, 'the bot reply in the thread');
    assert.equal(reply.action, 'createMessage');
    const threadBox = ui.page.getByRole('group').filter({ hasText: 'the SAS token has expired' });
    const card = threadBox.locator('.ac-adaptiveCard').filter({ hasText: t.diagnosis.cardTitle });
    await card.waitFor();
    const text = normalizeSpaces(await card.innerText());
    assert.ok(text.includes('401002'), 'the card names the code');
    assert.ok(text.includes(normalizeSpaces(t.verdict['client-config'])), 'a caller-side verdict');
    // The advice, behind its label, comes with the card completed in place once the hub's health answered.
    const completed = await ui.frames.waitForMessage(
      (message) => message.conversationId === thread && message.fromId === world.bot.id && message.cards.some((posted) => shownText(posted).includes(normalizeSpaces(t.advice['not-applicable']))),
      UI_TIMEOUT_MS,
      'the card completed with the failover advice',
    );
    assert.ok(completed.action === 'createMessage' || completed.messageId === reply.messageId, 'the card says a failover would not help, on the reply itself');
    assert.ok(!text.includes(world.bot.name), 'the mention is not part of what was diagnosed');
    const threadsWithCards = ui.page.getByRole('group').filter({ has: ui.page.locator('.ac-adaptiveCard') });
    assert.equal(await threadsWithCards.count(), 1, 'the reply did not start a new post');
  });
});

test('the reply to a new post is shown even when the browser learns of its own post after the bot answered it', async (context) => {
  assert.ok(started, 'the browser stack did not start');
  const stack = started;
  await withFailureReport(context, stack, async () => {
    const { ui, world } = stack;
    // The playground sends the post to the bot as it answers the browser's POST: here that answer reaches the
    // page only once the bot's reply is in (what a busy machine does by chance), or once the forwarder holds
    // the post back until the page shows it (support/new-post-gate.ts), whichever comes first.
    const isNewPost = (url: URL): boolean => SENT_MESSAGE_PATH.test(url.pathname);
    await ui.page.route(isNewPost, async (route) => {
      const response = await route.fetch();
      const thread = postedThread(await response.json()) ?? '';
      await Promise.race([
        stack.newPosts.held(thread),
        ui.frames.waitForMessage((message) => message.conversationId === thread && message.fromId === world.bot.id, UI_TIMEOUT_MS, 'the bot reply in the thread').catch(() => undefined),
      ]);
      await route.fulfill({ response });
    });
    try {
      await ui.postInChannel(unauthorizedPaste('gateway-late'), world.bot.name);
      const card = ui.page.getByRole('group').filter({ hasText: 'gateway-late' }).locator('.ac-adaptiveCard').filter({ hasText: t.diagnosis.cardTitle });
      await card.waitFor();
    } finally {
      await ui.page.unroute(isNewPost);
    }
    const created = ui.frames.messages.filter((message) => message.action === 'createMessage').map((message) => message.messageId);
    assert.equal(new Set(created).size, created.length, `each message was created once (one websocket): ${created.join(', ')}`);
  });
});
