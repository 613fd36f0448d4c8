// The personal-chat cases, run once per locale (personal-chat.en.test.ts, personal-chat.fr.test.ts): what an
// on-call engineer sees in the bot's 1:1 chat, asserted on the rendered cards, with one screenshot per card.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { normalizeSpaces, OUTAGE_HUB, OUTAGE_HUB_HOST, SERVER_ERROR_PASTE } from './pastes.ts';
import { saveCardScreenshot } from './screenshots.ts';
import { startStack, withFailureReport } from './stack.ts';
import type { Stack, UiLocale } from './stack.ts';

/** The command words an engineer types, in their language (the bot understands both). */
const COMMAND_WORDS: Record<UiLocale, { help: string; health: string }> = {
  en: { help: 'help', health: 'health' },
  fr: { help: 'aide', health: 'santé' },
};

export function personalChatCases(locale: UiLocale): void {
  const t = uiStrings(locale);
  const words = COMMAND_WORDS[locale];
  const hasText = (expected: string) => (text: string) => normalizeSpaces(text).includes(normalizeSpaces(expected));
  let started: Stack | undefined;
  const stackOf = (): Stack => {
    assert.ok(started, 'the browser stack did not start');
    return started;
  };

  before(async () => {
    started = await startStack({ locale });
  });
  after(async () => {
    await started?.stop();
  });

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

  test(`[${locale}] a pasted 500001 ServerError gets a diagnosis card: code, transient badge, live hub health`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const before = await stack.ui.cardCount();
      await stack.ui.sendPersonalMessage(SERVER_ERROR_PASTE);
      const card = await stack.ui.waitForCard(hasText(t.diagnosis.cardTitle), { fromIndex: before });
      const text = normalizeSpaces(await card.innerText());

      assert.ok(text.includes('500001'), 'the card names the code');
      assert.ok(text.includes('ServerError'), 'the card names the error');
      await card.getByText(t.transient.yes, { exact: true }).waitFor();
      assert.ok(text.includes(normalizeSpaces(t.verdict['transient-service'])), 'the verdict is transient-service');
      assert.ok(text.includes(normalizeSpaces(t.health.sectionHeading)), 'the card has the health section');
      assert.ok(text.includes(normalizeSpaces(fill(t.health.resourceHealth, { state: t.health.states.Unavailable }))), 'the hub in the outage is reported Unavailable');
      assert.ok(text.includes(OUTAGE_HUB), 'the health section names the hub');
      assert.ok(text.includes(normalizeSpaces(t.advice.heading)), 'the card gives failover advice');
      await saveCardScreenshot(card, 'diagnosis', locale);
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
      await saveCardScreenshot(card, 'help', locale);
    });
  });

  test(`[${locale}] "${words.health} ${OUTAGE_HUB}" answers with the hub's health card`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const before = await stack.ui.cardCount();
      await stack.ui.sendPersonalMessage(`${words.health} ${OUTAGE_HUB}`);
      const card = await stack.ui.waitForCard(hasText(t.health.cardTitle), { fromIndex: before });
      const text = normalizeSpaces(await card.innerText());
      assert.ok(text.includes(OUTAGE_HUB_HOST), 'the card names the hub host');
      assert.ok(text.includes(normalizeSpaces(fill(t.health.resourceHealth, { state: t.health.states.Unavailable }))), 'Resource Health: Unavailable');
      for (const fact of [t.health.facts.primary, t.health.facts.secondary]) assert.ok(text.includes(normalizeSpaces(fact)), `the card shows "${fact}"`);
      await saveCardScreenshot(card, 'health', locale);
    });
  });
}
