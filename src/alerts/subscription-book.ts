// The subscriptions, kept durably in one small document of the state store (compare-and-set on every
// change, so two bot instances never lose each other's subscriptions).
import type { StateStore } from '../core/store.ts';
import { updateDocument } from '../core/store.ts';
import { subscribe, unsubscribe } from './subscriptions.ts';
import type { SubscribeOutcome, SubscribedHub, Subscription, SubscriptionsDocument, UnsubscribeOutcome } from './subscriptions.ts';

export const SUBSCRIPTIONS_KEY = 'alerts/subscriptions';

export interface SubscriptionBook {
  list(): Promise<Subscription[]>;
  get(key: string): Promise<Subscription | null>;
  subscribe(draft: Omit<Subscription, 'hubs'>, hub: SubscribedHub | null): Promise<SubscribeOutcome>;
  unsubscribe(key: string, hubId: string | null): Promise<UnsubscribeOutcome>;
  /** The bot left the conversation, or the connector refuses it: its subscription goes. True when there was one. */
  drop(key: string): Promise<boolean>;
  /** The bot left the team: every channel of it goes. The keys dropped. */
  dropTeam(teamId: string): Promise<string[]>;
}

const EMPTY: SubscriptionsDocument = { conversations: {} };

export function createSubscriptionBook(store: StateStore): SubscriptionBook {
  const read = async (): Promise<SubscriptionsDocument> => (await store.get<SubscriptionsDocument>(SUBSCRIPTIONS_KEY))?.value ?? EMPTY;
  const change = async (edit: (document: SubscriptionsDocument) => SubscriptionsDocument | undefined): Promise<void> => {
    await updateDocument<SubscriptionsDocument>(store, SUBSCRIPTIONS_KEY, (current) => edit(current ?? EMPTY));
  };
  const without = (document: SubscriptionsDocument, keys: readonly string[]): SubscriptionsDocument => ({
    conversations: Object.fromEntries(Object.entries(document.conversations).filter(([key]) => !keys.includes(key))),
  });

  return {
    async list() {
      return Object.values((await read()).conversations);
    },
    async get(key) {
      return (await read()).conversations[key] ?? null;
    },
    async subscribe(draft, hub) {
      let outcome: SubscribeOutcome = { kind: 'already', subscription: { ...draft, hubs: [] } };
      await change((document) => {
        const current = document.conversations[draft.key] ?? null;
        outcome = subscribe(current, draft, hub, Object.keys(document.conversations).length);
        if (outcome.kind === 'too-many') return undefined;
        return { conversations: { ...document.conversations, [draft.key]: outcome.subscription } };
      });
      return outcome;
    },
    async unsubscribe(key, hubId) {
      let outcome: UnsubscribeOutcome = { kind: 'not-subscribed' };
      await change((document) => {
        outcome = unsubscribe(document.conversations[key] ?? null, hubId);
        if (outcome.kind !== 'removed') return undefined;
        const rest = without(document, [key]);
        return outcome.subscription === null ? rest : { conversations: { ...rest.conversations, [key]: outcome.subscription } };
      });
      return outcome;
    },
    async drop(key) {
      let dropped = false;
      await change((document) => {
        dropped = key in document.conversations;
        return dropped ? without(document, [key]) : undefined;
      });
      return dropped;
    },
    async dropTeam(teamId) {
      let keys: string[] = [];
      await change((document) => {
        keys = Object.values(document.conversations)
          .filter((subscription) => subscription.teamId === teamId)
          .map((subscription) => subscription.key);
        return keys.length > 0 ? without(document, keys) : undefined;
      });
      return keys;
    },
  };
}
