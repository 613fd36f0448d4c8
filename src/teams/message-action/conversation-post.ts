// The connector calls of the Diagnose message action: is the bot a member of the conversation, and post a
// card into it after the invoke that asked for it has been answered (a turn's own sendActivity is no longer
// possible then: the work continues in a new proactive turn, with the identity of the invoke's turn).
import { CardFactory, MessageFactory, TeamsInfo, TurnContext } from 'botbuilder';
import type { Activity, BotAdapter, ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../cards/index.ts';
import { beforeDeadline } from '../../core/abort.ts';

export type BotMembership = 'member' | 'not-member' | 'unknown';

export type PostOutcome =
  | { ok: true; activityId: string | null }
  | { ok: false; notInConversation: boolean; error: unknown };

/** Posts a card into the conversation it was made for, and updates it; usable after the turn that made it has ended. */
export interface CardPoster {
  post(card: AdaptiveCard): Promise<PostOutcome>;
  /** Replaces the posted message `activityId` with `card`; throws when the connector refuses. */
  update(activityId: string, card: AdaptiveCard): Promise<void>;
}

/** The identity a proactive turn runs with: the one the inbound turn was authenticated with. */
type BotIdentity = Parameters<BotAdapter['continueConversationAsync']>[0];

function errorStatus(error: unknown): number | null {
  if (error === null || typeof error !== 'object' || !('statusCode' in error)) return null;
  return typeof error.statusCode === 'number' ? error.statusCode : null;
}

function errorCode(error: unknown): string | null {
  if (error === null || typeof error !== 'object' || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/**
 * The connector says the bot is not in the conversation: 403 BotNotInConversationRoster, or 404 for a
 * conversation it does not know. A 404 for a user missing from the roster says nothing about the bot.
 */
export function isBotNotInConversation(error: unknown): boolean {
  const status = errorStatus(error);
  const code = errorCode(error);
  if (status === 403) return code === 'BotNotInConversationRoster';
  if (status === 404) return code !== 'MemberNotFoundInConversation';
  return false;
}

/**
 * Asks the roster for the invoking user (in a channel: the team's roster), which the connector refuses
 * when the bot is not a member. Slow or failing answers say nothing: 'unknown', and the caller goes on.
 */
export async function checkBotMembership(turn: TurnContext, budgetMs: number): Promise<{ membership: BotMembership; error: unknown }> {
  const userId = turn.activity.from?.id;
  if (!userId) return { membership: 'unknown', error: null };
  try {
    await beforeDeadline(TeamsInfo.getMember(turn, userId), AbortSignal.timeout(budgetMs));
    return { membership: 'member', error: null };
  } catch (error) {
    return { membership: isBotNotInConversation(error) ? 'not-member' : 'unknown', error };
  }
}

/** Log fields of a connector error: status and code, never its message (it may quote a request). */
export function connectorErrorFields(error: unknown): Record<string, string | number | null> {
  return { errStatus: errorStatus(error), errCode: errorCode(error) };
}

/**
 * A poster for `conversationId` (the chat, or a channel thread "<channel>;messageid=<root>"), captured from
 * the invoke's turn while it is alive. The card is a new message of the conversation (sendToConversation),
 * not a reply to the invoke.
 */
export function cardPosterFor(turn: TurnContext, conversationId: string): CardPoster {
  const adapter = turn.adapter;
  const identity = turn.turnState.get<BotIdentity | undefined>(adapter.BotIdentityKey);
  const invokeReference = TurnContext.getConversationReference(turn.activity);
  const reference: Partial<ConversationReference> = {
    ...invokeReference,
    activityId: undefined,
    conversation: { ...turn.activity.conversation, id: conversationId },
  };
  const cardActivity = (card: AdaptiveCard): Partial<Activity> =>
    TurnContext.applyConversationReference(MessageFactory.attachment(CardFactory.adaptiveCard(card)), reference) as Partial<Activity>;
  return {
    async post(card) {
      if (identity === undefined) return { ok: false, notInConversation: false, error: new Error('the turn has no bot identity') };
      let outcome: PostOutcome = { ok: false, notInConversation: false, error: new Error('the proactive turn did not run') };
      // Errors are caught inside the turn: one escaping it would go to the adapter's onTurnError instead.
      await adapter.continueConversationAsync(identity, reference, async (proactive) => {
        try {
          const [response] = await proactive.adapter.sendActivities(proactive, [cardActivity(card)]);
          outcome = { ok: true, activityId: response?.id || null };
        } catch (error) {
          outcome = { ok: false, notInConversation: isBotNotInConversation(error), error };
        }
      });
      return outcome;
    },
    async update(activityId, card) {
      if (identity === undefined) throw new Error('the turn has no bot identity');
      let outcome: { ok: true } | { ok: false; error: unknown } = { ok: false, error: new Error('the proactive turn did not run') };
      // As for a post: the error is caught inside the turn and thrown here, to the caller who can log it.
      await adapter.continueConversationAsync(identity, reference, async (proactive) => {
        try {
          await proactive.updateActivity({ ...cardActivity(card), id: activityId });
          outcome = { ok: true };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
      if (!outcome.ok) throw outcome.error;
    },
  };
}
