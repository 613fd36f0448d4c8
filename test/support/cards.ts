// Reading the cards a bot sent: the Adaptive Card of a recorded connector request, and its visible text.
import type { RecordedRequest } from './fake-connector.ts';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Cards attached to an activity the bot sent. */
export function cardsOf(request: RecordedRequest): Record<string, unknown>[] {
  const attachments = request.body?.attachments;
  if (!Array.isArray(attachments)) return [];
  return attachments
    .filter((attachment): attachment is { contentType: string; content: Record<string, unknown> } => {
      return typeof attachment === 'object' && attachment !== null && attachment.contentType === ADAPTIVE_CARD && typeof attachment.content === 'object';
    })
    .map((attachment) => attachment.content);
}

/** Every string of a card, joined by newlines, with markdown escapes (\-, \.) undone, for assertions. */
export function cardText(card: unknown): string {
  const strings: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(card);
  return strings.join('\n').replace(/\\([\\`*_[\]()#+\-.!<>|~{}])/g, '$1');
}

/** The single card of a reply, or a failure naming what arrived instead. */
export function onlyCard(request: RecordedRequest): Record<string, unknown> {
  const cards = cardsOf(request);
  if (cards.length !== 1 || !cards[0]) throw new Error(`expected one Adaptive Card, got ${cards.length}: ${request.bodyText.slice(0, 500)}`);
  return cards[0];
}
