// What a card button (Action.Execute, an adaptiveCard/action invoke) is answered with. Invoke answers keep
// HTTP 200 and carry the outcome in the body (botbuilder copies statusCode to the HTTP status).
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './types.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The handler of one Action.Execute verb. */
export type CardActionHandler = (turn: TurnContext, action: AdaptiveCardInvokeValue['action']) => Promise<AdaptiveCardInvokeResponse>;

/** The card that replaces the one clicked, for the person who clicked. */
export function cardInvokeResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

/** A message instead of a card: the clicked card stays as it is. */
export function messageInvokeResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}
