// Shows a card in the playground as if the bot had sent it: POSTed to the playground's mock Bot Connector
// (the serviceUrl the bot replies to), into a conversation the page has open. What the page then renders is
// exactly what it renders for the bot's own messages: the same client, host config and card width.
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import type { Stack } from './stack.ts';

export async function postCardAsBot(stack: Stack, conversationId: string, card: AdaptiveCard): Promise<string> {
  const url = `${stack.playground.connectorUrl}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      from: stack.world.bot,
      conversation: { id: conversationId },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await response.text();
  if (!response.ok) throw new Error(`the playground refused the card: HTTP ${response.status} ${answer.slice(0, 300)}`);
  const id: unknown = (JSON.parse(answer) as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error(`the playground did not give the posted card an id: ${answer.slice(0, 300)}`);
  return id;
}
