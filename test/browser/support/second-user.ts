// The playground's UI always acts as its currentUser, and its own /_conversation/v1/invoke answers UserNotFound
// for the other configured users. A click by another user is therefore the `adaptiveCard/action` invoke Teams
// would send for that user, POSTed straight to the bot, with the playground's mock connector as serviceUrl:
// the bot's card updates (PUT) then reach the playground and its UI re-renders the card for everyone.
import { randomUUID } from 'node:crypto';
import type { ExecuteAction, Json } from './card-json.ts';
import type { World, WorldUser } from './world.ts';

export interface CardActionTarget {
  /** The conversation the card lives in, as the bot sees it (from the websocket frames). */
  conversationId: string;
  /** The card's message id (the invoke's replyToId). */
  messageId: string;
}

export interface InvokeAsOptions {
  world: World;
  user: WorldUser;
  /** The bot's /api/messages URL. */
  botMessagesUrl: string;
  /** The playground's mock connector (http://127.0.0.1:<port>/_connector). */
  connectorUrl: string;
  target: CardActionTarget;
  action: ExecuteAction;
  /** Input values the user typed (merged into data, as Teams does). */
  inputs?: Json;
  locale?: string;
  /** The channel the card is in, when it is in a team channel. */
  channelId?: string;
}

export interface InvokeResult {
  status: number;
  body: unknown;
}

/** Sends `adaptiveCard/action` as `user` to the bot and returns the invoke response. */
export async function invokeAs(options: InvokeAsOptions): Promise<InvokeResult> {
  const { world, user, target, action } = options;
  const locale = options.locale ?? 'en-US';
  const inChannel = options.channelId !== undefined;
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.connectorUrl,
    timestamp: new Date().toISOString(),
    locale,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: world.bot.id, name: world.bot.name },
    conversation: {
      id: target.conversationId,
      tenantId: world.tenantId,
      conversationType: inChannel ? 'channel' : 'personal',
      ...(inChannel ? { isGroup: true } : {}),
    },
    replyToId: target.messageId,
    entities: [{ type: 'clientInfo', locale, platform: 'Web', timezone: 'UTC' }],
    channelData: {
      tenant: { id: world.tenantId },
      source: { name: 'message' },
      ...(inChannel ? { team: { id: world.team.id }, channel: { id: options.channelId } } : {}),
    },
    value: {
      action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...(options.inputs ?? {}) }, ...(action.title ? { title: action.title } : {}) },
      trigger: 'manual',
    },
  };
  const response = await fetch(options.botMessagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the raw text
  }
  return { status: response.status, body };
}
