// What the alert service needs from the edges: a publisher that puts an incident's card into a
// conversation (src/teams/alerts/), and the hubs the bot can see (src/azure/ through the HubDirectory port).
import type { Hub } from '../diagnosis/hub.ts';
import type { Incident } from './incident.ts';
import type { Subscription } from './subscriptions.ts';

/** Where an incident's card is, in one conversation. */
export interface PostedCard {
  /** The conversation the card lives in (a channel's new thread: "<channel>;messageid=<root>"). */
  conversationId: string;
  /** Opaque ConversationReference of that conversation; only src/teams/ reads it. */
  reference: unknown;
  /** The card's message, updated in place; null when the connector did not say (then it is never updated). */
  activityId: string | null;
  /** The failover request offered on the card, if any. */
  requestId: string | null;
}

/** One conversation an incident's card goes to, and the hubs it names there. */
export interface IncidentTarget {
  subscription: Subscription;
  /** The hub of a hub incident; for Service Health, this conversation's hubs in the impacted regions. */
  hubs: Hub[];
}

/** A card just posted; `complete` false when it still needs update() (a failover to offer on it). */
export interface NewCard {
  card: PostedCard;
  complete: boolean;
}

/** Port: the cards of incidents in Teams. */
export interface IncidentPublisher {
  /**
   * Posts the card (a new thread in a channel, a message in a chat), and nothing else: once it returns the
   * card exists, so whatever is left to do on it is an update, never a second post.
   */
  post(incident: Incident, target: IncidentTarget): Promise<NewCard>;
  /** Renders the card again in place, with the incident as it is now and the hub's live health. */
  update(incident: Incident, target: IncidentTarget, posted: PostedCard): Promise<PostedCard>;
}

/** The connector refused the conversation itself (403/404): the bot was removed or blocked, the conversation is gone. */
export class ConversationGoneError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`the conversation cannot be written to (HTTP ${status})`);
    this.name = 'ConversationGoneError';
    this.status = status;
  }
}

/** The connector no longer knows the card's message (deleted): the conversation itself is still there. */
export class CardGoneError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`the card's message is gone (HTTP ${status})`);
    this.name = 'CardGoneError';
    this.status = status;
  }
}

export type AlertLog = (event: string, fields: Record<string, unknown>) => void;

/** Demo mode: the simulator fires a Resource Health alert for one of its hubs, through the same intake as the webhook. */
export interface DemoAlertFirer {
  /** `hubName` null = the hub the simulator has in an outage. */
  fire(hubName: string | null): Promise<{ kind: 'fired'; hubName: string; hubId: string; state: string } | { kind: 'unknown-hub' }>;
}
