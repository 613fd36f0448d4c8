// The conversation a subscription is for, from the (authenticated) activity that asked for it: a channel
// (never one thread of it: each incident starts its own thread), a group chat or a personal chat, with the
// conversation reference proactive posts will use. Its serviceUrl comes only from such an activity.
import { TurnContext } from 'botbuilder';
import type { Activity, ConversationReference } from 'botbuilder';
import type { ConversationKind, Subscription } from '../../alerts/subscriptions.ts';
import type { Locale } from '../../core/locale.ts';

function channelIdOf(activity: Activity): string | null {
  const data: unknown = activity.channelData;
  const channel = typeof data === 'object' && data !== null && 'channel' in data ? (data as { channel?: { id?: unknown } }).channel : undefined;
  if (typeof channel?.id === 'string' && channel.id !== '') return channel.id;
  if (activity.conversation?.conversationType === 'channel') return activity.conversation.id.split(';messageid=')[0] ?? null;
  return null;
}

export function teamIdOf(activity: Activity): string | null {
  const data: unknown = activity.channelData;
  const team = typeof data === 'object' && data !== null && 'team' in data ? (data as { team?: { id?: unknown } }).team : undefined;
  return typeof team?.id === 'string' && team.id !== '' ? team.id : null;
}

/** The subscription key of the conversation an activity belongs to. */
export function subscriptionKeyOf(activity: Activity): string {
  return channelIdOf(activity) ?? activity.conversation?.id ?? '';
}

export function subscriptionDraft(activity: Activity, locale: Locale, now: number): Omit<Subscription, 'hubs'> {
  const channelId = channelIdOf(activity);
  const type = activity.conversation?.conversationType;
  const kind: ConversationKind = channelId !== null ? 'channel' : type === 'personal' ? 'personal' : 'groupChat';
  // A plain JSON copy: the store keeps JSON, and nothing of the turn's objects should ride along.
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Partial<ConversationReference>;
  delete reference.activityId;
  if (channelId !== null && reference.conversation) reference.conversation = { ...reference.conversation, id: channelId };
  return {
    key: channelId ?? activity.conversation.id,
    kind,
    teamId: teamIdOf(activity),
    reference,
    locale,
    subscribedAt: new Date(now).toISOString(),
  };
}
