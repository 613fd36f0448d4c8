// Failover approval in a team channel of the Agents Playground, in English and in French: the diagnosis card
// proposes the failover, Dana (the browser's user, on call) requests it from the card, Priya (the approver
// in FAILOVER_APPROVERS, another user of the playground's configuration) approves or rejects it, and the
// shared card follows: awaiting approval → running → succeeded or failed, or rejected. Every state, as the
// running bot posts it, keeps its height budget with the request leading the card.
//
// The cases of a locale share one bot, so they run in this order: a succeeded failover starts the hub's
// one-hour cooldown (no new proposal for it), while a rejected or failed one does not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { executeActions } from './support/card-json.ts';
import {
  actAs,
  clickAndWaitForInvoke,
  failoverScenario,
  FAILED_FAILOVER_MESSAGE,
  FAILOVER_NAMES,
  invokeCard,
  postProposal,
  RAW_TEMPLATE,
  shownText,
  simulatedFailovers,
  templatePattern,
  waitForCardText,
} from './support/failover.ts';
import type { PostedProposal } from './support/failover.ts';
import { normalizeSpaces } from './support/pastes.ts';
import { CARD_BUDGET_PX, OUTAGE_DIAGNOSIS_BUDGET_PX } from './support/card-gallery.ts';
import { settledHeight } from './support/first-screen.ts';
import { simulatorAdmin } from './support/simulator.ts';
import { sharedStack, withFailureReport } from './support/stack.ts';
import type { Stack, UiLocale } from './support/stack.ts';
import { APPROVER, INCIDENTS_CHANNEL, ON_CALL_ENGINEER } from './support/world.ts';

/** What the people type into the cards, in their language. */
const TYPED: Record<UiLocale, { justification: string; rejectedJustification: string; reason: string }> = {
  en: {
    justification: 'Hub Unavailable for 25 min, devices in West Europe cannot connect, incident SIM1-IOT',
    rejectedJustification: 'Telemetry errors for 10 min',
    reason: 'Microsoft expects mitigation within 15 minutes',
  },
  fr: {
    justification: 'Hub indisponible depuis 25 min, les appareils en Europe de l’Ouest ne se connectent plus, incident SIM1-IOT',
    rejectedJustification: 'Erreurs de télémétrie depuis 10 min',
    reason: 'Microsoft annonce un rétablissement d’ici 15 minutes',
  },
};

function escapeRegExp(text: string): string {
  return normalizeSpaces(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function failoverCases(locale: UiLocale): void {
  const t = uiStrings(locale).failover;
  const typed = TYPED[locale];
  const heading = (state: keyof typeof t.headings): string => fill(t.headings[state].failover, FAILOVER_NAMES);
  const stackOf = sharedStack({ locale, botEnv: { FAILOVER_POLL_SECONDS: '1' } }, async (stack) => {
    await stack.ui.openChannel(INCIDENTS_CHANNEL.name);
  });

  /** The rendered card never shows template syntax. */
  const assertNoRawTemplate = (text: string): void => {
    assert.ok(!RAW_TEMPLATE.test(text), `the card shows unfilled template syntax: ${RAW_TEMPLATE.exec(text)?.[0] ?? ''}`);
  };

  /** Dana opens the request under its button, types the justification and sends it; the card waits for approval. */
  const requestAsDana = async (stack: Stack, proposal: PostedProposal, justification: string): Promise<string> => {
    await stack.ui.clickCardButton(proposal.card, t.buttons.request.failover);
    await stack.ui.fillCardInput(proposal.card, t.justification.placeholder, justification);
    await clickAndWaitForInvoke(stack, proposal.card, t.buttons.send);
    const text = await waitForCardText(
      proposal.card,
      [heading('requested'), templatePattern(t.stateLines.requested, { requester: ON_CALL_ENGINEER.name }), justification],
      'after Dana requested the failover',
    );
    await assertWithinBudget(proposal, CARD_BUDGET_PX, 'waiting for approval');
    return text;
  };

  /** The card as first shown keeps its budget (the request leads it once made). */
  const assertWithinBudget = async (proposal: PostedProposal, budget: number, state: string): Promise<void> => {
    const height = await settledHeight(proposal.card);
    assert.ok(height <= budget, `${state}: the card is ${Math.round(height)} px tall as first shown, over ${budget} px`);
  };

  /** The latest version of the card as the bot sent it, as a reader sees its text (what is behind its labels too). */
  const latestCardText = (stack: Stack, proposal: PostedProposal): string => shownText(stack.ui.frames.latest(proposal.message.messageId)?.cards[0]);

  /** Priya approves from her copy of the card; she is answered with her view, saying it is starting. */
  const approveAsPriya = async (stack: Stack, proposal: PostedProposal): Promise<void> => {
    const approved = await actAs(stack, APPROVER, proposal, 'failover.approve');
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.ok(shownText(invokeCard(approved)).includes(normalizeSpaces(t.notices.approved)), 'Priya is told the failover is starting');
  };

  const waitForRunning = async (stack: Stack, proposal: PostedProposal, justification: string): Promise<string> => {
    const text = await waitForCardText(proposal.card, [heading('running'), templatePattern(t.stateLines.running, { approver: APPROVER.name }), t.facts.elapsed], 'after Priya approved');
    const details = latestCardText(stack, proposal);
    for (const expected of [t.facts.approvedBy, APPROVER.name, t.facts.polls, justification]) assert.ok(details.includes(normalizeSpaces(expected)), `the running card's details: ${expected}`);
    await assertWithinBudget(proposal, CARD_BUDGET_PX, 'running');
    return text;
  };

  test(`[${locale}] request → rejected by the approver with a reason: the card says who rejected it and why`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      await simulatorAdmin(stack.bot).loadScenario(failoverScenario('succeeded'));
      const proposal = await postProposal(stack, `sensor-reject-${locale}`, t.buttons.request.failover);
      await requestAsDana(stack, proposal, typed.rejectedJustification);

      const rejected = await actAs(stack, APPROVER, proposal, 'failover.reject', { reason: typed.reason });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      assert.ok(shownText(invokeCard(rejected)).includes(normalizeSpaces(t.notices.rejected)), 'Priya is told nothing will run');

      const text = await waitForCardText(proposal.card, [heading('rejected'), fill(t.stateLines.rejected, { rejecter: APPROVER.name }), t.facts.reason, typed.reason], 'after Priya rejected');
      assertNoRawTemplate(text);
      assert.ok(latestCardText(stack, proposal).includes(normalizeSpaces(typed.rejectedJustification)), 'the justification is in the details');
      await assertWithinBudget(proposal, CARD_BUDGET_PX, 'rejected');
      for (const title of [t.buttons.request.failover, t.buttons.approve.failover, t.buttons.cancel]) {
        assert.equal(await proposal.card.getByRole('button', { name: title, exact: true }).count(), 0, `no "${title}" button on a rejected request`);
      }
      assert.deepEqual(await simulatedFailovers(stack), [], 'nothing ran in Azure');
    });
  });

  test(`[${locale}] request → approve → running → failed: the card says what Azure reported`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const simulator = simulatorAdmin(stack.bot);
      await simulator.loadScenario(failoverScenario('failed'));
      const proposal = await postProposal(stack, `sensor-fail-${locale}`, t.buttons.request.failover);
      await requestAsDana(stack, proposal, typed.justification);
      await approveAsPriya(stack, proposal);
      await waitForRunning(stack, proposal, typed.justification);

      await simulator.completeFailover(FAILOVER_NAMES.hub);
      const text = await waitForCardText(proposal.card, [heading('failed'), t.stateLines.failed, fill(t.failures.operation, { message: FAILED_FAILOVER_MESSAGE })], 'after the failover failed in Azure');
      assertNoRawTemplate(text);
      assert.ok(!text.includes(normalizeSpaces(heading('succeeded'))), 'the card does not claim success');
      const details = latestCardText(stack, proposal);
      for (const expected of [t.facts.approvedBy, APPROVER.name, t.facts.operationId]) assert.ok(details.includes(normalizeSpaces(expected)), `the failed card's details: ${expected}`);
      await assertWithinBudget(proposal, CARD_BUDGET_PX, 'failed');
    });
  });

  test(`[${locale}] request → approve as a second user → the card shows running, then succeeded`, async (context) => {
    const stack = stackOf();
    await withFailureReport(context, stack, async () => {
      const { ui } = stack;
      const simulator = simulatorAdmin(stack.bot);
      await simulator.loadScenario(failoverScenario('succeeded'));

      // The proposal, on the diagnosis card: the request button on the first screen, how a request goes and the
      // justification under it once pressed, what a failover does one click away.
      const proposal = await postProposal(stack, `sensor-ok-${locale}`, t.buttons.request.failover);
      const proposed = await waitForCardText(proposal.card, [heading('proposed'), t.buttons.request.failover, t.toggles.effects.failover], 'the proposal');
      assertNoRawTemplate(proposed);
      assert.ok(!proposed.includes(normalizeSpaces(t.lost.heading)), 'what is lost waits behind its label');
      await assertWithinBudget(proposal, OUTAGE_DIAGNOSIS_BUDGET_PX, 'the proposal');

      // Dana requests it. Her client gets two cards at once: her own view (the answer to her click) and the
      // shared one (the bot's update of the message for everyone); Teams then refreshes the shared one into her
      // view (she is in refresh.userIds), the playground does not, so whichever came last is shown. Once both
      // are in, she selects Refresh if the shared one is shown, as its hint tells her.
      const requested = await requestAsDana(stack, proposal, typed.justification);
      assertNoRawTemplate(requested);
      await ui.frames.waitForMessage(
        (message) => message.messageId === proposal.message.messageId && message.action === 'updateMessage' && shownText(message.cards[0]).includes(normalizeSpaces(heading('requested'))),
        10_000,
        'the shared card waiting for approval',
      );
      const views = [t.hints.requesterOwn, t.hints.everyoneRequested, t.notices.requested];
      const shown = await waitForCardText(proposal.card, [new RegExp(views.map(escapeRegExp).join('|'))], 'a view of the request');
      // Her view says what happens next: the hint, or right after her click the notice that answers it.
      if (shown.includes(normalizeSpaces(t.hints.everyoneRequested))) {
        await clickAndWaitForInvoke(stack, proposal.card, t.buttons.refresh);
        await waitForCardText(proposal.card, [t.hints.requesterOwn], "Dana's view of her own request");
      }
      await proposal.card.getByRole('button', { name: t.buttons.cancel, exact: true }).waitFor();
      assert.equal(await proposal.card.getByRole('button', { name: t.buttons.approve.failover, exact: true }).count(), 0, 'the requester cannot approve');
      await assertWithinBudget(proposal, CARD_BUDGET_PX, "Dana's view of her request");

      // Priya's copy (what Teams shows her on refresh) has Approve and Reject.
      const priyaView = await actAs(stack, APPROVER, proposal, 'card.refresh');
      assert.equal(priyaView.status, 200);
      const priyaVerbs = executeActions(invokeCard(priyaView)).map((action) => action.verb);
      assert.ok(priyaVerbs.includes('failover.approve') && priyaVerbs.includes('failover.reject'), `the approver's view: ${priyaVerbs.join(', ')}`);

      await approveAsPriya(stack, proposal);
      const running = await waitForRunning(stack, proposal, typed.justification);
      assertNoRawTemplate(running);

      await simulator.completeFailover(FAILOVER_NAMES.hub);
      const succeeded = await waitForCardText(proposal.card, [heading('succeeded'), t.stateLines.succeeded, t.toggles.after], 'after the failover finished');
      assertNoRawTemplate(succeeded);
      assert.ok(succeeded.includes('500001'), 'the diagnosis stays on the card: only its failover section changed');
      const details = latestCardText(stack, proposal);
      for (const expected of [t.facts.newPrimary, FAILOVER_NAMES.target, t.facts.requestedBy, ON_CALL_ENGINEER.name, t.facts.approvedBy, APPROVER.name]) {
        assert.ok(details.includes(normalizeSpaces(expected)), `the succeeded card's details: ${expected}`);
      }
      await assertWithinBudget(proposal, CARD_BUDGET_PX, 'succeeded');
      const runs = await simulatedFailovers(stack);
      assert.deepEqual(runs.map((run) => [run.hub, run.status, run.toRegion]), [[FAILOVER_NAMES.hub, 'Succeeded', FAILOVER_NAMES.target]], 'exactly one failover POST');

      // The one message was updated in place (no new card), through running to succeeded, in that order.
      const { conversationId, messageId } = proposal.message;
      const versions = ui.frames.messages.filter((message) => message.messageId === messageId).map((message) => shownText(message.cards[0]));
      const firstWith = (state: 'requested' | 'running' | 'succeeded'): number => versions.findIndex((text) => text.includes(normalizeSpaces(heading(state))));
      assert.ok(firstWith('requested') > 0, 'the shared card went to "waiting for approval"');
      assert.ok(firstWith('running') > firstWith('requested'), 'then to running');
      assert.ok(firstWith('succeeded') > firstWith('running'), 'then to succeeded');
      const botCards = ui.frames.messages.filter((message) => message.conversationId === conversationId && message.action === 'createMessage' && message.cards.length > 0);
      assert.equal(botCards.length, 1, 'one card in the thread');

      // The thread is told, mentioning the requester and the approver.
      const announcement = await ui.frames.waitForMessage(
        (message) => message.conversationId === conversationId && message.action === 'createMessage' && message.cards.length === 0 && (message.text ?? '').includes(`<at>${APPROVER.name}</at>`),
        10_000,
        'the outcome message in the thread',
      );
      const announced = announcement.text ?? '';
      assert.ok(announced.includes(`<at>${ON_CALL_ENGINEER.name}</at>`), 'the requester is mentioned');
      // The message starts with the outcome sentence, capitalised.
      assert.match(normalizeSpaces(announced), templatePattern(t.outcome.succeeded.failover, FAILOVER_NAMES, 'i'));
      await waitForCardText(proposal.thread, [fill(t.outcome.requestedApproved, { requester: ON_CALL_ENGINEER.name, approver: APPROVER.name })], 'the outcome message in the thread');
    });
  });
}

describe('failover approval in a team channel [en]', () => failoverCases('en'));
describe('failover approval in a team channel [fr]', () => failoverCases('fr'));
