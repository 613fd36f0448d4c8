// The failover card actions (adaptiveCard/action invokes): verb → FailoverService.act → the card for the
// person who clicked, answered at once. Everyone else's copy is updated by the notifier when the workflow
// commits a transition; an approval starts the failover in the background (the service does that).
//
// Only `requestId` is read from the action's data, plus the text the user typed (justification, reason).
// Every refusal is a card with a clear message, body statusCode 200 (botbuilder turns it into the HTTP
// status): an unknown or malformed id, another conversation's request, a proposal deleted after its grace
// (see src/failover/service.ts), a wrong verb, a store that cannot be written.
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { Locale } from '../../core/locale.ts';
import { CARD_VERBS, failbackAllowedAt, isRequestId } from '../../failover/index.ts';
import type { Actor, CardVerb, FailoverNotifier, FailoverRequest, FailoverService, RefusalReason } from '../../failover/index.ts';
import type { StateStore } from '../../core/store.ts';
import { fill, uiStrings } from '../../i18n/index.ts';
import { selectLocale } from '../../core/locale.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { cardInvokeResponse, messageInvokeResponse } from '../cards/invoke.ts';
import type { CardActionHandler } from '../cards/invoke.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { renderFailoverNoticeCard } from './card/render.ts';
import { ineligibleReasonsText } from './card/view.ts';
import type { Notice } from './card/view.ts';
import { formatTime } from '../cards/time.ts';
import type { CardRefusal } from '../../i18n/ui/failover-en.ts';
import { actorOf } from '../inbound/actor.ts';
import type { ApproverDirectory } from './approvers.ts';
import { readCardDocument, writeCardDocument } from './card/store.ts';
import type { FailoverCards } from './card/cards.ts';

export interface FailoverActionsDeps {
  service: FailoverService;
  cards: FailoverCards;
  approvers: ApproverDirectory;
  store: StateStore;
  /** Updates the shared message when a failback is proposed on it (the workflow notifies the rest). */
  notifier: FailoverNotifier;
  logger: Logger;
}

/** What the person who clicked learns: what their action did, or why nothing happened. */
export interface ActionOutcome {
  card: AdaptiveCard;
  notice: Notice | null;
  requestId: string | null;
  outcome: 'ok' | CardRefusal;
}

function isCardVerb(verb: unknown): verb is CardVerb {
  return typeof verb === 'string' && (CARD_VERBS as readonly string[]).includes(verb);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SUCCESS_NOTICES: Partial<Record<CardVerb, keyof ReturnType<typeof uiStrings>['failover']['notices']>> = {
  'failover.request': 'requested',
  'failover.approve': 'approved',
  'failover.reject': 'rejected',
  'failover.cancel': 'cancelled',
};

export function refusalText(locale: Locale, refusal: CardRefusal, values: { reasons?: readonly string[]; at?: string } = {}): string {
  const t = uiStrings(locale).failover;
  return fill(t.refusals[refusal], {
    reasons: ineligibleReasonsText(values.reasons ?? [], locale),
    at: values.at === undefined ? '' : formatTime(locale, values.at),
  });
}

/** The hub can no longer fail over: the reasons, from the current eligibility. */
async function ineligibleReasons(service: FailoverService, record: FailoverRequest): Promise<string[]> {
  try {
    const eligibility = await service.eligibility(record.hubSnapshot, record.kind);
    return eligibility.possible ? [] : eligibility.reasons;
  } catch {
    return [];
  }
}

export class FailoverActions {
  private readonly deps: FailoverActionsDeps;
  private readonly log: Logger;

  constructor(deps: FailoverActionsDeps) {
    this.deps = deps;
    this.log = deps.logger.child({ component: 'failover-actions' });
  }

  /** The verb → handler map the bot routes adaptiveCard/action invokes with. */
  handlers(): Record<CardVerb, CardActionHandler> {
    const handler: CardActionHandler = (turn, action) => this.invoke(turn, action);
    return Object.fromEntries(CARD_VERBS.map((verb) => [verb, handler])) as Record<CardVerb, CardActionHandler>;
  }

  /** A verb the bot does not know: a refusal card, never an error. */
  unknownAction(): CardActionHandler {
    return async (turn) => cardInvokeResponse(this.notice(selectLocale(turn.activity.locale), 'unknown-action'));
  }

  async invoke(turn: TurnContext, action: AdaptiveCardInvokeValue['action']): Promise<AdaptiveCardInvokeResponse> {
    const value: unknown = turn.activity.value;
    const trigger = isRecord(value) && value['trigger'] === 'automatic' ? 'automatic' : 'manual';
    const outcome = await this.perform(turn, action.verb, action.data, trigger);
    // Teams refreshes a card by itself when someone views it, long after the proposal on it was deleted:
    // a card in the answer would replace the whole diagnosis for that viewer, a message leaves it as posted.
    if (trigger === 'automatic' && outcome.outcome === 'not-found') return messageInvokeResponse(refusalText(selectLocale(turn.activity.locale), 'not-found'));
    return cardInvokeResponse(outcome.card);
  }

  /**
   * The Action.Submit fallback of old clients: a message whose value carries { verb, requestId, inputs }.
   * Answered with a text (the invoke card is not available there); the shared card follows through the
   * notifier. Returns false when the message is not such a submit.
   */
  async submit(turn: TurnContext): Promise<boolean> {
    const value: unknown = turn.activity.value;
    if (turn.activity.type !== 'message' || !isRecord(value) || !isCardVerb(value['verb']) || typeof value['requestId'] !== 'string') return false;
    const outcome = await this.perform(turn, value['verb'], value, 'manual');
    const locale = selectLocale(turn.activity.locale);
    const message = outcome.notice?.text ?? uiStrings(locale).failover.refusals['not-found'];
    await turn.sendActivity({ type: 'message', text: message, textFormat: 'plain' });
    return true;
  }

  async perform(turn: TurnContext, verb: string, data: unknown, trigger: 'manual' | 'automatic'): Promise<ActionOutcome> {
    const started = performance.now();
    const activity = turn.activity;
    const locale = selectLocale(activity.locale);
    const payload = isRecord(data) ? data : {};
    const requestId = typeof payload['requestId'] === 'string' ? payload['requestId'] : '';
    const actor = actorOf(activity.from);
    const conversationId = activity.conversation?.id ?? '';
    const log = this.log.child({ activityId: activity.id ?? null, conversationId, verb: isCardVerb(verb) ? verb : '(unknown)', trigger });
    const done = (result: ActionOutcome): ActionOutcome => {
      log.info({ requestId: result.requestId, outcome: result.outcome, durationMs: Math.round(performance.now() - started) }, 'failover card action');
      return result;
    };
    if (!isCardVerb(verb)) return done(this.refused(locale, 'unknown-action', null));
    if (!isRequestId(requestId) || actor === null || conversationId === '') return done(this.refused(locale, 'not-found', null));
    await this.deps.approvers.learn(actor);

    let result;
    try {
      result = await this.deps.service.act({
        verb,
        requestId,
        actor,
        conversationId,
        inputs: { justification: text(payload['justification']), reason: text(payload['reason']) },
      });
    } catch (error) {
      log.error({ requestId, ...errorFields(error) }, 'failover card action: the store failed');
      return done(this.refused(locale, 'store-unavailable', requestId, 'warning'));
    }
    const record = result.record;
    if (record === null) return done(this.refused(locale, 'not-found', null));
    const recordLocale = record.conversation.locale;

    try {
      if (verb === 'card.refresh') {
        if (trigger === 'manual' && failbackAllowedAt(record) !== null) return done(await this.offerFailback(record, actor, log));
        return done({ card: await this.deps.cards.cardFor(record, actor), notice: null, requestId, outcome: 'ok' });
      }
      let notice: Notice;
      if (result.outcome === 'ok') {
        const key = SUCCESS_NOTICES[verb];
        notice = { text: key ? uiStrings(recordLocale).failover.notices[key] : '', tone: 'good' };
      } else {
        const reasons = result.outcome === 'ineligible' ? await ineligibleReasons(this.deps.service, record) : [];
        notice = { text: refusalText(recordLocale, result.outcome, { reasons }), tone: 'attention' };
      }
      return done({ card: await this.deps.cards.cardFor(record, actor, notice), notice, requestId, outcome: result.outcome });
    } catch (error) {
      log.error({ requestId, ...errorFields(error) }, 'failover card action: the card could not be built');
      return done(this.refused(locale, 'store-unavailable', requestId, 'warning'));
    }
  }

  /**
   * "Check failback" on a succeeded failover: the service proposes the failback once the one-hour gap has
   * passed (once, whoever clicks first); the failback takes over the same message and card.
   */
  private async offerFailback(clicked: FailoverRequest, actor: Actor, log: Logger): Promise<ActionOutcome> {
    const locale = clicked.conversation.locale;
    const offered = await this.deps.service.offerFailback({ failover: clicked, actor });
    const record = offered.failover;
    const withNotice = async (refusal: CardRefusal, values: { reasons?: readonly string[]; at?: string } = {}): Promise<ActionOutcome> => {
      const notice: Notice = { text: refusalText(locale, refusal, values), tone: 'attention' };
      return { card: await this.deps.cards.cardFor(record, actor, notice), notice, requestId: record.id, outcome: refusal };
    };
    switch (offered.outcome) {
      case 'nothing':
        return { card: await this.deps.cards.cardFor(record, actor), notice: null, requestId: record.id, outcome: 'ok' };
      case 'not-yet':
        return withNotice('failback-not-yet', { at: offered.at });
      case 'unavailable':
        return withNotice('failback-unavailable', { reasons: offered.reasons });
      case 'proposed':
        break;
    }
    const failback = offered.failback;
    const document = await readCardDocument(this.deps.store, record.id);
    await writeCardDocument(this.deps.store, failback.id, { host: document?.host ?? null, smallConversation: document?.smallConversation ?? false });
    log.info({ requestId: record.id, failbackRequestId: failback.id }, 'failback proposed');
    // The shared message shows the outcome and the proposal to everyone (the workflow notifies only on
    // transitions); from the failback's first transition on, its own updates take the message over.
    void this.deps.notifier.requestChanged(record).catch((error: unknown) => log.warn({ requestId: failback.id, ...errorFields(error) }, 'failback proposal: card update failed'));
    return { card: await this.deps.cards.cardFor(record, actor), notice: null, requestId: failback.id, outcome: 'ok' };
  }

  private notice(locale: Locale, refusal: CardRefusal, tone: 'attention' | 'warning' = 'attention'): AdaptiveCard {
    return renderFailoverNoticeCard(locale, refusalText(locale, refusal), tone);
  }

  private refused(locale: Locale, refusal: CardRefusal, requestId: string | null, tone: 'attention' | 'warning' = 'attention'): ActionOutcome {
    return { card: this.notice(locale, refusal, tone), notice: { text: refusalText(locale, refusal), tone }, requestId, outcome: refusal };
  }
}

export type { RefusalReason };
