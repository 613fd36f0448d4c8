// What the "Diagnose" message action's invokes carry, read defensively (the value is client input): the
// message the action was run on, what the dialog's buttons submitted, and where the diagnosis goes.
// Pure: no botbuilder, no I/O.
import { normalizePaste } from '../../diagnosis/normalize.ts';

/** The manifest's composeExtensions command id (manifest/manifest.template.json). */
export const DIAGNOSE_COMMAND_ID = 'diagnose';

/** `data.iothubOncall` of the preview's "Post diagnosis" button. */
export const POST_DIAGNOSIS_INTENT = 'diagnose.post';

/** The message the action was run on (`value.messagePayload`, a Graph chatMessage). */
export interface SourceMessage {
  /** Teams message id, when given. */
  id: string | null;
  /** In a channel, the root message of the thread when the message is a reply (null for a root post). */
  replyToId: string | null;
  /** The body as plain text: Teams HTML turned into text, entities decoded, mentions removed. */
  text: string;
}

export type SubmitIntent =
  /** The preview's "Post diagnosis" button. */
  | { kind: 'post' }
  /** Teams just installed the bot from the add-the-bot dialog (just-in-time install). */
  | { kind: 'installed' }
  | { kind: 'unknown' };

/** The conversation the invoke came from, as the activity describes it. */
export interface InvokeConversation {
  id: string;
  conversationType?: string | null;
  isGroup?: boolean | null;
}

export type ConversationPlace = 'channel' | 'chat';

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The command id of a message-extension invoke value. */
export function commandIdOf(value: unknown): string | null {
  return nonEmptyString(asRecord(value)?.commandId);
}

/**
 * The message of `value.messagePayload`, or null when the invoke carries none (not run on a message).
 * A message without a text body (an image, a card) gives an empty text.
 */
export function sourceMessageOf(value: unknown): SourceMessage | null {
  const payload = asRecord(asRecord(value)?.messagePayload);
  if (!payload) return null;
  const body = asRecord(payload.body);
  const content = typeof body?.content === 'string' ? body.content : '';
  // Teams sends contentType "html"; a "text" body is plain text and must not lose its angle brackets.
  const isText = typeof body?.contentType === 'string' && body.contentType.toLowerCase() === 'text';
  return {
    id: nonEmptyString(payload.id),
    replyToId: nonEmptyString(payload.replyToId),
    text: (isText ? content.replace(/\r\n?/g, '\n') : normalizePaste(content)).trim(),
  };
}

/** What a dialog button submitted (`value.data`). */
export function submitIntentOf(value: unknown): SubmitIntent {
  const data = asRecord(asRecord(value)?.data);
  if (asRecord(data?.msteams)?.justInTimeInstall === true) return { kind: 'installed' };
  if (data?.iothubOncall === POST_DIAGNOSIS_INTENT) return { kind: 'post' };
  return { kind: 'unknown' };
}

export function placeOf(conversation: InvokeConversation): ConversationPlace {
  return conversation.conversationType === 'channel' ? 'channel' : 'chat';
}

const THREAD_MARKER = ';messageid=';

/**
 * The conversation the diagnosis is posted to. In a chat: the chat. In a channel: the thread of the
 * message ("<channel>;messageid=<root>"); Teams usually gives the thread already, otherwise the root is
 * the message's replyToId (a reply) or the message itself (a root post). Without any of these, the channel.
 */
export function postConversationId(conversation: InvokeConversation, source: SourceMessage | null): string {
  if (placeOf(conversation) !== 'channel' || conversation.id.includes(THREAD_MARKER)) return conversation.id;
  const root = source?.replyToId ?? source?.id ?? null;
  return root === null ? conversation.id : `${conversation.id}${THREAD_MARKER}${root}`;
}
