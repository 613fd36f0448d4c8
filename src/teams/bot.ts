// The Teams bot: thin routing from botbuilder's activity types to our handlers.
import { TeamsActivityHandler } from 'botbuilder';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import { selectLocale } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import { renderErrorCard, renderHelpCard } from './cards/index.ts';
import { DiagnoseMessageAction } from './message-extension.ts';
import type { DiagnoseActionPorts } from './message-extension.ts';
import { MessageHandler, sendCard } from './message-handler.ts';
import type { MessageHandlerDeps } from './message-handler.ts';
import { botStrings } from './pending-strings.ts';
import { errorFields } from '../log.ts';

/** An Action.Execute verb handler (failover.request, failover.approve, … arrive with the failover work). */
export type CardActionHandler = (turn: TurnContext, action: AdaptiveCardInvokeValue['action']) => Promise<AdaptiveCardInvokeResponse>;

export interface OnCallBotDeps extends MessageHandlerDeps {
  cardActions?: Readonly<Record<string, CardActionHandler>>;
  /** Connector edges of the Diagnose message action (unit tests replace them). */
  diagnoseActionPorts?: Partial<DiagnoseActionPorts>;
}

/** Invoke answers keep HTTP 200 and carry the outcome in the body (botbuilder copies statusCode to HTTP). */
export function messageInvokeResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}

export class OnCallBot extends TeamsActivityHandler {
  private readonly messages: MessageHandler;
  private readonly cardActions: Readonly<Record<string, CardActionHandler>>;
  private readonly log: Logger;
  private readonly demo: boolean;
  /** The "Diagnose" message action (composeExtension/fetchTask and submitAction). */
  readonly diagnoseAction: DiagnoseMessageAction;

  constructor(deps: OnCallBotDeps) {
    super();
    this.messages = new MessageHandler(deps);
    this.diagnoseAction = new DiagnoseMessageAction({ ...deps, ports: deps.diagnoseActionPorts });
    this.cardActions = deps.cardActions ?? {};
    this.log = deps.logger;
    this.demo = deps.demo;

    this.onMessage(async (turn, next) => {
      await this.messages.handle(turn);
      await next();
    });

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

  protected override async onAdaptiveCardInvoke(turn: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action.verb;
    const handler = Object.hasOwn(this.cardActions, verb) ? this.cardActions[verb] : undefined;
    this.log.info({ activityId: turn.activity.id ?? null, conversationId: turn.activity.conversation?.id ?? null, verb: handler ? verb : '(unknown)' }, 'card action');
    if (!handler) return messageInvokeResponse(botStrings(selectLocale(turn.activity.locale)).actionNotAvailable);
    return handler(turn, invokeValue.action);
  }

  protected override async handleTeamsMessagingExtensionFetchTask(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.diagnoseAction.fetchTask(turn, action);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.diagnoseAction.submitAction(turn, action);
  }
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
      await turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body: messageInvokeResponse(botStrings(locale).actionFailed) } });
    }
  };
}
