// botbuilder's CloudAdapter behind the small MessagesEndpoint port of src/http. We call processActivity
// ourselves instead of CloudAdapter.process: that one prints errors with console.error and answers with
// their messages; here every outcome is a status code and nothing internal leaves the process.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotIdentityConfig } from '../config.ts';
import type { MessagesEndpoint } from '../http/server.ts';
import type { Logger } from '../log.ts';
import { errorFields } from '../log.ts';
import { activityShapeProblem } from './activity-shape.ts';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/** Called when a turn throws: log and tell the user; must not throw itself. */
export type TurnFailureHandler = (context: TurnContext, error: unknown) => Promise<void>;

type WireActivity = Activity & { rawTimestamp?: string; rawLocalTimestamp?: string; rawExpiration?: string };

function isActivity(value: Record<string, unknown>): value is Record<string, unknown> & WireActivity {
  return typeof value.type === 'string' && value.type !== '';
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Dates arrive as strings on the wire; botbuilder expects Date objects (and keeps the raw text), as CloudAdapter.process does. */
function fixTimestamps(wire: Readonly<Record<string, unknown>>, activity: WireActivity): Activity {
  if (typeof wire.timestamp === 'string') {
    activity.rawTimestamp = wire.timestamp;
    activity.timestamp = new Date(wire.timestamp);
  }
  if (typeof wire.localTimestamp === 'string') {
    activity.rawLocalTimestamp = wire.localTimestamp;
    activity.localTimestamp = new Date(wire.localTimestamp);
  }
  if (typeof wire.expiration === 'string') {
    activity.rawExpiration = wire.expiration;
    activity.expiration = new Date(wire.expiration);
  }
  return activity;
}

function statusOf(error: unknown): number | null {
  if (error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return null;
}

export function createBotFrameworkAuthentication(bot: BotIdentityConfig): ConfigurationBotFrameworkAuthentication {
  const settings: Record<string, string> = { MicrosoftAppType: bot.appType };
  if (bot.appId !== '') settings.MicrosoftAppId = bot.appId;
  if (bot.appPassword !== '') settings.MicrosoftAppPassword = bot.appPassword;
  if (bot.appTenantId !== '') settings.MicrosoftAppTenantId = bot.appTenantId;
  return new ConfigurationBotFrameworkAuthentication(settings);
}

export class TeamsAdapter extends CloudAdapter {
  readonly appId: string;
  private readonly log: Logger;

  constructor(options: { bot: BotIdentityConfig; logger: Logger; onTurnFailed: TurnFailureHandler }) {
    super(createBotFrameworkAuthentication(options.bot));
    this.appId = options.bot.appId;
    this.log = options.logger.child({ component: 'adapter' });
    const onTurnFailed = options.onTurnFailed;
    const log = this.log;
    this.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
      try {
        await onTurnFailed(context, error);
      } catch (failure) {
        log.error({ activityId: context.activity.id, ...errorFields(failure, { withMessage: false }) }, 'turn error handler failed');
      }
    };
  }

  /** Authenticates and runs one inbound activity. Auth failures → 401, bad activities → 400; turn errors never escape. */
  async processInbound(input: { activity: Record<string, unknown>; authorization: string }, logic: TurnLogic): Promise<{ status: number; body?: unknown }> {
    const { activity } = input;
    if (!isActivity(activity)) return { status: 400, body: { error: { code: 'InvalidActivity', message: 'The activity has no type.' } } };
    if (!isHttpUrl(activity.serviceUrl)) {
      return { status: 400, body: { error: { code: 'InvalidActivity', message: 'The activity has no valid serviceUrl.' } } };
    }
    const conversation: unknown = input.activity.conversation;
    if (conversation === null || typeof conversation !== 'object' || typeof (conversation as { id?: unknown }).id !== 'string') {
      return { status: 400, body: { error: { code: 'InvalidActivity', message: 'The activity has no conversation id.' } } };
    }
    const shapeProblem = activityShapeProblem(input.activity);
    if (shapeProblem !== null) return { status: 400, body: { error: { code: 'InvalidActivity', message: shapeProblem } } };
    try {
      const response = await this.processActivity(input.authorization, fixTimestamps(input.activity, activity), logic);
      return { status: response?.status ?? 200, ...(response?.body === undefined ? {} : { body: response.body }) };
    } catch (error) {
      const status = statusOf(error);
      if (status === 401 || status === 403) return { status };
      throw error;
    }
  }

  /** The port src/http uses. */
  endpoint(logic: TurnLogic): MessagesEndpoint {
    return { process: (input) => this.processInbound(input, logic) };
  }
}
