// The alert service: an action group's call is read, kept and answered (202) at once; the work happens
// after the answer. Each delivery is applied to its incident (one per hub, one per Service Health tracking
// id) and the incident's card is brought up to date in every subscribed conversation: posted once, then
// updated in place. Deliveries of one incident are worked through one at a time in this process; across
// processes, every change is a compare-and-set on the store, so two bot instances post a card once.
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { StateStore } from '../core/store.ts';
import { updateDocument } from '../core/store.ts';
import type { Hub, HubDirectory } from '../diagnosis/hub.ts';
import { applySignal, subjectKey } from './incident.ts';
import type { ApplyOutcome, Incident, IncidentSubject } from './incident.ts';
import { DELIVERY_PREFIX, claimDelivery, finishDelivery, isClaimable, listPendingDeliveries, releaseDelivery, renewDelivery, storeDelivery, deliveryDocumentKey } from './inbox.ts';
import { parseAlert } from './parse.ts';
import { CardGoneError, ConversationGoneError } from './ports.ts';
import type { AlertLog, IncidentPublisher, IncidentTarget, NewCard, PostedCard } from './ports.ts';
import type { AlertSignal } from './signal.ts';
import type { SubscriptionBook } from './subscription-book.ts';
import { subscribersInRegions, subscribersOfHub } from './subscriptions.ts';
import type { RoutableHub } from './subscriptions.ts';
import { deliveryKey, relevanceOf, withinSubscriptions } from './target.ts';
import type { Relevance } from './target.ts';

export type PostState =
  | { state: 'posting'; by: string; until: string }
  /** `updatePending`: the card is in the conversation but not yet as `renderedVersion` has it (its offer failed). */
  | { state: 'posted'; card: PostedCard; renderedVersion: number; updatePending?: true }
  /** The conversation is gone (its subscription dropped). */
  | { state: 'gone'; at: string }
  /** The card's message was deleted at incident `version`: the incident's next change posts a new card. */
  | { state: 'card-gone'; at: string; version: number };

/** One incident and where its cards are: one document per hub or tracking id. */
export interface IncidentDocument {
  incident: Incident;
  /** By subscription key. */
  posts: Record<string, PostState>;
}

export type ReceiveResult =
  | { status: 202; outcome: 'accepted' | 'duplicate' | 'ignored' }
  | { status: 400; code: 'NotCommonAlertSchema' | 'MalformedAlert'; detail: string }
  | { status: 503; code: 'StoreUnavailable' };

export interface AlertService {
  /** An action group's body: kept and answered at once; processed after. */
  receive(body: unknown): Promise<ReceiveResult>;
  /** Finds deliveries not processed yet (a crash, a failure) and works them; purges old ones. */
  sweep(): Promise<{ scheduled: number; purged: number }>;
  /** Sweeps now and every `intervalMs`. */
  start(intervalMs: number): void;
  /** Stops sweeping; resolves when the work in flight is done. */
  stop(): Promise<void>;
  /** Resolves when no delivery is being processed. */
  idle(): Promise<void>;
  readonly subscriptions: SubscriptionBook;
}

export interface AlertServiceDeps {
  store: StateStore;
  clock: Clock;
  directory: HubDirectory;
  subscriptions: SubscriptionBook;
  publisher: IncidentPublisher;
  log: AlertLog;
  /** This process among the bot's instances (the runner id). */
  instanceId: string;
  /** How long a delivery or a card post stays claimed by an instance that may have died. */
  leaseMs?: number;
}

const INCIDENT_PREFIX = 'alerts/incident/';
/** Processed deliveries are kept this long, for the dedupe (Azure retries within minutes). */
const RETENTION_MS = 48 * 60 * 60 * 1000;
/** A delivery that could not be processed for this long is given up. */
const GIVE_UP_MS = 24 * 60 * 60 * 1000;
/** Old deliveries and quiet resolved incidents are purged this often (not at every sweep). */
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** A resolved incident not written for this long is forgotten (a new alert opens a new one anyway). */
const INCIDENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const RETRY_DELAYS_MS = [5_000, 15_000, 30_000, 60_000, 300_000];
const MAX_CONVERGE_ROUNDS = 5;

/** Extends this instance's claim on the delivery being processed when it is getting old; throws when it was lost. */
type KeepClaim = () => Promise<void>;

export function incidentDocumentKey(subject: IncidentSubject): string {
  return `${INCIDENT_PREFIX}${createHash('sha256').update(subjectKey(subject), 'utf8').digest('hex')}`;
}

/** The incident an alert belongs to, from the alert alone (deliveries of one incident are processed in turn). */
function chainKey(relevance: Relevance): string {
  if (relevance.kind === 'hub') return `hub|${relevance.hub.id}`;
  if (relevance.kind === 'service-health') return `service-health|${relevance.trackingId}`;
  return 'ignored';
}

function logFields(signal: AlertSignal): Record<string, unknown> {
  return { family: signal.family, alertRule: signal.essentials.alertRule, alertId: signal.essentials.alertId, monitorCondition: signal.essentials.monitorCondition };
}

function routable(hub: Hub): RoutableHub {
  const primary = hub.locations.find((location) => location.role === 'primary')?.location ?? hub.location;
  return { id: hub.id.toLowerCase(), name: hub.name, regions: [primary, hub.location] };
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const { store, clock, directory, subscriptions, publisher, log, instanceId } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  /** Delivery documents queued or being processed in this process: the sweeper leaves them alone. */
  const working = new Set<string>();
  let lastPurgeAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;
  let stopped = false;

  const nowIso = (): string => new Date(clock.now()).toISOString();

  /** Queues the delivery in its incident's chain; false when it is queued or being worked on here already. */
  const schedule = (documentKey: string, chain: string): boolean => {
    if (stopped || working.has(documentKey)) return false;
    working.add(documentKey);
    const previous = chains.get(chain) ?? Promise.resolve();
    const next: Promise<void> = previous.then(() => processDelivery(documentKey));
    chains.set(chain, next);
    inFlight.add(next);
    void next.finally(() => {
      working.delete(documentKey);
      inFlight.delete(next);
      if (chains.get(chain) === next) chains.delete(chain);
    });
    return true;
  };

  /** The conversations of an incident now, each with the hubs its card names. */
  const targetsOf = async (incident: Incident, hubs: readonly Hub[]): Promise<IncidentTarget[]> => {
    const all = await subscriptions.list();
    const subject = incident.subject;
    if (subject.kind === 'hub') return subscribersOfHub(all, subject.hub).map((subscription) => ({ subscription, hubs: [...hubs] }));
    const byId = new Map(hubs.map((hub) => [hub.id.toLowerCase(), hub]));
    return subscribersInRegions(all, hubs.map(routable), subject.regions).map((entry) => ({
      subscription: entry.subscription,
      hubs: entry.hubs.map((hub) => byId.get(hub.id)).filter((hub): hub is Hub => hub !== undefined),
    }));
  };

  const setPost = async (documentKey: string, incidentId: string, key: string, decide: (post: PostState | undefined) => PostState | null | undefined): Promise<PostState | null | undefined> => {
    let result: PostState | null | undefined;
    await updateDocument<IncidentDocument>(store, documentKey, (current) => {
      result = undefined;
      if (current === undefined || current.incident.id !== incidentId) return undefined;
      const next = decide(current.posts[key]);
      result = next;
      if (next === undefined) return undefined;
      const posts = { ...current.posts };
      if (next === null) delete posts[key];
      else posts[key] = next;
      return { ...current, posts };
    });
    return result;
  };

  const goneAway = async (documentKey: string, incident: Incident, key: string, error: ConversationGoneError): Promise<void> => {
    await setPost(documentKey, incident.id, key, () => ({ state: 'gone', at: nowIso() }));
    const dropped = await subscriptions.drop(key);
    log('alert.subscription.dropped', { subscription: key, status: error.status, dropped, incidentId: incident.id });
  };

  /** A new card is due: none yet, a claim to post that lapsed (or is ours), or the last card deleted before the incident's latest change. */
  const newCardDue = (post: PostState | undefined, incident: Incident, now: number): boolean =>
    post === undefined ||
    (post.state === 'posting' && (post.by === instanceId || Date.parse(post.until) <= now)) ||
    (post.state === 'card-gone' && post.version < incident.version);

  /** Brings every card of the incident up to date: posts where none is, updates the ones behind. */
  const converge = async (documentKey: string, hubs: readonly Hub[], keepClaim: KeepClaim): Promise<void> => {
    // Updates whose PUT may have overwritten a newer one of another instance: rendered again next round.
    const overwritten = new Set<string>();
    // Conversations whose connector call failed: tried again with the delivery, later, not in this pass.
    const failed = new Set<string>();
    let failure: unknown = null;
    for (let round = 0; round < MAX_CONVERGE_ROUNDS; round++) {
      const item = await store.get<IncidentDocument>(documentKey);
      if (!item) return;
      const { incident, posts } = item.value;
      let worked = 0;
      for (const target of await targetsOf(incident, hubs)) {
        await keepClaim();
        const key = target.subscription.key;
        if (failed.has(key)) continue;
        const post = posts[key];
        const now = clock.now();
        try {
          if (newCardDue(post, incident, now)) {
            // A card only for an open incident: a conversation that subscribed after it was resolved has nothing to hear.
            if (incident.state !== 'open' && (post === undefined || post.state === 'card-gone')) continue;
            const claimed = await setPost(documentKey, incident.id, key, (current) =>
              newCardDue(current, incident, now) ? { state: 'posting', by: instanceId, until: new Date(now + leaseMs).toISOString() } : undefined,
            );
            if (!claimed) continue;
            worked++;
            let posted: NewCard;
            try {
              posted = await publisher.post(incident, target);
            } catch (error) {
              // Not posted: the next attempt may post (a gone conversation is marked below).
              await setPost(documentKey, incident.id, key, (current) => (current?.state === 'posting' && current.by === instanceId ? null : undefined));
              throw error;
            }
            // Recorded before anything else can fail: from here on, this conversation only gets updates.
            const { card, complete } = posted;
            await setPost(documentKey, incident.id, key, () => ({ state: 'posted', card, renderedVersion: incident.version, ...(complete ? {} : { updatePending: true as const }) }));
            log('alert.card.posted', { incidentId: incident.id, version: incident.version, subscription: key, conversationId: card.conversationId, complete });
          } else if (post?.state === 'posted' && (post.renderedVersion < incident.version || post.updatePending === true || overwritten.has(key))) {
            worked++;
            overwritten.delete(key);
            const card = await publisher.update(incident, target, post.card);
            const recorded = await setPost(documentKey, incident.id, key, (current) => {
              if (current?.state !== 'posted') return undefined;
              if (current.renderedVersion > incident.version) {
                overwritten.add(key);
                return undefined;
              }
              return { state: 'posted', card, renderedVersion: incident.version };
            });
            if (recorded) log('alert.card.updated', { incidentId: incident.id, version: incident.version, subscription: key, state: incident.state });
          }
        } catch (error) {
          if (error instanceof ConversationGoneError) await goneAway(documentKey, incident, key, error);
          else if (error instanceof CardGoneError) {
            await setPost(documentKey, incident.id, key, () => ({ state: 'card-gone', at: nowIso(), version: incident.version }));
            log('alert.card.gone', { incidentId: incident.id, version: incident.version, subscription: key, status: error.status });
          } else {
            failed.add(key);
            failure ??= error;
          }
        }
      }
      if (worked === 0 && overwritten.size === 0) break;
    }
    if (failure !== null) throw failure;
  };

  /** Applies one delivery to its incident and brings the cards up to date; returns what became of it. */
  const handle = async (key: string, signal: AlertSignal, keepClaim: KeepClaim): Promise<string> => {
    const relevance = relevanceOf(signal);
    let subject: IncidentSubject;
    let hubs: Hub[];
    if (relevance.kind === 'ignored') return `ignored:${relevance.why}`;
    if (relevance.kind === 'hub') {
      const resolution = await directory.resolve({ kind: 'resourceId', value: relevance.hub.id });
      if (resolution.kind === 'failed') throw new Error(`the hub could not be looked up (${resolution.reason})`);
      if (resolution.kind !== 'found') {
        log('alert.unknown-hub', { ...logFields(signal), hub: relevance.hub.name, subscriptionId: relevance.hub.subscriptionId });
        return 'unknown-hub';
      }
      subject = { kind: 'hub', hub: relevance.hub };
      hubs = [resolution.hub];
    } else {
      subject = { kind: 'service-health', trackingId: relevance.trackingId, regions: relevance.regions };
      hubs = await directory.list();
    }
    const documentKey = incidentDocumentKey(subject);
    let outcome: ApplyOutcome = { kind: 'duplicate' };
    await updateDocument<IncidentDocument>(store, documentKey, (current) => {
      outcome = applySignal(current?.incident ?? null, { subject, signal, key, now: nowIso(), newId: () => `inc-${randomUUID()}` });
      if (outcome.kind === 'duplicate' || outcome.kind === 'ignored') return undefined;
      // A new incident of the hub: new cards (the last incident's cards stay as they were, resolved).
      if (outcome.kind === 'opened' || current === undefined) return { incident: outcome.incident, posts: {} };
      return { ...current, incident: outcome.incident };
    });
    const applied = outcome as ApplyOutcome;
    if (applied.kind === 'ignored') {
      log('alert.ignored', { ...logFields(signal), why: applied.why });
      return `ignored:${applied.why}`;
    }
    if (applied.kind !== 'duplicate') log(`alert.incident.${applied.kind}`, { ...logFields(signal), incidentId: applied.incident.id, version: applied.incident.version, state: applied.incident.state });
    await converge(documentKey, hubs, keepClaim);
    return applied.kind;
  };

  const processDelivery = async (documentKey: string): Promise<void> => {
    let claimed;
    try {
      claimed = await claimDelivery(store, documentKey, instanceId, clock.now(), leaseMs);
    } catch (error) {
      log('alert.processing.failed', { step: 'claim', ...errorSummary(error) });
      return;
    }
    if (claimed === null || claimed.signal === null) return;
    // Many conversations may take longer than the lease: the claim is renewed as the work goes on.
    let renewedAt = clock.now();
    const keepClaim: KeepClaim = async () => {
      const now = clock.now();
      if (now - renewedAt < leaseMs / 3) return;
      renewedAt = now;
      if (!(await renewDelivery(store, documentKey, instanceId, now, leaseMs))) throw new Error('the delivery was taken over by another instance');
    };
    try {
      const outcome = await handle(claimed.key, claimed.signal, keepClaim);
      await finishDelivery(store, documentKey, outcome);
      log('alert.processed', { ...logFields(claimed.signal), outcome, attempts: claimed.attempts });
    } catch (error) {
      const retryAfterMs = RETRY_DELAYS_MS[Math.min(claimed.attempts - 1, RETRY_DELAYS_MS.length - 1)] ?? 60_000;
      // Released first: the line says the delivery is free for the next attempt (of any instance).
      await releaseDelivery(store, documentKey, instanceId, clock.now(), retryAfterMs).catch(() => undefined);
      log('alert.processing.failed', { ...logFields(claimed.signal), attempts: claimed.attempts, retryAfterMs, ...errorSummary(error) });
    }
  };

  const sweepOnce = async (): Promise<{ scheduled: number; purged: number }> => {
    const now = clock.now();
    let scheduled = 0;
    for (const { documentKey, record } of await listPendingDeliveries(store, now, working)) {
      if (record.signal === null) continue;
      if (now - Date.parse(record.receivedAt) > GIVE_UP_MS) {
        await finishDelivery(store, documentKey, 'given-up');
        log('alert.given-up', { ...logFields(record.signal), attempts: record.attempts });
        continue;
      }
      if (!isClaimable(record, instanceId, now)) continue;
      if (schedule(documentKey, chainKey(relevanceOf(record.signal)))) scheduled++;
    }
    let purged = 0;
    if (lastPurgeAt === null || now - lastPurgeAt >= PURGE_EVERY_MS) {
      lastPurgeAt = now;
      purged = await purge(now);
    }
    return { scheduled, purged };
  };

  /** Processed deliveries past the dedupe window, and resolved incidents nobody has heard of for a while. */
  const purge = async (now: number): Promise<number> => {
    let purged = 0;
    for (const old of await store.listKeys(DELIVERY_PREFIX, { from: 0, to: now - RETENTION_MS })) {
      await store.delete(old.key);
      purged++;
    }
    const quiet = (await store.listKeys(INCIDENT_PREFIX, { from: 0, to: now - INCIDENT_RETENTION_MS })).map((old) => old.key);
    for (let index = 0; index < quiet.length; index += 50) {
      const batch = quiet.slice(index, index + 50);
      const items = await store.read<IncidentDocument>(batch);
      for (const [key, item] of items) {
        if (item.value.incident.state === 'open') continue;
        await store.delete(key);
        purged++;
      }
    }
    return purged;
  };

  return {
    subscriptions,

    async receive(body) {
      const parsed = parseAlert(body);
      if (!parsed.ok) {
        log('alert.refused', { problem: parsed.problem, detail: parsed.detail });
        return parsed.problem === 'not-common-schema'
          ? { status: 400, code: 'NotCommonAlertSchema', detail: parsed.detail }
          : { status: 400, code: 'MalformedAlert', detail: parsed.detail };
      }
      const signal = parsed.signal;
      const relevance = withinSubscriptions(relevanceOf(signal), signal, directory.subscriptions);
      if (relevance.kind === 'ignored') {
        log('alert.ignored', { ...logFields(signal), why: relevance.why });
        return { status: 202, outcome: 'ignored' };
      }
      const key = deliveryKey(signal);
      let stored;
      try {
        stored = await storeDelivery(store, key, signal, clock.now());
      } catch (error) {
        log('alert.store-failed', { ...logFields(signal), ...errorSummary(error) });
        return { status: 503, code: 'StoreUnavailable' };
      }
      if (stored === 'duplicate') {
        log('alert.duplicate', logFields(signal));
        return { status: 202, outcome: 'duplicate' };
      }
      log('alert.accepted', logFields(signal));
      schedule(deliveryDocumentKey(key), chainKey(relevance));
      return { status: 202, outcome: 'accepted' };
    },

    async sweep() {
      try {
        return await sweepOnce();
      } catch (error) {
        log('alert.sweep.failed', errorSummary(error));
        return { scheduled: 0, purged: 0 };
      }
    },

    start(intervalMs) {
      const run = (): void => {
        sweeping ??= this.sweep().finally(() => {
          sweeping = null;
        });
      };
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },

    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await sweeping;
      await this.idle();
    },

    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, reason: error.message.slice(0, 200) };
  return { error: typeof error };
}
