// After a reply's card was sent: when it went out before the hub's health was known ("checking the hub's
// health…"), the complete card replaces it in place, in one update of the same message, never a second
// message; a failover proposal on that card is attached to the message first, so its updates replace it too.
// Whoever sent the card says how to update it (the turn's updateActivity, or a proactive one).
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import type { Reply, ReplyLogFields } from './replies.ts';

/** Replaces the sent message `activityId` with `card`; throws when the connector refuses. */
export type CardUpdate = (activityId: string, card: AdaptiveCard) => Promise<void>;

/**
 * Finishes a reply whose card was sent as `activityId` (null: the connector gave no id). Returns the log
 * fields of the card as it now stands. Never throws: the first card is out, and an error card would be a
 * second message.
 */
export async function completeReply(reply: Reply, activityId: string | null, update: CardUpdate, log: Logger): Promise<ReplyLogFields> {
  if (!reply.complete) {
    await reply.afterSend?.(activityId);
    return {};
  }
  const started = performance.now();
  try {
    const completed = await reply.complete();
    if (activityId === null) {
      log.warn({ card: completed.log.card }, 'the first card has no activity id: it cannot be completed in place');
      return { ...completed.log, updatedInPlace: false };
    }
    await completed.afterSend?.(activityId);
    try {
      await update(activityId, completed.card);
    } catch (error) {
      log.warn({ ...errorFields(error, { withMessage: false }), updatedActivityId: activityId }, 'the card could not be completed in place');
      return { ...completed.log, updatedInPlace: false };
    }
    return { ...completed.log, updatedInPlace: true, updateMs: Math.round(performance.now() - started) };
  } catch (error) {
    log.error({ ...errorFields(error, { withMessage: false }) }, 'the card could not be completed');
    return { updatedInPlace: false };
  }
}
