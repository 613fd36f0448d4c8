// The Teams bot: thin routing from botbuilder's activity types to our handlers.
import { TeamsActivityHandler } from 'botbuilder';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, InvokeResponse, MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import { selectLocale } from '../core/locale.ts';
import type { Logger } from '../log.ts';
import { renderErrorCard, renderHelpCard } from './cards/index.ts';
import { DiagnoseMessageAction } from './message-action/diagnose-action.ts';
import type { DiagnoseActionPorts } from './message-action/diagnose-action.ts';
import type { StateStore } from '../core/store.ts';
import { MessageHandler, sendCard } from './messages/message-handler.ts';
import type { MessageHandlerDeps } from './messages/message-handler.ts';
import type { ReplyDeps } from './messages/replies.ts';
import { uiStrings } from '../i18n/index.ts';
import { messageInvokeResponse } from './cards/invoke.ts';
import type { CardActionHandler } from './cards/invoke.ts';
import { errorFields } from '../log.ts';
import type { ConversationLifecycle } from './alerts/index.ts';

export interface OnCallBotDeps extends MessageHandlerDeps, ReplyDeps {
  cardActions?: Readonly<Record<string, CardActionHandler>>;
  /** Answers a verb missing from cardActions (default: a short message saying the action is not available). */
  unknownCardAction?: CardActionHandler;
  /** Old clients send a card's Action.Submit fallback as a message: true when it was one and was handled. */
  cardSubmit?: (turn: TurnContext) => Promise<boolean>;
  /** Connector edges of the Diagnose message action (unit tests replace them). */
  diagnoseActionPorts?: Partial<DiagnoseActionPorts>;
  /** The state store, so the Diagnose message action posts once per message across bot instances. */
  postClaimStore?: StateStore;
  /** Told when the bot leaves a conversation (alert subscriptions there are dropped). */
  conversationLifecycle?: ConversationLifecycle;
}

export class OnCallBot extends TeamsActivityHandler {
  private readonly messages: MessageHandler;
  private readonly cardActions: Readonly<Record<string, CardActionHandler>>;
  private readonly unknownCardAction: CardActionHandler | undefined;
  private readonly log: Logger;
  private readonly demo: boolean;
  /** The "Diagnose" message action (composeExtension/fetchTask and submitAction). */
  readonly diagnoseAction: DiagnoseMessageAction;

  constructor(deps: OnCallBotDeps) {
    super();
    this.messages = new MessageHandler(deps);
    this.diagnoseAction = new DiagnoseMessageAction({ ...deps, ports: deps.diagnoseActionPorts });
    this.cardActions = deps.cardActions ?? {};
    this.unknownCardAction = deps.unknownCardAction;
    const cardSubmit = deps.cardSubmit;
    this.log = deps.logger;
    this.demo = deps.demo;

    this.onMessage(async (turn, next) => {
      if (!(cardSubmit && (await cardSubmit(turn)))) await this.messages.handle(turn);
      await next();
    });

    const lifecycle = deps.conversationLifecycle;
    if (lifecycle) {
      this.onInstallationUpdateRemove(async (turn, next) => {
        await lifecycle.botRemoved(turn);
        await next();
      });
      this.onMembersRemoved(async (turn, next) => {
        const botId = turn.activity.recipient?.id;
        if ((turn.activity.membersRemoved ?? []).some((member) => member.id === botId)) await lifecycle.botRemoved(turn);
        await next();
      });
      this.onTeamsChannelDeletedEvent(async (channel, _team, _turn, next) => {
        if (typeof channel.id === 'string') await lifecycle.channelDeleted(channel.id);
        await next();
      });
      this.onTeamsTeamDeletedEvent(async (team, _turn, next) => {
        if (typeof team.id === 'string') await lifecycle.teamDeleted(team.id);
        await next();
      });
    }

    this.onMembersAdded(async (turn, next) => {
      // Installed in a personal chat: introduce ourselves once. (Not in channels: no unsolicited posts there.)
      const botId = turn.activity.recipient?.id;
      const botAdded = (turn.activity.membersAdded ?? []).some((member) => member.id === botId);
      if (botAdded && turn.activity.conversation?.conversationType === 'personal') {
        await sendCard(turn, renderHelpCard(selectLocale(turn.activity.locale), this.demo));
      }
      await next();
    });
  }

  /**
   * botbuilder answers an adaptiveCard/action without a value or an Action.Execute with HTTP 400 (or throws on
   * a value without an action): such an invoke gets the unknown-action answer instead, with HTTP 200.
   */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    if (turn.activity.name === 'adaptiveCard/action' && !isExecuteActionValue(turn.activity.value)) {
      this.log.info({ activityId: turn.activity.id ?? null, conversationId: turn.activity.conversation?.id ?? null }, 'card action without an Action.Execute');
      const action: AdaptiveCardInvokeValue['action'] = { type: 'Action.Execute', id: '', verb: '', data: {} };
      const body = this.unknownCardAction
        ? await this.unknownCardAction(turn, action)
        : messageInvokeResponse(uiStrings(selectLocale(turn.activity.locale)).cardAction.notAvailable);
      return { status: 200, body };
    }
    return super.onInvokeActivity(turn);
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action.verb;
    const handler = Object.hasOwn(this.cardActions, verb) ? this.cardActions[verb] : undefined;
    this.log.info({ activityId: turn.activity.id ?? null, conversationId: turn.activity.conversation?.id ?? null, verb: handler ? verb : '(unknown)' }, 'card action');
    if (!handler) {
      if (this.unknownCardAction) return this.unknownCardAction(turn, invokeValue.action);
      return messageInvokeResponse(uiStrings(selectLocale(turn.activity.locale)).cardAction.notAvailable);
    }
    return handler(turn, invokeValue.action);
  }

  protected override async handleTeamsMessagingExtensionFetchTask(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.diagnoseAction.fetchTask(turn, action);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.diagnoseAction.submitAction(turn, action);
  }
}

function isExecuteActionValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const action: unknown = (value as { action?: unknown }).action;
  return typeof action === 'object' && action !== null && (action as { type?: unknown }).type === 'Action.Execute';
}

/** adapter.onTurnError: log without message text (it may quote the paste), then tell the user. */
export function createTurnFailureHandler(logger: Logger): (turn: TurnContext, error: unknown) => Promise<void> {
  const log = logger.child({ component: 'turn' });
  return async (turn, error) => {
    const activity = turn.activity;
    log.error(
      { activityId: activity.id ?? null, conversationId: activity.conversation?.id ?? null, activityType: activity.type, ...errorFields(error, { withMessage: false }) },
      'turn failed',
    );
    const locale = selectLocale(activity.locale);
    if (activity.type === 'message') {
      await sendCard(turn, renderErrorCard(locale));
    } else if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      await turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body: messageInvokeResponse(uiStrings(locale).cardAction.failed) } });
    }
  };
}
