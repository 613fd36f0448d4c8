// The workflow's FailoverNotifier in Teams: the request's message is updated in place for everyone
// (continueConversationAsync + updateActivity on the card's activity id) and the outcome is announced by a
// message in the thread that mentions the requester and the approver.
//
// Connector errors: 412 (concurrent operations), 429 (throttled), 502/503/504 are retried here with a short
// backoff on top of botbuilder's own retries, then thrown so the workflow's notification queue tries again
// later; 403/404 (bot removed, conversation gone) are logged and given up for good. The workflow state is
// never touched here: a lost card update is recovered by the next one.
import { CardFactory, TurnContext } from 'botbuilder';
import type { Activity, BotAdapter, ConversationReference } from 'botbuilder';
import { isTerminal } from '../../failover/index.ts';
import type { FailoverNotifier, FailoverRequest, TerminalState } from '../../failover/index.ts';
import type { Sleep } from '../../core/clock.ts';
import { realSleep } from '../../core/clock.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { renderOutcomeMessage } from './card/render.ts';
import type { Mention } from './card/render.ts';
import type { FailoverCards } from './card/cards.ts';

/** The proactive edge (a fake in unit tests: botbuilder's TestAdapter has no proactive turns). */
export interface ProactiveChannel {
  update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<void>;
  post(reference: Partial<ConversationReference>, text: string, mentions: readonly Mention[]): Promise<void>;
}

/** Hooks for metrics (src/observability/metrics.ts), all optional. */
export interface FailoverMetrics {
  failoverOutcome?(outcome: TerminalState): void;
  connectorError?(status: number | null): void;
}

export interface TeamsNotifierDeps {
  channel: ProactiveChannel;
  cards: FailoverCards;
  logger: Logger;
  metrics?: FailoverMetrics;
  sleep?: Sleep;
  /** Pauses between the local retries of a throttled or failed connector call. */
  retryDelaysMs?: readonly number[];
}

type Continue = (appId: string, reference: Partial<ConversationReference>, logic: (turn: TurnContext) => Promise<void>) => Promise<void>;

/** Runs `work` in a proactive turn and rethrows its error (the adapter would otherwise hand it to onTurnError). */
async function inProactiveTurn(continueConversation: Continue, appId: string, reference: Partial<ConversationReference>, work: (turn: TurnContext) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | null = null;
  await continueConversation(appId, reference, async (turn) => {
    try {
      await work(turn);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** The proactive channel over the bot's adapter (CloudAdapter.continueConversationAsync with the bot's app id). */
export function adapterChannel(adapter: Pick<BotAdapter, 'continueConversationAsync'>, appId: string): ProactiveChannel {
  const continueConversation: Continue = (id, reference, logic) => adapter.continueConversationAsync(id, reference, logic);
  return {
    update: (reference, activityId, card) =>
      inProactiveTurn(continueConversation, appId, reference, async (turn) => {
        const activity: Partial<Activity> = { type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] };
        await turn.updateActivity(activity);
      }),
    post: (reference, text, mentions) =>
      inProactiveTurn(continueConversation, appId, reference, async (turn) => {
        const message: Partial<Activity> = {
          type: 'message',
          text,
          textFormat: 'markdown',
          entities: mentions.map((mention) => ({ type: 'mention', text: mention.text, mentioned: { id: mention.id, name: mention.name } })),
        };
        // Applied from the stored reference, not from the proactive turn's own (random) activity id: in the
        // thread, as a reply to the message the request came from.
        await turn.adapter.sendActivities(turn, [TurnContext.applyConversationReference(message, reference) as Partial<Activity>]);
      }),
  };
}

/** A stored ConversationReference, checked enough to be used. */
export function referenceOf(value: unknown): Partial<ConversationReference> | null {
  if (typeof value !== 'object' || value === null) return null;
  const reference = value as Partial<ConversationReference>;
  if (typeof reference.serviceUrl !== 'string' || typeof reference.conversation?.id !== 'string') return null;
  return reference;
}

export function connectorStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  return typeof error.statusCode === 'number' ? error.statusCode : null;
}

const RETRYABLE: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);
const GONE: ReadonlySet<number> = new Set([403, 404]);

export function createTeamsFailoverNotifier(deps: TeamsNotifierDeps): FailoverNotifier {
  const log = deps.logger.child({ component: 'failover-notifier' });
  const sleep = deps.sleep ?? realSleep;
  const delays = deps.retryDelaysMs ?? [500, 1_500, 4_000];
  const counted = new Set<string>();

  /** Resolves when sent or given up for good (403/404); throws when the workflow's queue should try again later. */
  const call = async (what: string, record: FailoverRequest, send: () => Promise<void>): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        return;
      } catch (error) {
        const status = connectorStatus(error);
        deps.metrics?.connectorError?.(status);
        const fields = { requestId: record.id, version: record.version, what, attempt: attempt + 1, ...errorFields(error, { withMessage: false }) };
        if (status !== null && GONE.has(status)) {
          log.warn(fields, 'failover card: the conversation cannot be written to any more; giving up');
          return;
        }
        const delay = delays[attempt];
        if (status === null || !RETRYABLE.has(status) || delay === undefined) {
          log.warn(fields, 'failover card: connector call failed; the workflow retries later');
          throw error;
        }
        log.info({ ...fields, delayMs: delay }, 'failover card: connector busy, retrying');
        await sleep(delay);
      }
    }
  };

  return {
    async requestChanged(record) {
      const state = record.state;
      if (isTerminal(state) && !counted.has(record.id)) {
        counted.add(record.id);
        deps.metrics?.failoverOutcome?.(state);
      }
      const activityId = record.conversation.cardActivityId;
      const reference = referenceOf(record.conversation.reference);
      if (activityId === null || reference === null) return;
      const card = await deps.cards.cardFor(record, null);
      await call('update', record, () => deps.channel.update(reference, activityId, card));
      log.info({ requestId: record.id, state: record.state, version: record.version, cardActivityId: activityId }, 'failover card updated');
    },
    async announceOutcome(record) {
      const reference = referenceOf(record.conversation.reference);
      if (reference === null) return;
      const message = renderOutcomeMessage(record, record.conversation.locale);
      await call('announce', record, () => deps.channel.post(reference, message.text, message.mentions));
      log.info({ requestId: record.id, state: record.state }, 'failover outcome announced');
    },
  };
}
