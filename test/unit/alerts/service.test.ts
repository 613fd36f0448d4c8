// The alert service over the real store port (memory) with a recording publisher: kept before the 202,
// processed after; a repeat posts nothing; an update reaches the same card; two instances post once; a
// conversation the connector refuses is dropped; a delivery that failed, or whose instance died, is swept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Incident } from '#src/alerts/incident.ts';
import { storeDelivery } from '#src/alerts/inbox.ts';
import { parseAlert } from '#src/alerts/parse.ts';
import { ConversationGoneError } from '#src/alerts/ports.ts';
import type { IncidentPublisher, IncidentTarget, PostedCard } from '#src/alerts/ports.ts';
import { createAlertService } from '#src/alerts/service.ts';
import type { AlertService } from '#src/alerts/service.ts';
import { createSubscriptionBook } from '#src/alerts/subscription-book.ts';
import type { Clock } from '#src/core/clock.ts';
import type { StateStore } from '#src/core/store.ts';
import type { Hub, HubDirectory } from '#src/diagnosis/hub.ts';
import { deliveryKey } from '#src/alerts/target.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { metricAlert, resourceHealthAlert, serviceHealthAlert } from '#src/sim/index.ts';
import { FIXTURE_SUBSCRIPTION, fixtureHub } from '#test/support/hubs.ts';

const HUB = fixtureHub('hub1');
const OTHER = fixtureHub('hub2', { location: 'westeurope', locations: [{ location: 'West Europe', role: 'primary' }] });
const ALERT_HUB = { subscriptionId: FIXTURE_SUBSCRIPTION, resourceGroup: 'rg', name: 'hub1' };

function directory(hubs: Hub[]): HubDirectory {
  return {
    subscriptions: [FIXTURE_SUBSCRIPTION],
    resolve: async (query) => {
      const found = hubs.find((hub) => hub.id.toLowerCase() === query.value.toLowerCase() || hub.name === query.value);
      return found ? { kind: 'found', hub: found } : { kind: 'unknown', query, searchedSubscriptions: [FIXTURE_SUBSCRIPTION] };
    },
    list: async () => hubs,
    refresh: async (hub) => hub,
  };
}

interface Call {
  kind: 'post' | 'update';
  subscription: string;
  incidentId: string;
  version: number;
  state: Incident['state'];
  hubs: string[];
}

function recordingPublisher(options: { gone?: Set<string>; failing?: { remaining: number }; incomplete?: boolean; failingUpdates?: { remaining: number }; onPost?: () => Promise<void> } = {}): IncidentPublisher & { calls: Call[] } {
  const calls: Call[] = [];
  let next = 0;
  const record = (kind: Call['kind'], incident: Incident, target: IncidentTarget): void => {
    if (options.gone?.has(target.subscription.key)) throw new ConversationGoneError(403);
    if (options.failing && options.failing.remaining > 0) {
      options.failing.remaining--;
      throw Object.assign(new Error('connector busy'), { statusCode: 503 });
    }
    calls.push({ kind, subscription: target.subscription.key, incidentId: incident.id, version: incident.version, state: incident.state, hubs: target.hubs.map((hub) => hub.name) });
  };
  return {
    calls,
    async post(incident, target) {
      await options.onPost?.();
      record('post', incident, target);
      const card = { conversationId: `${target.subscription.key};messageid=${++next}`, reference: {}, activityId: String(next), requestId: null };
      return { card, complete: options.incomplete !== true };
    },
    async update(incident, target, posted: PostedCard) {
      if (options.failingUpdates && options.failingUpdates.remaining > 0) {
        options.failingUpdates.remaining--;
        throw Object.assign(new Error('connector failed the update'), { statusCode: 500 });
      }
      record('update', incident, target);
      return posted;
    },
  };
}

function manualClock(start = Date.parse('2026-05-04T10:00:00.000Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

function service(store: StateStore, publisher: IncidentPublisher, options: { instanceId?: string; clock?: Clock; hubs?: Hub[] } = {}): AlertService {
  return createAlertService({
    store,
    clock: options.clock ?? manualClock(),
    directory: directory(options.hubs ?? [HUB, OTHER]),
    subscriptions: createSubscriptionBook(store),
    publisher,
    log: () => undefined,
    instanceId: options.instanceId ?? 'instance-a',
  });
}

async function subscribe(store: StateStore, key: string, hubs: 'all' | Hub[] = 'all'): Promise<void> {
  const book = createSubscriptionBook(store);
  const draft = { key, kind: 'channel' as const, teamId: null, reference: {}, locale: 'en' as const, subscribedAt: '2026-05-04T09:00:00.000Z' };
  if (hubs === 'all') await book.subscribe(draft, null);
  else for (const hub of hubs) await book.subscribe(draft, { id: hub.id.toLowerCase(), name: hub.name });
}

/** The store, counting the documents read through it (read() and get()). */
function countingReads(store: StateStore): StateStore & { documentsRead(): number } {
  let read = 0;
  return {
    ...store,
    read: async <T>(keys: readonly string[]) => {
      read += keys.length;
      return store.read<T>(keys);
    },
    get: async <T>(key: string) => {
      read += 1;
      return store.get<T>(key);
    },
    documentsRead: () => read,
  };
}

describe('alert service', () => {
  it('answers at once, then posts one card per conversation; a repeat posts nothing; an update updates', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'channel-a');
    await subscribe(store, 'channel-b', [HUB]);
    await subscribe(store, 'channel-c', [OTHER]);
    const publisher = recordingPublisher();
    const alerts = service(store, publisher);
    const body = resourceHealthAlert(ALERT_HUB, { current: 'Unavailable', eventDataId: 'E1' });
    assert.deepEqual(await alerts.receive(body), { status: 202, outcome: 'accepted' });
    assert.deepEqual(await alerts.receive(body), { status: 202, outcome: 'duplicate' });
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => [call.kind, call.subscription, call.version]), [
      ['post', 'channel-a', 1],
      ['post', 'channel-b', 1],
    ]);
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Available', eventDataId: 'E2' }));
    await alerts.idle();
    assert.deepEqual(publisher.calls.slice(2).map((call) => [call.kind, call.subscription, call.version, call.state]), [
      ['update', 'channel-a', 2, 'resolved'],
      ['update', 'channel-b', 2, 'resolved'],
    ]);
  });

  it('refuses what is not the common schema, ignores other resources, and answers 503 when nothing can be kept', async () => {
    const store = createMemoryStore();
    const alerts = service(store, recordingPublisher());
    assert.equal((await alerts.receive({ schemaId: 'other' })).status, 400);
    const other = resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }) as { data: { essentials: { alertTargetIDs: string[] } } };
    other.data.essentials.alertTargetIDs = [`/subscriptions/${FIXTURE_SUBSCRIPTION}/resourcegroups/rg/providers/microsoft.web/sites/app`];
    assert.deepEqual(await alerts.receive(other), { status: 202, outcome: 'ignored' });
    const broken: StateStore = { ...store, create: () => Promise.reject(new Error('disk full')) };
    assert.deepEqual(await service(broken, recordingPublisher()).receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' })), { status: 503, code: 'StoreUnavailable' });
  });

  it('a metric alert fires and resolves on the same card', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'channel-a');
    const publisher = recordingPublisher();
    const alerts = service(store, publisher);
    await alerts.receive(metricAlert(ALERT_HUB, { alertId: 'M1', condition: 'Fired' }));
    await alerts.idle();
    await alerts.receive(metricAlert(ALERT_HUB, { alertId: 'M1', condition: 'Resolved' }));
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => [call.kind, call.state]), [
      ['post', 'open'],
      ['update', 'resolved'],
    ]);
  });

  it('a Service Health incident goes to the conversations with hubs in the region, naming them', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'weu-watchers', [OTHER]);
    await subscribe(store, 'wus-watchers', [HUB]);
    const publisher = recordingPublisher();
    const alerts = service(store, publisher);
    await alerts.receive(serviceHealthAlert({ subscriptionId: FIXTURE_SUBSCRIPTION, trackingId: 'T1', stage: 'Active', regions: ['West Europe'] }));
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => [call.subscription, call.hubs]), [['weu-watchers', ['hub2']]]);
  });

  it('Service Health about a subscription the bot is not configured for is ignored (202), nothing posted', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'weu-watchers', [OTHER]);
    const publisher = recordingPublisher();
    const alerts = service(store, publisher);
    const elsewhere = serviceHealthAlert({ subscriptionId: '6a1d3b7e-2c4f-4e8a-9b1d-0c5e7f9a2b31', trackingId: 'OTHER-SUB', stage: 'Active', regions: ['West Europe'] });
    assert.deepEqual(await alerts.receive(elsewhere), { status: 202, outcome: 'ignored' });
    const ours = serviceHealthAlert({ subscriptionId: FIXTURE_SUBSCRIPTION, trackingId: 'OUR-SUB', stage: 'Active', regions: ['West Europe'] });
    assert.deepEqual(await alerts.receive(ours), { status: 202, outcome: 'accepted' });
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => call.subscription), ['weu-watchers'], 'only the incident of our subscription');
  });

  it('an alert about a hub the bot cannot see posts nothing', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'channel-a');
    const publisher = recordingPublisher();
    const alerts = service(store, publisher);
    assert.equal((await alerts.receive(resourceHealthAlert({ ...ALERT_HUB, name: 'not-ours' }, { current: 'Unavailable' }))).status, 202);
    await alerts.idle();
    assert.equal(publisher.calls.length, 0);
  });

  it('a conversation the connector refuses (403) loses its subscription; the others still get the card', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'removed');
    await subscribe(store, 'kept');
    const publisher = recordingPublisher({ gone: new Set(['removed']) });
    const alerts = service(store, publisher);
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }));
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => call.subscription), ['kept']);
    assert.deepEqual((await createSubscriptionBook(store).list()).map((subscription) => subscription.key), ['kept']);
  });

  it('two instances on one store, each receiving half of the deliveries, post each card once', async () => {
    const store = createMemoryStore();
    await subscribe(store, 'channel-a');
    await subscribe(store, 'channel-b');
    const publisherA = recordingPublisher();
    const publisherB = recordingPublisher();
    const a = service(store, publisherA, { instanceId: 'a' });
    const b = service(store, publisherB, { instanceId: 'b' });
    const bodies = [
      resourceHealthAlert(ALERT_HUB, { current: 'Unavailable', eventDataId: 'E1' }),
      metricAlert(ALERT_HUB, { alertId: 'M1', condition: 'Fired' }),
      resourceHealthAlert(ALERT_HUB, { current: 'Unavailable', status: 'Updated', eventDataId: 'E2' }),
    ];
    // Every delivery reaches both instances (two action groups, or a retry behind a load balancer).
    await Promise.all(bodies.flatMap((body) => [a.receive(body), b.receive(body)]));
    await Promise.all([a.idle(), b.idle()]);
    const posts = [...publisherA.calls, ...publisherB.calls].filter((call) => call.kind === 'post');
    assert.deepEqual(posts.map((call) => call.subscription).sort(), ['channel-a', 'channel-b']);
    assert.equal(new Set(posts.map((call) => call.incidentId)).size, 1);
  });

  it('a delivery whose processing failed is tried again by the sweeper, once its pause is over', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    await subscribe(store, 'channel-a');
    const publisher = recordingPublisher({ failing: { remaining: 1 } });
    const alerts = service(store, publisher, { clock });
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }));
    await alerts.idle();
    assert.equal(publisher.calls.length, 0);
    assert.equal((await alerts.sweep()).scheduled, 0, 'not before its pause is over');
    clock.advance(10_000);
    assert.equal((await alerts.sweep()).scheduled, 1);
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => call.kind), ['post']);
  });

  it('a card posted whose second step (the failover offer) fails is updated later, never posted again', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    await subscribe(store, 'channel-a');
    const publisher = recordingPublisher({ incomplete: true, failingUpdates: { remaining: 1 } });
    const alerts = service(store, publisher, { clock });
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }));
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => call.kind), ['post'], 'posted; its update failed');
    clock.advance(10_000);
    assert.equal((await alerts.sweep()).scheduled, 1, 'the delivery is tried again');
    await alerts.idle();
    assert.deepEqual(publisher.calls.map((call) => call.kind), ['post', 'update'], 'the retry updates the card it posted');
  });

  it('a delivery whose conversations take longer than the lease stays claimed: another instance does not take it over', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    for (const key of ['channel-a', 'channel-b', 'channel-c', 'channel-d']) await subscribe(store, key);
    const other = service(store, recordingPublisher(), { instanceId: 'instance-b', clock });
    const sweptByOther: number[] = [];
    // Each post takes 25 s: four of them outlast the 60 s lease; the other instance sweeps meanwhile.
    const publisher = recordingPublisher({
      onPost: async () => {
        clock.advance(25_000);
        sweptByOther.push((await other.sweep()).scheduled);
      },
    });
    const alerts = service(store, publisher, { clock });
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }));
    await alerts.idle();
    await other.idle();
    assert.deepEqual(sweptByOther, [0, 0, 0, 0], 'never claimable by the other instance');
    assert.equal(publisher.calls.filter((call) => call.kind === 'post').length, 4);
  });

  it('a sweep reads only the deliveries still to do, not the processed ones kept for the dedupe', async () => {
    const clock = manualClock();
    const store = countingReads(createMemoryStore({ now: () => clock.now() }));
    await subscribe(store, 'channel-a');
    const alerts = service(store, recordingPublisher(), { clock });
    for (let index = 0; index < 100; index++) await alerts.receive(metricAlert(ALERT_HUB, { alertId: `load-${index}`, condition: 'Fired', value: index }));
    await alerts.idle();
    await alerts.sweep(); // the first sweep of a process also purges (hourly)
    clock.advance(15_000);
    const before = store.documentsRead();
    assert.deepEqual(await alerts.sweep(), { scheduled: 0, purged: 0 });
    assert.equal(store.documentsRead() - before, 0, 'no document read for 100 processed deliveries');
  });

  it('the sweeper leaves alone a delivery this instance is working on', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    await subscribe(store, 'channel-a');
    const sweeps: { scheduled: number }[] = [];
    let alerts: AlertService | null = null;
    const publisher = recordingPublisher({
      onPost: async () => {
        if (alerts) sweeps.push(await alerts.sweep());
      },
    });
    alerts = service(store, publisher, { clock });
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }));
    await alerts.idle();
    assert.deepEqual(sweeps.map((sweep) => sweep.scheduled), [0], 'in flight: not queued again');
    assert.equal(publisher.calls.length, 1);
  });

  it('purges resolved incidents nobody has written for a week, and keeps open ones', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    await subscribe(store, 'channel-a');
    const alerts = service(store, recordingPublisher(), { clock });
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable', eventDataId: 'open-1' }));
    await alerts.receive(resourceHealthAlert(ALERT_HUB, { current: 'Available', eventDataId: 'close-1' }));
    const other = { ...ALERT_HUB, name: 'hub2' };
    await alerts.receive(resourceHealthAlert(other, { current: 'Unavailable', eventDataId: 'open-2' }));
    await alerts.idle();
    const incidents = async (): Promise<number> => (await store.listKeys('alerts/incident/', { from: 0, to: clock.now() + 1 })).length;
    assert.equal(await incidents(), 2);
    await alerts.sweep();
    assert.equal(await incidents(), 2, 'not yet a week');
    clock.advance(8 * 24 * 60 * 60 * 1000);
    await alerts.sweep();
    assert.equal(await incidents(), 1, 'the resolved one is gone, the open one stays');
  });

  it('a delivery kept by an instance that died before processing it is processed by the next one', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    await subscribe(store, 'channel-a');
    const parsed = parseAlert(resourceHealthAlert(ALERT_HUB, { current: 'Unavailable' }));
    assert.ok(parsed.ok);
    // What the dead instance did before its 202: keep the delivery. Nothing else.
    await storeDelivery(store, deliveryKey(parsed.signal), parsed.signal, Date.parse('2026-05-04T10:00:00.000Z'));
    const publisher = recordingPublisher();
    const next = service(store, publisher, { instanceId: 'after-restart', clock });
    assert.equal((await next.sweep()).scheduled, 1);
    await next.idle();
    assert.deepEqual(publisher.calls.map((call) => call.kind), ['post']);
    assert.equal((await next.sweep()).scheduled, 0, 'done: never processed twice');
  });
});
