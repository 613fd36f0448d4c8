// The "Diagnose with IoT Hub On-Call" message action (an action-based message extension, fetchTask: true).
//
// fetchTask → a dialog with a compact preview of what the message contains and a "Post diagnosis" button.
// A preview rather than posting at once: the post lands in a shared thread or chat for everyone, so the
// engineer sees first whether anything was recognised (nothing is offered for posting when nothing was),
// and the dialog is where the add-the-bot explanation goes when the bot is not in that conversation.
// submitAction → answers at once (Teams allows 5 seconds and retries), then the full diagnosis card, with
// the hub's health, is posted as the bot into the conversation (the message's thread in a channel), so it
// can be updated later. One post per message, whatever Teams retries or users double-click.
//
// The message body is read from the invoke (HTML), redacted and diagnosed like a paste, by the same worker
// pool and within the same budget: a message that takes too long to read gets a dialog that says so, in
// time. Both invokes draw from the user's message rate limit. Logs carry ids, codes, verdicts and
// durations, never the message.
import { CardFactory, TurnContext } from 'botbuilder';
import type { ConversationReference, MessagingExtensionActionResponse } from 'botbuilder';
import type { StateStore } from '../../core/store.ts';
import type { Locale } from '../../core/locale.ts';
import { plural, uiStrings } from '../../i18n/index.ts';
import { selectLocale } from '../../core/locale.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { renderDialogNoticeCard, renderErrorCard } from '../cards/index.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { cardPosterFor, checkBotMembership, connectorErrorFields } from './conversation-post.ts';
import type { BotMembership, CardPoster } from './conversation-post.ts';
import type { ActivityDeduplicator } from '../inbound/dedupe.ts';
import { hasSomethingToPost, renderAddBotCard, renderDiagnosePreviewCard } from './cards.ts';
import { PostClaims } from './claims.ts';
import type { PostTarget } from './claims.ts';
import { DIAGNOSE_COMMAND_ID, commandIdOf, placeOf, postConversationId, sourceMessageOf, submitIntentOf } from './payload.ts';
import type { InvokeConversation, SourceMessage } from './payload.ts';
import type { NotRead, PasteDiagnosis } from '../../workers/diagnoser.ts';
import type { MessageGate } from '../inbound/rate-limit.ts';
import { replyToDiagnosis, unreadPasteCard, markPasteNotRead } from '../messages/replies.ts';
import { completeReply } from '../messages/reply-delivery.ts';
import type { ProposalContext, ReplyDeps } from '../messages/replies.ts';
import { loggableName } from '../inbound/turn-observer.ts';
import { actorOf } from '../inbound/actor.ts';

/** How long the roster check may take: the whole invoke must answer within Teams' 5 seconds. */
export const MEMBERSHIP_BUDGET_MS = 1500;

/** The connector edges, replaced by fakes in unit tests (TestAdapter has no connector nor proactive turns). */
export interface DiagnoseActionPorts {
  membership(turn: TurnContext): Promise<BotMembership>;
  /** A poster for the conversation, captured while the invoke's turn is alive. */
  posterFor(turn: TurnContext, conversationId: string): CardPoster;
}

export interface DiagnoseActionDeps extends ReplyDeps {
  logger: Logger;
  /** Shared with message turns: a re-delivered invoke (same activity id) is answered once. */
  dedupe: ActivityDeduplicator;
  ports?: Partial<DiagnoseActionPorts>;
  claims?: PostClaims;
  /** Shared by every bot instance: one post per message across them (without it, per instance). */
  postClaimStore?: StateStore;
  /** The per-user rate limit of messages: both invokes draw from the same bucket. */
  rateLimit?: MessageGate;
}

type Dialog = MessagingExtensionActionResponse;

/**
 * Where a posted card lives, for a failover proposal on it: the conversation it is posted in (the thread in
 * a channel) and who asked. No roster read: the card is posted after the invoke's turn has ended.
 */
function proposalContextFor(turn: TurnContext, conversationId: string): ProposalContext {
  const reference: Partial<ConversationReference> = {
    ...TurnContext.getConversationReference(turn.activity),
    activityId: undefined,
    conversation: { ...turn.activity.conversation, id: conversationId },
  };
  return {
    conversationId,
    reference: JSON.parse(JSON.stringify(reference)) as unknown,
    requester: actorOf(turn.activity.from),
    personal: turn.activity.conversation?.conversationType === 'personal',
  };
}

function dialog(title: string, card: AdaptiveCard, size: 'small' | 'medium' = 'medium'): Dialog {
  return { task: { type: 'continue', value: { title, width: 'medium', height: size, card: CardFactory.adaptiveCard(card) } } };
}

/** An empty answer: Teams closes the dialog. */
const CLOSE_DIALOG: Dialog = {};

function conversationOf(turn: TurnContext): InvokeConversation {
  const conversation = turn.activity.conversation;
  return { id: conversation?.id ?? '', conversationType: conversation?.conversationType ?? null, isGroup: conversation?.isGroup ?? null };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

const defaultPorts: DiagnoseActionPorts = {
  membership: async (turn) => (await checkBotMembership(turn, MEMBERSHIP_BUDGET_MS)).membership,
  posterFor: cardPosterFor,
};

export class DiagnoseMessageAction {
  private readonly deps: DiagnoseActionDeps;
  private readonly ports: DiagnoseActionPorts;
  private readonly claims: PostClaims;
  private readonly log: Logger;
  private readonly pending = new Set<Promise<void>>();

  constructor(deps: DiagnoseActionDeps) {
    this.deps = deps;
    this.ports = { ...defaultPorts, ...deps.ports };
    this.log = deps.logger.child({ component: 'message-action' });
    this.claims = deps.claims ?? new PostClaims({ store: deps.postClaimStore, logger: this.log });
  }

  /** composeExtension/fetchTask: the preview dialog, or how to add the bot. */
  async fetchTask(turn: TurnContext, value: unknown): Promise<Dialog> {
    const log = this.turnLog(turn, 'fetchTask');
    return this.rateLimited(turn, log) ?? this.preview(turn, value, log);
  }

  /** composeExtension/submitAction: the dialog's buttons (post the diagnosis; the bot was just installed). */
  async submitAction(turn: TurnContext, value: unknown): Promise<Dialog> {
    const started = performance.now();
    const locale = selectLocale(turn.activity.locale);
    const log = this.turnLog(turn, 'submitAction');
    const refused = this.rateLimited(turn, log);
    if (refused) return refused;
    try {
      const commandId = commandIdOf(value);
      const intent = submitIntentOf(value);
      const source = sourceMessageOf(value);
      if (commandId === DIAGNOSE_COMMAND_ID && intent.kind === 'installed') {
        log.info({ hasMessage: source !== null }, 'message action: the bot was added to the conversation');
        if (source === null) return dialog(uiStrings(locale).messageAction.dialogTitle, renderDialogNoticeCard(uiStrings(locale).messageAction.installed), 'small');
        return await this.preview(turn, value, log);
      }
      if (commandId !== DIAGNOSE_COMMAND_ID || intent.kind !== 'post' || source === null) {
        log.warn({ commandId: loggableName(commandId), intent: intent.kind, hasMessage: source !== null }, 'message action not handled');
        return this.errorDialog(locale);
      }
      return await this.post(turn, source, locale, log, started);
    } catch (error) {
      log.error({ ...errorFields(error, { withMessage: false }) }, 'message action submit failed');
      return this.errorDialog(locale);
    }
  }

  /** Posts whose invoke was answered and whose card is not in the conversation yet. */
  get postsInFlight(): number {
    return this.pending.size;
  }

  /** Resolves when every post started so far has finished (tests, shutdown: main.ts waits for it). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async preview(turn: TurnContext, value: unknown, log: Logger): Promise<Dialog> {
    const started = performance.now();
    const locale = selectLocale(turn.activity.locale);
    try {
      const commandId = commandIdOf(value);
      const source = sourceMessageOf(value);
      if (commandId !== DIAGNOSE_COMMAND_ID || source === null) {
        log.warn({ commandId: loggableName(commandId), hasMessage: source !== null }, 'message action not handled');
        return this.errorDialog(locale);
      }
      const membership = await this.ports.membership(turn);
      if (membership === 'not-member') {
        log.info({ membership, durationMs: elapsed(started) }, 'message action: bot not in the conversation');
        return this.addBotDialog(turn, locale);
      }
      const outcome = await this.deps.diagnoser(source.text);
      if (outcome.kind === 'not-read') {
        log.info({ ...markPasteNotRead(outcome, source.text), membership, messageId: source.id, locale, durationMs: elapsed(started) }, 'message action preview: message not read');
        return this.unreadDialog(outcome, locale);
      }
      const diagnosed = outcome.diagnosed;
      log.info({ ...diagnosed.log, membership, messageId: source.id, locale, durationMs: elapsed(started) }, 'message action preview answered');
      return this.previewDialog(turn, diagnosed, locale);
    } catch (error) {
      log.error({ ...errorFields(error, { withMessage: false }) }, 'message action preview failed');
      return this.errorDialog(locale);
    }
  }

  private async post(turn: TurnContext, source: SourceMessage, locale: Locale, log: Logger, started: number): Promise<Dialog> {
    const conversation = conversationOf(turn);
    if (this.deps.dedupe.isDuplicate(conversation.id, turn.activity.id)) {
      log.info('duplicate invoke ignored');
      return CLOSE_DIALOG;
    }
    const target = postConversationId(conversation, source);
    // Without a message id the invoke id (deduplicated above) is all there is to go by.
    const claim: PostTarget | null = source.id === null ? null : { conversationId: target, messageId: source.id };
    if (claim !== null && !(await this.claims.claim(claim))) {
      log.info({ messageId: source.id }, 'diagnosis of this message already posted or being posted');
      return CLOSE_DIALOG;
    }
    const membership = await this.ports.membership(turn);
    if (membership === 'not-member') {
      if (claim !== null) await this.claims.release(claim);
      log.info({ membership, durationMs: elapsed(started) }, 'message action: bot not in the conversation');
      return this.addBotDialog(turn, locale);
    }
    const outcome = await this.deps.diagnoser(source.text);
    if (outcome.kind === 'not-read') {
      if (claim !== null) await this.claims.release(claim);
      log.info({ ...markPasteNotRead(outcome, source.text), durationMs: elapsed(started) }, 'message action: message not read');
      return this.unreadDialog(outcome, locale);
    }
    const diagnosed = outcome.diagnosed;
    if (!hasSomethingToPost(diagnosed.diagnosis)) {
      // The preview offers no button then; a submit anyway (an old dialog, a crafted call) gets the preview again.
      if (claim !== null) await this.claims.release(claim);
      log.info({ ...diagnosed.log, durationMs: elapsed(started) }, 'message action: nothing to post');
      return this.previewDialog(turn, diagnosed, locale);
    }
    const poster = this.ports.posterFor(turn, target);
    const postLog = log.child({ messageId: source.id, postConversationId: target });
    this.track(this.postDiagnosis(diagnosed, poster, locale, claim, postLog, proposalContextFor(turn, target)));
    log.info({ membership, durationMs: elapsed(started) }, 'message action submit answered');
    return CLOSE_DIALOG;
  }

  /**
   * After the invoke was answered: the card into the conversation as soon as the message is diagnosed, then
   * (when the hub's health had not answered at once) the same card completed in place.
   */
  private async postDiagnosis(diagnosed: PasteDiagnosis, poster: CardPoster, locale: Locale, claim: PostTarget | null, log: Logger, context: ProposalContext): Promise<void> {
    const started = performance.now();
    try {
      const reply = await replyToDiagnosis(diagnosed, locale, this.deps, context);
      const outcome = await poster.post(reply.card);
      if (outcome.ok) {
        log.info({ ...reply.log, locale, postedActivityId: outcome.activityId, durationMs: elapsed(started) }, 'diagnosis posted');
        // Completed in place once the hub's health answers; a failover proposal on the card records where it
        // was posted, so its updates replace that message.
        const completed = await completeReply(reply, outcome.activityId, (id, card) => poster.update(id, card), log);
        if (reply.complete) log.info({ ...completed, postedActivityId: outcome.activityId, durationMs: elapsed(started) }, 'diagnosis completed in place');
        return;
      }
      if (claim !== null) await this.claims.release(claim);
      log.warn(
        { ...reply.log, notInConversation: outcome.notInConversation, ...connectorErrorFields(outcome.error), durationMs: elapsed(started) },
        'diagnosis could not be posted',
      );
    } catch (error) {
      if (claim !== null) await this.claims.release(claim);
      log.error({ ...errorFields(error, { withMessage: false }), durationMs: elapsed(started) }, 'diagnosis could not be posted');
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private previewDialog(turn: TurnContext, diagnosed: PasteDiagnosis, locale: Locale): Dialog {
    const card = renderDiagnosePreviewCard({ diagnosis: diagnosed.diagnosis, locale, demo: this.deps.demo, place: placeOf(conversationOf(turn)) });
    return dialog(uiStrings(locale).messageAction.dialogTitle, card);
  }

  private unreadDialog(notRead: NotRead, locale: Locale): Dialog {
    return dialog(uiStrings(locale).messageAction.dialogTitle, unreadPasteCard(notRead, locale, this.deps.demo));
  }

  /** Over the user's rate limit: a dialog that says so (and no work done); null when the invoke may go on. */
  private rateLimited(turn: TurnContext, log: Logger): Dialog | null {
    const admission = this.deps.rateLimit?.admitAction(turn, log);
    if (admission === undefined || admission.allowed) return null;
    const locale = selectLocale(turn.activity.locale);
    const notice = plural(locale, admission.retryAfterSeconds, uiStrings(locale).rateLimit.dialog);
    return dialog(uiStrings(locale).messageAction.dialogTitle, renderDialogNoticeCard(notice), 'small');
  }

  private addBotDialog(turn: TurnContext, locale: Locale): Dialog {
    return dialog(uiStrings(locale).messageAction.dialogTitle, renderAddBotCard(locale, placeOf(conversationOf(turn))));
  }

  private errorDialog(locale: Locale): Dialog {
    return dialog(uiStrings(locale).messageAction.dialogTitle, renderErrorCard(locale), 'small');
  }

  private turnLog(turn: TurnContext, invoke: string): Logger {
    const activity = turn.activity;
    return this.log.child({
      activityId: activity.id ?? null,
      conversationId: activity.conversation?.id ?? null,
      conversationType: activity.conversation?.conversationType ?? null,
      invoke,
    });
  }
}
