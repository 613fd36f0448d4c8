// The connector calls of alert cards, proactive (no turn is alive): a new thread in a channel
// (POST /v3/conversations with the channel's id), a message in a chat, an update in place.
//
// The thread is created through the connector client of a proactive turn on the channel's stored
// reference, not TeamsInfo.sendMessageToTeamsChannel: that one drops the root message id of the 201 (and
// fails without an app id, in local mode), while the card must later be updated by that very id.
// Connector answers: a 403/404 about the conversation means the bot can no longer write there
// (ConversationGoneError), one about the card's message only that the card is gone (CardGoneError), see
// connector-refusal.ts; what is retried within the call, and when, is connector-retry.ts; anything else is
// thrown (the delivery is tried again later).
import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { Activity, BotAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import { CardGoneError, ConversationGoneError } from '../../alerts/ports.ts';
import type { Subscription } from '../../alerts/subscriptions.ts';
import type { Sleep } from '../../core/clock.ts';
import { realSleep } from '../../core/clock.ts';
import { DeadlineExceeded, beforeDeadline, deadline } from '../../core/abort.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { connectorStatus, referenceOf } from '../failover/index.ts';
import { connectorRefusal } from './connector-refusal.ts';
import { DEFAULT_CONNECTOR_RETRY, connectorRetryDelay, retryAfterOf } from './connector-retry.ts';
import type { ConnectorRetryPolicy } from './connector-retry.ts';

export interface PostedMessage {
  conversationId: string;
  reference: Partial<ConversationReference>;
  activityId: string | null;
}

export interface AlertChannel {
  post(subscription: Subscription, card: AdaptiveCard): Promise<PostedMessage>;
  update(reference: unknown, activityId: string, card: AdaptiveCard): Promise<void>;
}

/** What the proactive turn's connector client is used for: creating the thread. */
interface ConversationsClient {
  conversations: { createConversation(parameters: ConversationParameters, options: { abortSignal: AbortSignal }): Promise<{ id?: string; activityId?: string }> };
}

function isConversationsClient(value: unknown): value is ConversationsClient {
  if (typeof value !== 'object' || value === null || !('conversations' in value)) return false;
  const conversations: unknown = value.conversations;
  return typeof conversations === 'object' && conversations !== null && 'createConversation' in conversations && typeof conversations.createConversation === 'function';
}

/**
 * The longest a card's connector call may take, retries included: well under the delivery's claim (60 s), so
 * a hung connector cannot outlive it and let another instance post the same card. A call cut short is an
 * error like any other: the delivery is tried again later.
 */
export const CALL_BUDGET_MS = 20_000;

type Continue = (appId: string, reference: Partial<ConversationReference>, logic: (turn: TurnContext) => Promise<void>) => Promise<void>;

/** Runs `work` in a proactive turn and rethrows its error (the adapter would hand it to onTurnError). */
async function inProactiveTurn<T>(continueConversation: Continue, appId: string, reference: Partial<ConversationReference>, work: (turn: TurnContext) => Promise<T>): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  await continueConversation(appId, reference, async (turn) => {
    try {
      outcome = { ok: true, value: await work(turn) };
    } catch (error) {
      outcome = { ok: false, error };
    }
  });
  const settled = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
  if (settled === null) throw new Error('the proactive turn did not run');
  if (!settled.ok) throw settled.error;
  return settled.value;
}

/** "<channel>;messageid=<root>" → "<root>". */
export function rootIdOf(threadId: string): string | null {
  return /;messageid=([^;]+)$/.exec(threadId)?.[1] ?? null;
}

export function adapterAlertChannel(adapter: Pick<BotAdapter, 'continueConversationAsync'>, appId: string, options: { sleep?: Sleep; retry?: ConnectorRetryPolicy; callBudgetMs?: number } = {}): AlertChannel {
  const continueConversation: Continue = (id, reference, logic) => adapter.continueConversationAsync(id, reference, logic);
  const sleep = options.sleep ?? realSleep;
  const retry = options.retry ?? DEFAULT_CONNECTOR_RETRY;
  const callBudgetMs = options.callBudgetMs ?? CALL_BUDGET_MS;

  /** One connector call with its retries, within the call budget (well under the delivery's lease). */
  const withRetries = async <T>(kind: 'post' | 'update', call: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const budget = deadline(callBudgetMs);
    for (let attempt = 0; ; attempt++) {
      try {
        return await beforeDeadline(call(budget.signal), budget.signal);
      } catch (error) {
        if (error instanceof DeadlineExceeded) throw error;
        const status = connectorStatus(error);
        const refusal = connectorRefusal(status, error, kind);
        if (refusal === 'conversation-gone') throw new ConversationGoneError(status ?? 0);
        if (refusal === 'message-gone') throw new CardGoneError(status ?? 0);
        const delay = connectorRetryDelay(kind, status, retryAfterOf(error, Date.now()), attempt, retry);
        if (delay === null || delay >= budget.remainingMs()) throw error;
        await sleep(delay);
      }
    }
  };

  const message = (card: AdaptiveCard): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(card));

  return {
    async post(subscription, card) {
      const stored = referenceOf(subscription.reference);
      if (stored === null) throw new Error('the subscription has no usable conversation reference');
      // Proactive messages start a conversation of their own: never a reply to the subscribe message.
      const reference: Partial<ConversationReference> = { ...stored, activityId: undefined };
      if (subscription.kind === 'channel') {
        const created = await withRetries('post', (signal) =>
          inProactiveTurn(continueConversation, appId, reference, async (turn) => {
            const client: unknown = turn.turnState.get(turn.adapter.ConnectorClientKey);
            if (!isConversationsClient(client)) throw new Error('no connector client in the proactive turn');
            const parameters = {
              isGroup: true,
              channelData: { channel: { id: subscription.key } },
              activity: message(card),
              ...(reference.bot ? { bot: reference.bot } : {}),
              ...(reference.conversation?.tenantId ? { tenantId: reference.conversation.tenantId } : {}),
            } as ConversationParameters;
            return client.conversations.createConversation(parameters, { abortSignal: signal });
          }),
        );
        const threadId = typeof created.id === 'string' && created.id !== '' ? created.id : null;
        if (threadId === null) throw new Error('the connector created the thread without saying its id');
        const rootId = rootIdOf(threadId) ?? (typeof created.activityId === 'string' && created.activityId !== '' ? created.activityId : null);
        const conversation = { ...(reference.conversation ?? { isGroup: true, name: '', conversationType: 'channel' }), id: threadId };
        return { conversationId: threadId, reference: { ...reference, conversation } as Partial<ConversationReference>, activityId: rootId };
      }
      // Applied from the stored reference (which has no activity id), not from the proactive turn's own random
      // one: a new message in the chat, not a reply.
      const sent = await withRetries('post', () =>
        inProactiveTurn(continueConversation, appId, reference, (turn) => turn.adapter.sendActivities(turn, [TurnContext.applyConversationReference(message(card), reference) as Partial<Activity>])),
      );
      // A connector may answer 202 without a body: then the card cannot be updated later (logged by the caller).
      const id = sent[0]?.id;
      const activityId = typeof id === 'string' && id !== '' ? id : null;
      return { conversationId: reference.conversation?.id ?? subscription.key, reference, activityId };
    },

    async update(stored, activityId, card) {
      const reference = referenceOf(stored);
      if (reference === null) throw new Error('the card has no usable conversation reference');
      await withRetries('update', () =>
        inProactiveTurn(continueConversation, appId, reference, async (turn) => {
          await turn.updateActivity({ ...message(card), id: activityId });
        }),
      );
    },
  };
}
