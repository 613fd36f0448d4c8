// Invokes of the "Diagnose" message action as Teams sends them (shapes from the Teams docs, see
// ../shared/reference/teams-bot.md §3.2): composeExtension/fetchTask and composeExtension/submitAction,
// with the message the action was run on in value.messagePayload (its body as HTML).
import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import type { CardPoster, PostOutcome } from '#src/teams/message-action/conversation-post.ts';
import { TEST_BOT, TEST_TENANT, TEST_USER } from './activities.ts';

export const TEST_CHANNEL = '19:oncall-channel@thread.tacv2';
export const TEST_TEAM = '19:team@thread.tacv2';

export type MessageActionInvokeName = 'composeExtension/fetchTask' | 'composeExtension/submitAction';

export interface MessageActionOptions {
  serviceUrl: string;
  name: MessageActionInvokeName;
  /** The message's HTML body (messagePayload.body.content). */
  html: string;
  /** 'groupChat' (default) or 'channel'. */
  kind?: 'groupChat' | 'channel' | 'personal';
  /** The invoke's conversation id: the chat, or in a channel the channel (optionally with ;messageid=). */
  conversationId?: string;
  messageId?: string;
  /** In a channel: the thread's root when the message is a reply. */
  replyToId?: string | null;
  /** value.data (what the dialog's button submitted). */
  data?: Record<string, unknown>;
  commandId?: string;
  locale?: string;
  id?: string;
  /** Leave out value.messagePayload. */
  withoutMessage?: boolean;
}

export interface BuiltInvoke {
  activity: Record<string, unknown>;
  conversationId: string;
  messageId: string;
}

export function messageActionInvoke(options: MessageActionOptions): BuiltInvoke {
  const kind = options.kind ?? 'groupChat';
  const messageId = options.messageId ?? `17${Math.floor(Math.random() * 1e11)}`;
  const conversationId =
    options.conversationId ?? (kind === 'channel' ? TEST_CHANNEL : kind === 'personal' ? `a:1personal-${randomUUID()}` : `19:group-${randomUUID()}@thread.v2`);
  const channelData: Record<string, unknown> = { tenant: { id: TEST_TENANT }, source: { name: 'message' } };
  if (kind === 'channel') {
    Object.assign(channelData, { team: { id: TEST_TEAM }, channel: { id: TEST_CHANNEL } });
  }
  const value: Record<string, unknown> = {
    commandId: options.commandId ?? 'diagnose',
    commandContext: 'message',
    context: { theme: 'default' },
  };
  if (options.withoutMessage !== true) {
    value.messagePayload = {
      id: messageId,
      replyToId: options.replyToId ?? null,
      createdDateTime: '2025-11-27T09:13:02.065Z',
      deleted: false,
      importance: 'normal',
      locale: 'en-us',
      body: { contentType: 'html', content: options.html },
      from: { user: { id: '9b2f7c1e-44a0-4d7e-8e6b-2c0f1a3d5e77', displayName: 'Megan Bowen', userIdentityType: 'aadUser' } },
      mentions: [],
      attachments: [],
    };
  }
  if (options.data !== undefined) value.data = options.data;
  const activity: Record<string, unknown> = {
    type: 'invoke',
    name: options.name,
    id: options.id ?? `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { ...TEST_USER },
    conversation: { id: conversationId, conversationType: kind, isGroup: kind !== 'personal', tenantId: TEST_TENANT },
    recipient: { ...TEST_BOT },
    entities: [{ type: 'clientInfo', locale: options.locale ?? 'en-US', country: 'US', platform: 'Web' }],
    channelData,
    value,
    locale: options.locale ?? 'en-US',
  };
  return { activity, conversationId, messageId };
}

/** The `data` the preview's "Post diagnosis" button submits. */
export const POST_DATA: Readonly<Record<string, unknown>> = { iothubOncall: 'diagnose.post' };

/** The `data` Teams sends after a just-in-time install. */
export const INSTALLED_DATA: Readonly<Record<string, unknown>> = { msteams: { justInTimeInstall: true } };

/** The Adaptive Card of a dialog answer ({ task: { type: 'continue', value: { card } } }), or a failure. */
export function dialogCard(body: unknown): Record<string, unknown> {
  const task = (body as { task?: { type?: unknown; value?: { card?: { contentType?: unknown; content?: unknown } } } } | null)?.task;
  if (task?.type !== 'continue') throw new Error(`not a dialog: ${JSON.stringify(body)}`);
  const card = task.value?.card;
  if (card?.contentType !== 'application/vnd.microsoft.card.adaptive' || typeof card.content !== 'object' || card.content === null) {
    throw new Error(`dialog without an Adaptive Card: ${JSON.stringify(body)}`);
  }
  return card.content as Record<string, unknown>;
}

/** Top-level Action.Submit actions of a card. */
export function submitActions(card: Record<string, unknown>): { title: unknown; data: unknown }[] {
  const actions = Array.isArray(card.actions) ? (card.actions as Record<string, unknown>[]) : [];
  return actions.filter((action) => action.type === 'Action.Submit').map((action) => ({ title: action.title, data: action.data }));
}

/** A card the Diagnose message action posted (fake poster), as it stands after any update in place. */
export interface FakePost {
  conversationId: string;
  activityId: string;
  card: AdaptiveCard;
  /** How many times it was updated in place. */
  updates: number;
}

/** The message action's poster port, recording posts and their updates; `failNextPost` makes the next post fail. */
export function fakePoster(): { posterFor: (turn: unknown, conversationId: string) => CardPoster; posts: FakePost[]; failNextPost(outcome: PostOutcome): void } {
  const posts: FakePost[] = [];
  const failures: PostOutcome[] = [];
  return {
    posts,
    failNextPost: (outcome) => failures.push(outcome),
    posterFor: (_turn, conversationId) => ({
      async post(card) {
        const failure = failures.shift();
        if (failure) return failure;
        const activityId = `posted-${posts.length + 1}`;
        posts.push({ conversationId, activityId, card, updates: 0 });
        return { ok: true, activityId };
      },
      async update(activityId, card) {
        const post = posts.find((candidate) => candidate.activityId === activityId);
        if (!post) throw new Error(`no post ${activityId}`);
        post.card = card;
        post.updates += 1;
      },
    }),
  };
}
