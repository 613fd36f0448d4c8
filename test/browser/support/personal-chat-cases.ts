// The personal-chat cases, run once per locale (personal-chat.en.test.ts, personal-chat.fr.test.ts): what an
// on-call engineer sees in the bot's 1:1 chat, asserted on the cards the running bot posts (their first screen
// and their budgets; test/browser/cards.test.ts does every card kind and takes the pictures).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { CARD_BUDGET_PX, OUTAGE_DIAGNOSIS_BUDGET_PX } from './card-gallery.ts';
import { boxOnCard, control, settledHeight, shownPattern } from './first-screen.ts';
import { normalizeSpaces, OUTAGE_HUB, OUTAGE_HUB_HOST, SERVER_ERROR_PASTE } from './pastes.ts';
import { sharedStack, withFailureReport } from './stack.ts';
import type { UiLocale } from './stack.ts';

/** The command words an engineer types, in their language (the bot understands both). */
const COMMAND_WORDS: Record<UiLocale, { help: string; health: string }> = {
  en: { help: 'help', health: 'health' },
  fr: { help: 'aide', health: 'santé' },
};

export function personalChatCases(locale: UiLocale): void {
  const t = uiStrings(locale);
  const words = COMMAND_WORDS[locale];
  const hasText = (expected: string) => (text: string) => normalizeSpaces(text).includes(normalizeSpaces(expected));
  const stackOf = sharedStack({ locale });

  test(`[${locale}] installing the bot in the personal chat introduces it with the help card`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      await stack.ui.openPersonalChat();
      const welcome = await stack.ui.waitForCard(hasText(t.help.intro));
      const text = normalizeSpaces(await welcome.innerText());
      assert.ok(text.includes(normalizeSpaces(t.common.demoBanner)), 'the demo banner says Azure is simulated');
      for (const command of t.help.commands) assert.ok(text.includes(command.command), `the help card lists "${command.command}"`);
    });
  });

  test(`[${locale}] a pasted 500001 ServerError about the hub in an outage: the outage, the error and the failover request on the first screen`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const before = await stack.ui.cardCount();
      await stack.ui.sendPersonalMessage(SERVER_ERROR_PASTE);
      const card = await stack.ui.waitForCard(hasText(t.diagnosis.cardTitle), { fromIndex: before });
      const height = await settledHeight(card);
      context.diagnostic(`outage diagnosis from the bot [${locale}]: ${Math.round(height)} px`);
      assert.ok(height <= OUTAGE_DIAGNOSIS_BUDGET_PX, `the card is ${Math.round(height)} px tall as first shown`);

      const headline = await boxOnCard(card, fill(t.health.statusHeadline, { hub: OUTAGE_HUB, state: t.health.states.Unavailable }));
      const code = await boxOnCard(card, '500001 ServerError');
      const verdict = await boxOnCard(card, t.verdict['transient-service']);
      assert.ok(headline && code && verdict, 'the outage, the error and whose problem it is are in sight');
      assert.ok(headline.top < code.top && code.top < verdict.top, 'the outage is the headline, above the error');
      await card.getByText(t.transient.yes, { exact: true }).waitFor();
      assert.ok(await control(card, t.failover.buttons.request.failover).isVisible(), 'the failover can be requested from the first screen');

      // One click away: the hub's health in full.
      assert.equal(await boxOnCard(card, t.health.facts.secondary), null, 'the health details wait behind their label');
      await control(card, t.health.detailsLabel).click();
      await card.getByText(shownPattern(OUTAGE_HUB_HOST)).first().waitFor();
      assert.ok(await boxOnCard(card, t.health.facts.secondary), 'the secondary location is shown once opened');
    });
  });

  test(`[${locale}] "${words.help}" answers with the help card`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const before = await stack.ui.cardCount();
      await stack.ui.sendPersonalMessage(words.help);
      const card = await stack.ui.waitForCard(hasText(t.help.intro), { fromIndex: before });
      const text = normalizeSpaces(await card.innerText());
      for (const heading of [t.help.pasteHeading, t.help.commandsHeading, t.help.privacyHeading]) {
        assert.ok(text.includes(normalizeSpaces(heading)), `the help card has "${heading}"`);
      }
      assert.ok((await settledHeight(card)) <= CARD_BUDGET_PX, 'the help card keeps its budget');
    });
  });

  test(`[${locale}] "${words.health} ${OUTAGE_HUB}" answers with the hub's health card: its state is the headline`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const before = await stack.ui.cardCount();
      await stack.ui.sendPersonalMessage(`${words.health} ${OUTAGE_HUB}`);
      const card = await stack.ui.waitForCard(hasText(t.health.cardTitle), { fromIndex: before });
      assert.ok(await boxOnCard(card, fill(t.health.statusHeadline, { hub: OUTAGE_HUB, state: t.health.states.Unavailable })), 'Unavailable, in the headline');
      assert.ok((await settledHeight(card)) <= CARD_BUDGET_PX, 'the health card keeps its budget');
      await control(card, t.health.detailsLabel).click();
      const text = normalizeSpaces(await card.innerText());
      assert.ok(text.includes(OUTAGE_HUB_HOST), 'the card names the hub host');
      for (const fact of [t.health.facts.primary, t.health.facts.secondary]) assert.ok(text.includes(normalizeSpaces(fact)), `the card shows "${fact}"`);
    });
  });
}
