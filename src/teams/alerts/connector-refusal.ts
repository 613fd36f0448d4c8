// What a connector's 403 or 404 says about an alert card's conversation. The conversation itself is gone
// (the bot removed or blocked, the conversation deleted): its subscription is dropped. Only the card's
// message is gone (someone deleted it): that card is forgotten, the subscription stays, and the next alert
// of the incident posts a new card. Codes: the Teams status-code table (teams-bot.md, "Status code
// responses"), the connector's ActivityNotFoundInConversation for an unknown activity
// (alerts-and-proactive.md §4).

export type ConnectorRefusal = 'conversation-gone' | 'message-gone';

/** The codes that name the conversation, or the bot's place in it, as the thing missing. */
const CONVERSATION_GONE_CODES: ReadonlySet<string> = new Set(['ConversationNotFound', 'BotNotInConversationRoster', 'MessageWritesBlocked', 'ConversationBlockedByUser']);

/** The connector's error code (`err.code`, from the body's error.code), if any. */
function codeOf(error: unknown): string | null {
  const code: unknown = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  return typeof code === 'string' ? code : null;
}

/**
 * Reads a connector error of a post (a new thread or message) or of an update of a card; null when it is
 * neither a 403 nor a 404 (then it is retried, not given up).
 */
export function connectorRefusal(status: number | null, error: unknown, call: 'post' | 'update'): ConnectorRefusal | null {
  if (status !== 403 && status !== 404) return null;
  const code = codeOf(error);
  if (code !== null && CONVERSATION_GONE_CODES.has(code)) return 'conversation-gone';
  // A post has no message of its own to miss: whatever it is refused for, it is the conversation.
  if (call === 'post') return 'conversation-gone';
  return 'message-gone';
}
