// The failover approval flow in the playground: a 500001 paste about the demo hub in an outage, @mentioned in
// the Incidents channel, gets the diagnosis card with the failover proposal; Dana (the browser's user)
// requests it from the card; Priya (the approver) acts through `invokeAs`; the simulator finishes the failover
// when the test says so. What the card says is read from the rendered card, the ids from the websocket frames.
import type { Locator } from 'playwright-core';
import { builtInScenario } from '#src/sim/scenarios.ts';
import type { OperationView } from '#src/sim/controller.ts';
import type { ScenarioDefinition, ScenarioHub } from '#src/sim/scenarios.ts';
import { UI_TIMEOUT_MS } from './browser.ts';
import { cardText, executeActions } from './card-json.ts';
import type { SeenMessage } from './frames.ts';
import { normalizeSpaces, OUTAGE_HUB, serverErrorPaste } from './pastes.ts';
import { invokeAs } from './second-user.ts';
import { simulatorAdmin } from './simulator.ts';
import type { InvokeResult } from './second-user.ts';
import type { Stack } from './stack.ts';
import { INCIDENTS_CHANNEL } from './world.ts';
import type { WorldUser } from './world.ts';

/** The demo scenario's hub in an outage, as the simulator defines it (the card shows these names). */
function outageHub(scenario: ScenarioDefinition): ScenarioHub {
  const hub = scenario.hubs.find((candidate) => candidate.name === OUTAGE_HUB);
  if (!hub) throw new Error(`the demo scenario has no hub ${OUTAGE_HUB}`);
  return hub;
}

const DEMO_HUB = outageHub(builtInScenario('demo') ?? { name: 'missing', hubs: [] });

/** {hub}, {source}, {target} of the failover headings. */
export const FAILOVER_NAMES = {
  hub: DEMO_HUB.name,
  source: DEMO_HUB.primaryLocation,
  target: DEMO_HUB.secondaryLocation ?? '(no secondary location)',
};

/** What the simulator answers when a failover fails (shown on the failed card). */
export const FAILED_FAILOVER_MESSAGE = 'The manual failover could not be completed: the secondary region is at capacity. The hub stays in its current region.';

/**
 * The demo scenario where the outage hub's failover runs until the test ends it (`completeFailover`), with
 * the given outcome: the card stays "running" as long as the test needs, and nothing waits on a timer.
 */
export function failoverScenario(outcome: 'succeeded' | 'failed'): ScenarioDefinition {
  const scenario = builtInScenario('demo');
  if (!scenario) throw new Error('no built-in demo scenario');
  outageHub(scenario).failover = {
    durationSeconds: 24 * 3600,
    pollRetryAfterSeconds: 1,
    outcome,
    error: { code: 'ManualFailoverFailed', message: FAILED_FAILOVER_MESSAGE },
  };
  return scenario;
}

/** The failovers the simulator received since its scenario was (re)loaded: one per POST. */
export async function simulatedFailovers(stack: Stack): Promise<OperationView[]> {
  const answer = await simulatorAdmin(stack.bot).failovers();
  if (typeof answer !== 'object' || answer === null || !('failovers' in answer) || !Array.isArray(answer.failovers)) {
    throw new Error(`unexpected /_sim/failovers answer: ${JSON.stringify(answer)}`);
  }
  return answer.failovers as OperationView[];
}

export interface PostedProposal {
  /** The thread of the post (the post, the card, the outcome message). */
  thread: Locator;
  /** The bot's card in that thread; it is updated in place as the request moves on. */
  card: Locator;
  /** The card message as the bot sent it (conversation = the thread, message id = the card's activity id). */
  message: SeenMessage;
  requestId: string;
}

function proposalRequestId(message: SeenMessage): string | null {
  for (const card of message.cards) {
    const action = executeActions(card).find((candidate) => candidate.verb === 'failover.request');
    if (action && typeof action.data.requestId === 'string') return action.data.requestId;
  }
  return null;
}

/**
 * Posts the paste (from a device named after the case, so each case has its own thread) in the Incidents
 * channel, mentioning the bot, and waits for the card with the proposal (as posted, or as completed in place),
 * rendered and in the frames.
 */
export async function postProposal(stack: Stack, deviceId: string, requestButton: string): Promise<PostedProposal> {
  const { ui, world } = stack;
  await ui.postInChannel(serverErrorPaste(deviceId), world.bot.name);
  // The card is posted at once; when the hub's health was not known yet, the proposal comes with its update.
  const message = await ui.frames.waitForMessage(
    (seen) =>
      seen.fromId === world.bot.id &&
      seen.conversationId.startsWith(`${INCIDENTS_CHANNEL.id};messageid=`) &&
      seen.cards.some((card) => JSON.stringify(card).includes(deviceId)) &&
      proposalRequestId(seen) !== null,
    UI_TIMEOUT_MS,
    `the diagnosis card with a failover proposal for ${deviceId}`,
  );
  const thread = ui.page.getByRole('group').filter({ hasText: deviceId });
  const card = thread.locator('.ac-adaptiveCard').first();
  await card.getByRole('button', { name: requestButton, exact: true }).waitFor();
  return { thread, card, message, requestId: proposalRequestId(message) ?? '' };
}

/** A card click by another configured user (Priya), on the proposal's card, in the locale of the stack. */
export function actAs(stack: Stack, user: WorldUser, proposal: PostedProposal, verb: string, inputs: Record<string, string> = {}): Promise<InvokeResult> {
  return invokeAs({
    world: stack.world,
    user,
    botMessagesUrl: `${stack.bot.url}/api/messages`,
    connectorUrl: stack.playground.connectorUrl,
    target: { conversationId: proposal.message.conversationId, messageId: proposal.message.messageId },
    action: { verb, data: { requestId: proposal.requestId } },
    inputs,
    locale: stack.teamsLocale,
    channelId: INCIDENTS_CHANNEL.id,
  });
}

/** The Adaptive Card an invoke was answered with (the view of the user who clicked), or null. */
export function invokeCard(result: InvokeResult): unknown {
  const body = result.body;
  if (typeof body !== 'object' || body === null || !('value' in body)) return null;
  return body.value;
}

/**
 * A pattern for a UI string with placeholders: the given values are filled in, any other placeholder (a time,
 * a duration) matches any text. Whitespace is normalised on both sides (French no-break spaces).
 */
export function templatePattern(template: string, values: Readonly<Record<string, string>>, flags = ''): RegExp {
  const escape = (text: string): string => text.replace(/\s+/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\{[a-zA-Z]+\})/);
  const source = parts
    .map((part) => {
      const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escape(part);
      const value = values[name];
      return value === undefined ? '.+?' : escape(value);
    })
    .join('');
  return new RegExp(source, flags);
}

/**
 * A card's text as a reader sees it, from its JSON (a frame or an invoke answer): the backslash escapes the
 * bot puts before markdown characters of echoed values ("contoso\-prod\-weu") removed, whitespace normalised.
 */
export function shownText(card: unknown): string {
  return normalizeSpaces(cardText(card).replace(/\\([\\`*_[\]()#+\-.!<>|~{}])/g, '$1'));
}

/**
 * Selects a card button in the browser and resolves once the playground has the bot's answer to that click
 * (its `adaptiveCard/action` invoke, POST /_conversation/v1/invoke).
 */
export async function clickAndWaitForInvoke(stack: Stack, card: Locator, title: string): Promise<void> {
  const answered = stack.ui.page.waitForResponse((response) => response.url().includes('/_conversation/v1/invoke') && response.request().method() === 'POST');
  await stack.ui.clickCardButton(card, title);
  const response = await answered;
  if (!response.ok()) throw new Error(`the playground's invoke for "${title}" answered HTTP ${response.status()}`);
}

/** Unfilled template syntax that must never reach a card: `${…}` (templating) or `{name}` (fill). */
export const RAW_TEMPLATE = /\$\{|\{[a-zA-Z]+\}/;

/**
 * Waits until the card's rendered text (whitespace normalised) contains every expected text or matches every
 * pattern, and returns that text; fails listing what is missing and the card's text.
 */
export async function waitForCardText(card: Locator, expected: readonly (string | RegExp)[], what: string, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const missingIn = (text: string): (string | RegExp)[] =>
    expected.filter((item) => (typeof item === 'string' ? !text.includes(normalizeSpaces(item)) : !item.test(text)));
  let text = '';
  for (;;) {
    text = normalizeSpaces(await card.innerText().catch(() => ''));
    const missing = missingIn(text);
    if (missing.length === 0) return text;
    if (Date.now() > deadline) {
      throw new Error(`${what}: the card did not show ${missing.map(String).join(' | ')} within ${timeoutMs} ms; it shows:\n${text.slice(-3000)}`);
    }
    await card.page().waitForTimeout(150);
  }
}
