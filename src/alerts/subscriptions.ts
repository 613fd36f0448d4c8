// Which conversations hear which hubs' alerts: the subscriptions, as plain data, and the routing of an
// incident to them. Pure.
import type { Locale } from '../core/locale.ts';
import type { HubTarget } from './target.ts';

/** A hub a conversation subscribed to: its ARM id (lower case) and its name, to show. */
export interface SubscribedHub {
  id: string;
  name: string;
}

export type ConversationKind = 'channel' | 'groupChat' | 'personal';

export interface Subscription {
  /** The conversation: the channel id (not a thread of it), the group chat id or the personal chat id. */
  key: string;
  kind: ConversationKind;
  /** The team of a channel (to drop its subscriptions when the bot leaves the team), else null. */
  teamId: string | null;
  /** Opaque ConversationReference taken from an authenticated activity; only src/teams/ reads it. */
  reference: unknown;
  locale: Locale;
  /** 'all' = every hub the bot can see. */
  hubs: 'all' | SubscribedHub[];
  subscribedAt: string;
}

export interface SubscriptionsDocument {
  conversations: Record<string, Subscription>;
}

/** At most this many hubs named by one conversation (beyond, subscribe to all). */
export const MAX_HUBS_PER_SUBSCRIPTION = 50;
/** At most this many subscribed conversations (one document holds them all). */
export const MAX_SUBSCRIPTIONS = 500;

export type SubscribeOutcome =
  | { kind: 'subscribed'; subscription: Subscription }
  | { kind: 'already'; subscription: Subscription }
  | { kind: 'too-many'; limit: number };

/** Adds a hub (or every hub: null) to a conversation's subscription. Subscribing to all replaces a list. */
export function subscribe(current: Subscription | null, draft: Omit<Subscription, 'hubs'>, hub: SubscribedHub | null, total: number): SubscribeOutcome {
  if (current === null && total >= MAX_SUBSCRIPTIONS) return { kind: 'too-many', limit: MAX_SUBSCRIPTIONS };
  // The reference and locale of the latest authenticated message win: Teams may move a conversation's serviceUrl.
  const base: Subscription = current === null ? { ...draft, hubs: [] } : { ...current, reference: draft.reference, locale: draft.locale, teamId: draft.teamId ?? current.teamId };
  if (hub === null) {
    if (current?.hubs === 'all') return { kind: 'already', subscription: base };
    return { kind: 'subscribed', subscription: { ...base, hubs: 'all' } };
  }
  if (base.hubs === 'all') return { kind: 'already', subscription: base };
  if (base.hubs.some((known) => known.id === hub.id)) return { kind: 'already', subscription: base };
  if (base.hubs.length >= MAX_HUBS_PER_SUBSCRIPTION) return { kind: 'too-many', limit: MAX_HUBS_PER_SUBSCRIPTION };
  return { kind: 'subscribed', subscription: { ...base, hubs: [...base.hubs, hub] } };
}

export type UnsubscribeOutcome =
  | { kind: 'removed'; subscription: Subscription | null }
  | { kind: 'not-subscribed' }
  /** The conversation hears every hub: one hub cannot be taken out of "all". */
  | { kind: 'subscribed-to-all' };

/** Removes one hub (null: the whole subscription). A subscription left with no hub is removed. */
export function unsubscribe(current: Subscription | null, hubId: string | null): UnsubscribeOutcome {
  if (current === null) return { kind: 'not-subscribed' };
  if (hubId === null) return { kind: 'removed', subscription: null };
  if (current.hubs === 'all') return { kind: 'subscribed-to-all' };
  const remaining = current.hubs.filter((hub) => hub.id !== hubId.toLowerCase());
  if (remaining.length === current.hubs.length) return { kind: 'not-subscribed' };
  return { kind: 'removed', subscription: remaining.length === 0 ? null : { ...current, hubs: remaining } };
}

export function coversHub(subscription: Subscription, hubId: string): boolean {
  return subscription.hubs === 'all' || subscription.hubs.some((hub) => hub.id === hubId.toLowerCase());
}

/** The conversations that hear about one hub. */
export function subscribersOfHub(subscriptions: readonly Subscription[], hub: HubTarget): Subscription[] {
  return subscriptions.filter((subscription) => coversHub(subscription, hub.id));
}

/** A region as Azure writes it in two places: "West Europe" (display name) and "westeurope" (short name). */
export function sameRegion(a: string, b: string): boolean {
  const squash = (value: string): string => value.toLowerCase().replace(/[\s_-]+/g, '');
  return squash(a) !== '' && squash(a) === squash(b);
}

/** A hub the bot can see, as routing needs it: its id, name and primary region (display and short names). */
export interface RoutableHub {
  id: string;
  name: string;
  regions: string[];
}

/** For a Service Health incident: each conversation with the subscribed hubs in the impacted regions. */
export function subscribersInRegions(subscriptions: readonly Subscription[], hubs: readonly RoutableHub[], regions: readonly string[]): { subscription: Subscription; hubs: RoutableHub[] }[] {
  const impacted = hubs.filter((hub) => hub.regions.some((region) => regions.some((impactedRegion) => sameRegion(region, impactedRegion))));
  return subscriptions
    .map((subscription) => ({ subscription, hubs: impacted.filter((hub) => coversHub(subscription, hub.id)) }))
    .filter((entry) => entry.hubs.length > 0);
}
