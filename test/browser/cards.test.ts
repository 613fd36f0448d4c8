// Every card kind, in the Agents Playground at its card width, in English and in French: the decision on the
// first screen (docs/design.md, "Cards: the decision first"). For each card, as first shown: its height is
// within its budget; what happened, whose problem it is with the hub's state, the next step and the primary
// action are in sight, top to bottom; what it keeps one click away is out of sight until its label is
// clicked, and then in sight. One picture of the first screen and one of the card opened up, per card.
//
// The cards are the bot's own renderers' (test/browser/support/card-gallery.ts), shown in the playground as
// the bot's messages are (posted to its Bot Connector), so every kind can be seen, whatever the flow that
// leads to it; the personal-chat and failover suites check the same budgets on the cards the running bot posts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alertGalleryCases } from './support/alert-gallery.ts';
import { galleryCases } from './support/card-gallery.ts';
import type { GalleryCase } from './support/card-gallery.ts';
import { postCardAsBot } from './support/card-poster.ts';
import { boxOnCard, control, openEverything, settledHeight, shownPattern } from './support/first-screen.ts';
import { saveCardScreenshot } from './support/screenshots.ts';
import { sharedStack, withFailureReport } from './support/stack.ts';
import type { Stack, UiLocale } from './support/stack.ts';

function galleryCasesFor(locale: UiLocale): void {
  const stackOf = sharedStack({ locale }, async (stack) => {
    await stack.ui.openPersonalChat();
    // The welcome card first: the gallery's cards come after it.
    await stack.ui.waitForCard(() => true);
  });

  const show = async (stack: Stack, gallery: GalleryCase) => {
    const before = await stack.ui.cardCount();
    await postCardAsBot(stack, stack.world.personalChatId, gallery.card);
    return stack.ui.waitForCard(() => true, { fromIndex: before });
  };

  for (const gallery of [...galleryCases(locale), ...alertGalleryCases(locale)]) {
    test(`[${locale}] ${gallery.name}: ≤ ${gallery.budgetPx} px as first shown, the decision in sight, the rest one click away`, async (context) => {
      const stack = stackOf();
      await withFailureReport(context, stack, async () => {
        const card = await show(stack, gallery);
        const height = await settledHeight(card);
        context.diagnostic(`${gallery.name} [${locale}]: ${Math.round(height)} px`);
        assert.ok(height <= gallery.budgetPx, `${gallery.name} is ${Math.round(height)} px tall as first shown, over its ${gallery.budgetPx} px`);

        // The first screen, top to bottom.
        let previous = -1;
        for (const expected of gallery.firstScreen) {
          const box = await boxOnCard(card, expected);
          assert.ok(box !== null, `${gallery.name}: "${String(expected)}" is not in sight on the first screen`);
          assert.ok(box.top >= previous, `${gallery.name}: "${String(expected)}" is above what comes before it on the first screen`);
          previous = box.top;
        }
        if (gallery.primaryAction !== null) {
          const button = control(card, gallery.primaryAction);
          assert.ok(await button.isVisible(), `${gallery.name}: the "${gallery.primaryAction}" button is not in sight`);
        }
        await saveCardScreenshot(card, gallery.name, locale);

        // One click away: out of sight, then in sight.
        if (gallery.reveals !== null) {
          const { label, text } = gallery.reveals;
          assert.equal(await boxOnCard(card, text), null, `${gallery.name}: "${String(text)}" is in sight before "${label}" is opened`);
          await control(card, label).click();
          await card.getByText(shownPattern(text)).first().waitFor({ state: 'visible' });
        }
        await openEverything(card);
        if (gallery.reveals !== null) {
          assert.notEqual(await boxOnCard(card, gallery.reveals.text), null, `${gallery.name}: "${String(gallery.reveals.text)}" is out of sight on the card opened up`);
        }
        await saveCardScreenshot(card, gallery.name, locale, 'expanded');
      });
    });
  }
}

describe('every card kind, first screen [en]', () => galleryCasesFor('en'));
describe('every card kind, first screen [fr]', () => galleryCasesFor('fr'));
