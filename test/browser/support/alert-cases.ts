// Azure Monitor alerts in the Playground's channel, once per locale (alerts.en.test.ts, alerts.fr.test.ts): the
// channel subscribes, the simulator fires a Resource Health alert (`demo alert`), and its card arrives as a new
// post of the channel, then gains the failover request of the hub in an outage, decision first, within the
// outage budget. A screenshot of the subscription (the alert card's pictures are the gallery's, cards.test.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { UI_TIMEOUT_MS } from './browser.ts';
import { normalizeSpaces, OUTAGE_HUB } from './pastes.ts';
import { OUTAGE_ALERT_BUDGET_PX } from './alert-gallery.ts';
import { templatePattern } from './failover.ts';
import { boxOnCard, control, settledHeight } from './first-screen.ts';
import { saveCardScreenshot } from './screenshots.ts';
import { startStack, withFailureReport } from './stack.ts';
import type { Stack, UiLocale } from './stack.ts';
import { INCIDENTS_CHANNEL } from './world.ts';

const WORDS: Record<UiLocale, { subscribe: string; demoAlert: string }> = {
  en: { subscribe: 'subscribe', demoAlert: 'demo alert' },
  fr: { subscribe: 'abonner', demoAlert: 'démo alerte' },
};

export function alertCases(locale: UiLocale): void {
  const t = uiStrings(locale);
  const words = WORDS[locale];
  const hasText = (...expected: string[]) => (text: string) => expected.every((part) => normalizeSpaces(text).includes(normalizeSpaces(part)));
  let started: Stack | undefined;

  before(async () => {
    started = await startStack({ locale });
  });
  after(async () => {
    await started?.stop();
  });

  test(`[${locale}] a subscribed channel gets the simulator's alert as a new post, with the failover offer`, async (context) => {
    assert.ok(started, 'the browser stack did not start');
    const stack = started;
    await withFailureReport(context, stack, async () => {
      const { ui, world } = stack;
      await ui.openChannel(INCIDENTS_CHANNEL.name);
      await ui.postInChannel(words.subscribe, world.bot.name);
      const confirmation = await ui.waitForCard(hasText(t.alerts.subscriptions.subscribedAll));
      assert.ok(normalizeSpaces(await confirmation.innerText()).includes(normalizeSpaces(fill(t.alerts.subscriptions.demoHint, { hub: OUTAGE_HUB }))), 'the demo says how to fire an alert');
      await saveCardScreenshot(confirmation, 'alert-subscribed', locale);

      await ui.postInChannel(`${words.demoAlert} ${OUTAGE_HUB}`, world.bot.name);
      const command = await ui.frames.waitForLogEntry(
        (entry) => entry.activityName === 'message' && entry.activity !== null && String(entry.activity.text ?? '').includes(OUTAGE_HUB),
        'the demo alert command delivered to the bot',
      );
      const commandThread = command.conversationId ?? '';
      // The alert's card: the bot's own new post in the channel, not a reply in the command's thread.
      const posted = await ui.frames.waitForMessage(
        (message) => message.fromId === world.bot.id && message.action === 'createMessage' && message.conversationId !== commandThread && JSON.stringify(message.cards).replaceAll('\\', '').includes(OUTAGE_HUB),
        UI_TIMEOUT_MS,
        'the alert card as a new post',
      );
      // A new post of the channel: a thread of its own (the web client names it by the channel or by the thread).
      const ownThread = posted.conversationId === INCIDENTS_CHANNEL.id || posted.conversationId.startsWith(`${INCIDENTS_CHANNEL.id};messageid=`);
      assert.ok(ownThread, `a post of the channel: ${posted.conversationId}`);
      const threadsWithCards = ui.page.getByRole('group').filter({ has: ui.page.locator('.ac-adaptiveCard') });
      await ui.page.getByRole('group').filter({ hasText: normalizeSpaces(t.alerts.sources['resource-health']) }).first().waitFor();
      assert.equal(await threadsWithCards.count(), 3, 'three posts with cards: two commands answered in their threads, and the alert');

      const title = fill(t.alerts.titles.Unavailable, { hub: OUTAGE_HUB });
      const card = await ui.waitForCard(hasText(title, t.failover.buttons.request.failover));
      const text = normalizeSpaces(await card.innerText());
      assert.ok(text.includes(normalizeSpaces(t.alerts.owner.PlatformInitiated)), "whose problem it is: Azure's");
      assert.ok(text.indexOf(normalizeSpaces(title)) < text.indexOf(normalizeSpaces(t.failover.buttons.request.failover)), 'what happened comes before the action');
      assert.equal(await ui.page.getByRole('group').filter({ has: ui.page.locator('.ac-adaptiveCard').filter({ hasText: normalizeSpaces(title) }) }).count(), 1, 'one alert card');

      // Decision first: within the outage budget, the hub's live state and the request in sight as first shown.
      const height = await settledHeight(card);
      context.diagnostic(`the alert card [${locale}]: ${Math.round(height)} px`);
      assert.ok(height <= OUTAGE_ALERT_BUDGET_PX, `the alert card is ${Math.round(height)} px tall as first shown, over its ${OUTAGE_ALERT_BUDGET_PX} px`);
      assert.notEqual(await boxOnCard(card, templatePattern(t.alerts.live.state, { state: t.health.states.Unavailable })), null, 'the live state, Unavailable, in sight');
      assert.ok(await control(card, t.failover.buttons.request.failover).isVisible(), 'the Request failover button in sight');
      assert.equal(await boxOnCard(card, t.failover.after.heading), null, "a failover's consequences are one click away");
    });
  });
}
