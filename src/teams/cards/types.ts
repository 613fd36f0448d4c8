// Inputs and outputs of the card renderers. Cards are plain JSON objects; the bot wraps them in an
// attachment (contentType application/vnd.microsoft.card.adaptive).
import type { Hub, HubHealthResult, HubQuery } from '../../diagnosis/hub.ts';

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  [k: string]: unknown;
};

/**
 * What the card knows about the hub of a paste (or of `health <hub>`).
 * A hub lookup that failed before any hub was found (HubResolution 'failed') is shown as
 * `{ kind: 'health', result: { ok: false, hub: null, reason, detail, retryAfterSeconds } }`.
 */
export type HubCardPart =
  | { kind: 'none' }
  /** The hub lookup and its health have not answered yet: the card is sent now and updated in place once they do. */
  | { kind: 'checking' }
  | { kind: 'unknown'; query: HubQuery; searchedSubscriptions: string[] }
  | { kind: 'ambiguous'; candidates: Hub[] }
  | { kind: 'health'; result: HubHealthResult };

/**
 * An action placed in the card's optional actions slot (an ActionSet, so Action.Execute is honoured by
 * every Teams client). Titles are shown as plain text; the caller provides localised ones.
 */
export type CardAction =
  | { type: 'Action.Execute'; verb: string; title: string; data?: Record<string, unknown>; style?: 'default' | 'positive' | 'destructive'; id?: string }
  | { type: 'Action.Submit'; title: string; data?: Record<string, unknown>; style?: 'default' | 'positive' | 'destructive'; id?: string }
  | { type: 'Action.OpenUrl'; title: string; url: string }
  | { type: 'Action.ShowCard'; title: string; card: AdaptiveCard };
