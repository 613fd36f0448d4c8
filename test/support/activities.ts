// Bot Framework activities as Teams sends them (shapes from the Teams docs and captured payloads, see
// ../shared/reference/teams-bot.md §2), for tests that post to /api/messages.
import { randomUUID } from 'node:crypto';

export const TEST_BOT = { id: '28:1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', name: 'IoT Hub On-Call' } as const;
export const TEST_USER = { id: '29:1a2b3c-user', name: 'Alex Wilber', aadObjectId: '6f0e9a51-0b5f-4a8e-9c1f-1d2e3f405161' } as const;
export const TEST_TENANT = '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface MessageOptions {
  serviceUrl: string;
  text: string;
  kind?: ConversationKind;
  /** Prefix the text with an <at> mention of the bot (and add the entity). Default: true outside personal chats. */
  mention?: boolean;
  /** Extra mention entities (as Teams sends them), added as is. */
  entities?: Record<string, unknown>[];
  /** The text/html attachment Teams adds to messages. */
  html?: string;
  locale?: string;
  id?: string;
  conversationId?: string;
}

export interface BuiltMessage {
  activity: Record<string, unknown>;
  /** Conversation id the reply must go to (the thread id in a channel). */
  conversationId: string;
  activityId: string;
}

export function mentionEntity(bot: { id: string; name: string } = TEST_BOT, text = `<at>${bot.name}</at>`): Record<string, unknown> {
  return { type: 'mention', text, mentioned: { id: bot.id, name: bot.name } };
}

function conversationFor(kind: ConversationKind, activityId: string, override?: string): { conversation: Record<string, unknown>; channelData: Record<string, unknown> } {
  const tenant = { id: TEST_TENANT };
  if (kind === 'personal') {
    return {
      conversation: { id: override ?? `a:1personal-${randomUUID()}`, conversationType: 'personal', tenantId: TEST_TENANT },
      channelData: { tenant },
    };
  }
  if (kind === 'groupChat') {
    return {
      conversation: { id: override ?? `19:group-${randomUUID()}@thread.v2`, conversationType: 'groupChat', isGroup: true, tenantId: TEST_TENANT },
      channelData: { tenant },
    };
  }
  // A new channel post starts a thread whose id is "<channel>;messageid=<root message id>".
  const channel = '19:oncall-channel@thread.tacv2';
  return {
    conversation: { id: override ?? `${channel};messageid=${activityId}`, conversationType: 'channel', isGroup: true, tenantId: TEST_TENANT },
    channelData: { tenant, team: { id: '19:team@thread.tacv2', name: 'Platform' }, channel: { id: channel, name: 'On-call' }, teamsTeamId: '19:team@thread.tacv2', teamsChannelId: channel },
  };
}

export function message(options: MessageOptions): BuiltMessage {
  const kind = options.kind ?? 'personal';
  const activityId = options.id ?? String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const mention = options.mention ?? kind !== 'personal';
  const { conversation, channelData } = conversationFor(kind, activityId, options.conversationId);
  const entities: Record<string, unknown>[] = [...(mention ? [mentionEntity()] : []), ...(options.entities ?? [])];
  const activity: Record<string, unknown> = {
    type: 'message',
    id: activityId,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { ...TEST_USER },
    conversation,
    recipient: { ...TEST_BOT },
    textFormat: 'plain',
    text: mention ? `<at>${TEST_BOT.name}</at> ${options.text}` : options.text,
    locale: options.locale ?? 'en-US',
    entities: [...entities, { type: 'clientInfo', locale: options.locale ?? 'en-US', country: 'US', platform: 'Web' }],
    channelData,
  };
  if (options.html !== undefined) activity.attachments = [{ contentType: 'text/html', content: options.html }];
  return { activity, conversationId: String(conversation.id), activityId };
}

export function invoke(options: { serviceUrl: string; name: string; value: unknown; replyToId?: string; conversationId?: string }): Record<string, unknown> {
  return {
    type: 'invoke',
    name: options.name,
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { ...TEST_USER },
    conversation: { id: options.conversationId ?? `a:1personal-${randomUUID()}`, conversationType: 'personal', tenantId: TEST_TENANT },
    recipient: { ...TEST_BOT },
    value: options.value,
    locale: 'en-US',
    ...(options.replyToId === undefined ? {} : { replyToId: options.replyToId }),
    channelData: { tenant: { id: TEST_TENANT } },
  };
}

/** POSTs an activity to the bot's /api/messages. */
export async function postActivity(botUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  return { status: response.status, text: await response.text() };
}
