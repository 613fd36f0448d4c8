// The bot leaves a conversation (uninstalled from a chat or a team, a channel or a team deleted): the
// subscriptions there go, so no card is ever sent where the bot has no place.
import type { TurnContext } from 'botbuilder';
import type { SubscriptionBook } from '../../alerts/subscription-book.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { subscriptionKeyOf, teamIdOf } from './conversation.ts';

export interface ConversationLifecycle {
  /** The bot was uninstalled from, or removed from, the turn's conversation (its whole team for a channel). */
  botRemoved(turn: TurnContext): Promise<void>;
  channelDeleted(channelId: string): Promise<void>;
  teamDeleted(teamId: string): Promise<void>;
}

export function alertSubscriptionLifecycle(book: SubscriptionBook, logger: Logger): ConversationLifecycle {
  const log = logger.child({ component: 'alert-subscriptions' });
  const guarded = async (what: string, work: () => Promise<string[]>): Promise<void> => {
    try {
      const dropped = await work();
      if (dropped.length > 0) log.info({ dropped, why: what }, 'alert subscriptions dropped');
    } catch (error) {
      // The next card to such a conversation gets 403/404, which drops it then.
      log.warn({ why: what, ...errorFields(error) }, 'alert subscriptions could not be dropped now');
    }
  };
  return {
    botRemoved: (turn) =>
      guarded('bot removed', async () => {
        const teamId = teamIdOf(turn.activity);
        if (teamId !== null) return book.dropTeam(teamId);
        const key = subscriptionKeyOf(turn.activity);
        return (await book.drop(key)) ? [key] : [];
      }),
    channelDeleted: (channelId) => guarded('channel deleted', async () => ((await book.drop(channelId)) ? [channelId] : [])),
    teamDeleted: (teamId) => guarded('team deleted', () => book.dropTeam(teamId)),
  };
}
