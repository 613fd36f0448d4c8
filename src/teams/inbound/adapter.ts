// botbuilder's CloudAdapter behind the small MessagesEndpoint port of src/http. We call processActivity
// ourselves instead of CloudAdapter.process: that one prints errors with console.error and answers with
// their messages; here every outcome is a status code and nothing internal leaves the process.
//
// Authentication is its own step: whatever makes it fail (no token, a malformed or expired one, a bad
// signature, another audience, signing keys that cannot be downloaded) is a 401 and one log line with the
// reason, never a 500 with a stack. Obviously invalid tokens are turned away before botbuilder sees them
// (token-precheck.ts).
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotIdentityConfig } from '../../config.ts';
import type { MessagesEndpoint } from '../../http/server.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { activityShapeProblem } from './activity-shape.ts';
import { withoutConsole } from './quiet-console.ts';
import { tokenProblem } from './token-precheck.ts';
import type { TokenProblem } from './token-precheck.ts';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/** botframework-connector's AuthenticateRequestResult (botbuilder does not re-export the type). */
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

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

/** Why botbuilder refused a token, from what it threw (its messages may quote the token's claims: not logged). */
export type RejectionReason = TokenProblem | 'expired' | 'not-yet-valid' | 'invalid-token' | 'unknown-signing-key' | 'signing-keys-unavailable' | 'rejected';

export function rejectionReason(error: unknown): RejectionReason {
  if (!(error instanceof Error)) return 'rejected';
  if (error.name === 'TokenExpiredError' || error.message === 'The token has expired') return 'expired';
  if (error.name === 'NotBeforeError') return 'not-yet-valid';
  if (error.name === 'JsonWebTokenError') return 'invalid-token';
  if (error.message === 'Signing Key could not be retrieved.') return 'unknown-signing-key';
  // node-fetch's network errors, or botbuilder's "Failed to load openID config / Keys" (status 500).
  if (error.name === 'FetchError' || /^Failed to load (openID config|Keys)/.test(error.message)) return 'signing-keys-unavailable';
  return 'rejected';
}

/**
 * `endpoints`: botbuilder settings naming the identity endpoints (ToBotFromChannelOpenIdMetadataUrl…); only
 * tests set them, to verify tokens against a local OpenID endpoint instead of login.botframework.com.
 */
export function createBotFrameworkAuthentication(bot: BotIdentityConfig, endpoints: Readonly<Record<string, string>> = {}): ConfigurationBotFrameworkAuthentication {
  const settings: Record<string, string> = { ...endpoints, MicrosoftAppType: bot.appType };
  if (bot.appId !== '') settings.MicrosoftAppId = bot.appId;
  if (bot.appPassword !== '') settings.MicrosoftAppPassword = bot.appPassword;
  if (bot.appTenantId !== '') settings.MicrosoftAppTenantId = bot.appTenantId;
  return new ConfigurationBotFrameworkAuthentication(settings);
}

export class TeamsAdapter extends CloudAdapter {
  readonly appId: string;
  private readonly authEnabled: boolean;
  private readonly log: Logger;

  constructor(options: { bot: BotIdentityConfig; logger: Logger; onTurnFailed: TurnFailureHandler; authEndpoints?: Readonly<Record<string, string>> }) {
    super(createBotFrameworkAuthentication(options.bot, options.authEndpoints));
    this.appId = options.bot.appId;
    this.authEnabled = options.bot.authEnabled;
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
    const wire = fixTimestamps(input.activity, activity);
    const authenticated = await this.authenticate(wire, input.authorization);
    if (authenticated === null) return { status: 401 };
    const response = await this.processActivity(authenticated, wire, logic);
    return { status: response?.status ?? 200, ...(response?.body === undefined ? {} : { body: response.body }) };
  }

  /** The caller's identity, or null (logged once, with the reason) when the request is not authenticated. */
  private async authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult | null> {
    const refused = (reason: RejectionReason): null => {
      const fields = { reason, activityId: typeof activity.id === 'string' ? activity.id.slice(0, 200) : null, hasAuthorization: authorization !== '' };
      // Keys that cannot be downloaded refuse every caller, genuine ones included: that is the operator's problem.
      if (reason === 'signing-keys-unavailable') this.log.error(fields, 'activity refused: Bot Framework signing keys could not be downloaded');
      else this.log.warn(fields, 'activity refused: authentication failed');
      return null;
    };
    if (this.authEnabled) {
      const problem = tokenProblem(authorization, this.appId, Date.now());
      if (problem !== null) return refused(problem);
    }
    try {
      return await withoutConsole(() => this.botFrameworkAuthentication.authenticateRequest(activity, authorization));
    } catch (error) {
      return refused(rejectionReason(error));
    }
  }

  /** The port src/http uses. */
  endpoint(logic: TurnLogic): MessagesEndpoint {
    return { process: (input) => this.processInbound(input, logic) };
  }
}
