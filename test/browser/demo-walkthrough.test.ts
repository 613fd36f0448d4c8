// The demo, walked through by one person from the browser alone, as the README tells a newcomer to: `npm start`
// (here `node src/main.ts` with the same wiring: no AZURE_SUBSCRIPTION_IDS, no FAILOVER_APPROVERS, the Agents
// Playground started by the bot itself), open the URL it prints, paste the README's example in the personal
// chat, press Request failover, write a justification, send it. The demo's second engineer, Priya Raman,
// approves it (the card says so, and says what happens in production instead), then the same card shows the
// failover running and its outcome, within two minutes. One screenshot per step (docs/demo/ under `npm run screenshots`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { freePort } from '#test/support/free-port.ts';
import { launchChromium, openPlaygroundPage } from './support/browser.ts';
import type { PlaygroundPage } from './support/browser.ts';
import { normalizeSpaces } from './support/pastes.ts';
import { saveDemoScreenshot } from './support/screenshots.ts';

const t = uiStrings('en');
/** The README's example paste. */
const README_PASTE = '500001 ServerError contoso-prod-weu.azure-devices.net';
/** The demo world's second engineer (src/demo/playground.ts). */
const DEMO_APPROVER = { approver: 'Priya Raman' };
/** The demo's hub in an outage and the region it fails over to (src/sim/scenarios.ts). */
const HUB = { hub: 'contoso-prod-weu', target: 'North Europe' };
/** The whole walk, from the click on Request failover to the outcome, must fit in this. */
const TWO_MINUTES_MS = 120_000;

let bot: BotProcess | undefined;
let browser: Browser | undefined;
let ui: PlaygroundPage | undefined;

before(async () => {
  const playgroundPort = await freePort();
  // npm start's environment for a newcomer: nothing configured but where the Playground listens; the state in
  // memory so that the test leaves no file behind.
  bot = await startBotProcess({
    AZURE_SUBSCRIPTION_IDS: '',
    FAILOVER_APPROVERS: '',
    DEMO_PLAYGROUND: '1',
    DEMO_PLAYGROUND_PORT: String(playgroundPort),
    STATE_STORE: 'memory',
  });
  const line = await bot.waitForLine((candidate) => candidate.includes('open http://localhost:'), 90_000);
  const url = /open (http:\/\/localhost:\d+)/.exec(line)?.[1];
  assert.ok(url, line);
  browser = await launchChromium();
  ui = await openPlaygroundPage(browser, url, { browserLocale: 'en-US', onPostShown: () => undefined });
});

after(async () => {
  await browser?.close();
  await bot?.stop('SIGTERM', 10_000);
});

test('demo walk-through: paste, request a failover, the demo approver approves, the failover runs and succeeds, within two minutes', { timeout: 240_000 }, async (context) => {
  assert.ok(ui && bot, 'the demo did not start');
  const has = (expected: string) => (text: string) => normalizeSpaces(text).includes(normalizeSpaces(expected));
  try {
    await ui.openPersonalChat();
    const before = await ui.cardCount();
    await ui.sendPersonalMessage(README_PASTE);

    // 1. The diagnosis, with the failover proposal and the demo's announcement of who approves.
    const proposal = await ui.waitForCard(has(fill(t.failover.demoApproval.proposed, DEMO_APPROVER)), { fromIndex: before });
    const proposalText = normalizeSpaces(await proposal.innerText());
    assert.ok(proposalText.includes('500001'), 'the diagnosis');
    assert.ok(proposalText.includes(normalizeSpaces(fill(t.health.statusHeadline, { hub: HUB.hub, state: t.health.states.Unavailable }))), 'the hub is Unavailable');
    await saveDemoScreenshot(proposal, 'proposal', 1);

    // Request failover opens the justification under itself; Send the request requests it.
    await ui.clickCardButton(proposal, t.failover.buttons.request.failover);
    await ui.fillCardInput(proposal, t.failover.justification.placeholder, 'contoso-prod-weu is Unavailable and every device gets 500001; Azure incident in West Europe.');
    const requestedAt = performance.now();
    await ui.clickCardButton(proposal, t.failover.buttons.send);

    // 2. Requested: the card says Priya approves in a few seconds, and how it goes in production.
    const requested = await ui.waitForCard(has(fill(t.failover.demoApproval.requested, DEMO_APPROVER)), { fromIndex: before });
    await saveDemoScreenshot(requested, 'requested', 2);

    // 3. Approved by the demo approver, running (the same card, for everyone).
    const running = await ui.waitForCard(
      (text) => has(fill(t.failover.demoApproval.approved, DEMO_APPROVER))(text) && has(fill(t.failover.headings.running.failover, HUB))(text),
      { fromIndex: before, timeoutMs: 60_000 },
    );
    const runningAt = performance.now();
    await saveDemoScreenshot(running, 'approved-running', 3);

    // 4. The outcome on the same card.
    const succeeded = await ui.waitForCard(has(fill(t.failover.headings.succeeded.failover, HUB)), {
      fromIndex: before,
      timeoutMs: TWO_MINUTES_MS - (performance.now() - requestedAt),
    });
    const succeededAt = performance.now();
    await saveDemoScreenshot(succeeded, 'succeeded', 4);
    context.diagnostic(
      `approved and running ${Math.round((runningAt - requestedAt) / 1000)} s after the request, succeeded after ${Math.round((succeededAt - requestedAt) / 1000)} s`,
    );
    assert.ok(succeededAt - requestedAt < TWO_MINUTES_MS, 'the whole failover within two minutes');

    // The approval is the demo approver's, in the audit trail's words too (the bot's log of the transition).
    const transitions = bot.logLines().filter((entry) => entry.msg === 'failover.transition');
    assert.deepEqual(
      transitions.map((entry) => `${String(entry.from)}→${String(entry.to)}`).slice(0, 3),
      ['proposed→requested', 'requested→approved', 'approved→running'],
    );
    assert.ok(bot.logLines().some((entry) => entry.msg === 'failover.demo.approval' && entry.outcome === 'ok'));
  } catch (error) {
    context.diagnostic(`--- bot stdout (tail) ---\n${bot.stdout().slice(-6000)}`);
    context.diagnostic(ui.frames.describe());
    throw error;
  }
});
