// Alert webhooks against the bot process: conversations to subscribe from, alerts to post, and the log
// lines that say a delivery was processed (so a test knows when "nothing was posted" is final).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION_ID } from '#src/sim/index.ts';
import type { AlertHub } from '#src/sim/index.ts';
import { message, postActivity } from './activities.ts';
import type { BuiltMessage, ConversationKind } from './activities.ts';
import type { BotProcess } from './bot-process.ts';
import type { RecordedRequest } from './fake-connector.ts';
import { cardText } from './cards.ts';

export const ALERTS_TOKEN = 'e2e-alerts-token-0123456789abcdef';

export function alertHub(name: string): AlertHub {
  return { subscriptionId: TEST_SUBSCRIPTION_ID, resourceGroup: TEST_RESOURCE_GROUP, name };
}

/** A conversation of the test's own: a channel (its id), a group chat or a personal chat. */
export interface TestConversation {
  kind: ConversationKind;
  /** The channel id, or the chat's conversation id. */
  id: string;
}

export function newChannel(label: string): TestConversation {
  return { kind: 'channel', id: `19:${label}-${randomUUID().slice(0, 8)}@thread.tacv2` };
}

export function newChat(kind: 'groupChat' | 'personal'): TestConversation {
  return { kind, id: kind === 'personal' ? `a:1personal-${randomUUID()}` : `19:group-${randomUUID()}@thread.v2` };
}

/** A message in the conversation (a new post in a channel), mentioning the bot outside personal chats. */
export function messageIn(serviceUrl: string, conversation: TestConversation, text: string, locale = 'en-US'): BuiltMessage {
  if (conversation.kind !== 'channel') return message({ serviceUrl, kind: conversation.kind, text, conversationId: conversation.id, locale });
  const built = message({ serviceUrl, kind: 'channel', text, locale });
  const thread = `${conversation.id};messageid=${built.activityId}`;
  const channelData = built.activity.channelData as Record<string, unknown>;
  built.activity.conversation = { ...(built.activity.conversation as Record<string, unknown>), id: thread };
  built.activity.channelData = { ...channelData, channel: { id: conversation.id, name: 'Alerts' }, teamsChannelId: conversation.id };
  return { ...built, conversationId: thread };
}

/** Sends a command and returns the bot's reply as the connector received it. */
export async function command(bot: BotProcess, connectorWait: (predicate: (request: RecordedRequest) => boolean) => Promise<RecordedRequest>, serviceUrl: string, conversation: TestConversation, text: string, locale?: string): Promise<RecordedRequest> {
  const built = messageIn(serviceUrl, conversation, text, locale);
  const response = await postActivity(bot.url, built.activity);
  assert.equal(response.status, 200, response.text);
  return connectorWait((request) => request.activityId === built.activityId && (request.route === 'replyToActivity' || request.route === 'sendToConversation'));
}

export async function postAlert(botUrl: string, body: unknown, query = `?token=${ALERTS_TOKEN}`, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${botUrl}/api/alerts${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

export function alertIdOf(body: unknown): string {
  const id = (body as { data?: { essentials?: { alertId?: unknown } } }).data?.essentials?.alertId;
  assert.equal(typeof id, 'string');
  return id as string;
}

/** Resolves once the bot has processed the delivery of this alert (its log line), with the outcome. */
export async function processed(bot: BotProcess, body: unknown, condition?: 'Fired' | 'Resolved', timeoutMs = 20_000): Promise<string> {
  const alertId = alertIdOf(body);
  const line = await bot.waitForLine((text) => {
    if (!text.includes('"alert.processed"') || !text.includes(JSON.stringify(alertId))) return false;
    return condition === undefined || text.includes(`"monitorCondition":"${condition}"`);
  }, timeoutMs);
  return String((JSON.parse(line) as { outcome?: unknown }).outcome);
}

/** The connector requests about a channel's new threads (createConversation) or a chat's messages. */
export function postsTo(requests: readonly RecordedRequest[], conversation: TestConversation): RecordedRequest[] {
  return requests.filter((request) => request.conversationId === conversation.id && (request.route === 'createConversation' || request.route === 'sendToConversation') && request.status < 300);
}

/** The updates of one card: PUTs of its activity id. */
export function updatesOf(requests: readonly RecordedRequest[], activityId: string): RecordedRequest[] {
  return requests.filter((request) => request.route === 'updateActivity' && request.activityId === activityId && request.status < 300);
}

/** The activity id of a posted card: the root of a new thread, or the id the connector gave a chat message. */
export function postedActivityId(request: RecordedRequest): string {
  assert.ok(request.responseId, `no id for ${request.method} ${request.path}`);
  return request.responseId;
}

/** The text of the card a request carries (a new thread nests its activity). */
export function cardTextOf(request: RecordedRequest): string {
  const activity = request.route === 'createConversation' ? (request.body?.activity as Record<string, unknown> | undefined) : request.body;
  const attachments = activity?.attachments;
  assert.ok(Array.isArray(attachments) && attachments.length === 1, `one card in ${request.method} ${request.path}`);
  return cardText((attachments[0] as { content: unknown }).content);
}
