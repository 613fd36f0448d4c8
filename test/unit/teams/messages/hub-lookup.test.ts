import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthSource, Hub, HubDirectory, HubHealthResult, HubQuery, HubResolution } from '#src/diagnosis/hub.ts';
import type { ExtractedContext } from '#src/diagnosis/types.ts';
import { beforeDeadline, DeadlineExceeded } from '#src/core/abort.ts';
import { answeredAtOnce, hubQueryFromContext, lookupHubForPaste, lookupNamedHub, lookupUnnamedHub } from '#src/teams/messages/hub-lookup.ts';
import { edgeFor, startSimulator } from '#test/support/azure.ts';
import { FIXTURE_SUBSCRIPTION, fixtureHub as hub, hubHealth } from '#test/support/hubs.ts';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function context(overrides: Partial<ExtractedContext> = {}): ExtractedContext {
  return { hubHostNames: [], deviceIds: [], moduleIds: [], trackingIds: [], timestamps: [], protocols: [], hubNames: [], hubResourceIds: [], correlationIds: [], ...overrides };
}

interface Fakes {
  directory: HubDirectory;
  health: HealthSource;
  resolved: HubQuery[];
  healthCalls: string[];
}

function fakes(options: { resolve?: (query: HubQuery) => Promise<HubResolution>; list?: () => Promise<Hub[]>; current?: (h: Hub) => Promise<HubHealthResult> }): Fakes {
  const resolved: HubQuery[] = [];
  const healthCalls: string[] = [];
  return {
    resolved,
    healthCalls,
    directory: {
      subscriptions: [FIXTURE_SUBSCRIPTION],
      resolve: async (query) => {
        resolved.push(query);
        return (options.resolve ?? (async () => ({ kind: 'found', hub: hub(query.value) })))(query);
      },
      list: async () => (options.list ?? (async () => []))(),
      refresh: async (h) => h,
    },
    health: {
      current: async (h) => {
        healthCalls.push(h.name);
        return (options.current ?? (async (x: Hub) => hubHealth(x, 'Available')))(h);
      },
    },
  };
}

describe('hubQueryFromContext', () => {
  it('prefers a resource id, then a host name, then a bare name', () => {
    const id = hub('a').id;
    assert.deepEqual(hubQueryFromContext(context({ hubResourceIds: [id], hubHostNames: ['b.azure-devices.net'], hubNames: ['c'] })), { kind: 'resourceId', value: id });
    assert.deepEqual(hubQueryFromContext(context({ hubHostNames: ['b.azure-devices.net'], hubNames: ['c'] })), { kind: 'hostName', value: 'b.azure-devices.net' });
    assert.deepEqual(hubQueryFromContext(context({ hubNames: ['c'] })), { kind: 'name', value: 'c' });
    assert.equal(hubQueryFromContext(context()), null);
  });
});

describe('lookupNamedHub', () => {
  it('resolves the hub and fetches its health', async () => {
    const f = fakes({});
    const result = await lookupNamedHub({ kind: 'hostName', value: 'contoso.azure-devices.net' }, f, 1000);
    assert.equal(result.part.kind, 'health');
    assert.equal(result.hub?.name, 'contoso.azure-devices.net');
    assert.deepEqual(f.healthCalls, ['contoso.azure-devices.net']);
  });

  it('passes unknown and ambiguous resolutions through', async () => {
    const unknown = await lookupNamedHub({ kind: 'name', value: 'nope' }, fakes({ resolve: async (query) => ({ kind: 'unknown', query, searchedSubscriptions: ['s1'] }) }), 1000);
    assert.deepEqual(unknown.part, { kind: 'unknown', query: { kind: 'name', value: 'nope' }, searchedSubscriptions: ['s1'] });
    const candidates = [hub('a'), hub('b')];
    const ambiguous = await lookupNamedHub({ kind: 'name', value: 'x' }, fakes({ resolve: async () => ({ kind: 'ambiguous', candidates }) }), 1000);
    assert.deepEqual(ambiguous.part, { kind: 'ambiguous', candidates });
  });

  it('shows a failed resolution as health unavailable with its reason', async () => {
    const result = await lookupNamedHub({ kind: 'name', value: 'x' }, fakes({ resolve: async () => ({ kind: 'failed', reason: 'forbidden', detail: 'AuthorizationFailed' }) }), 1000);
    assert.deepEqual(result.part, { kind: 'health', result: { ok: false, hub: null, reason: 'forbidden', detail: 'AuthorizationFailed', retryAfterSeconds: null } });
  });

  it('gives up on a hanging health call at the deadline, keeping the hub', async () => {
    const result = await lookupNamedHub({ kind: 'name', value: 'slow' }, fakes({ current: never }), 50);
    assert.equal(result.part.kind, 'health');
    assert.ok(result.part.kind === 'health' && !result.part.result.ok && result.part.result.reason === 'timeout');
    assert.equal(result.hub?.name, 'slow');
  });

  it('gives up on a hanging resolution at the deadline', async () => {
    const result = await lookupNamedHub({ kind: 'name', value: 'slow' }, fakes({ resolve: never }), 50);
    assert.ok(result.part.kind === 'health' && !result.part.result.ok && result.part.result.reason === 'timeout');
    assert.equal(result.hub, null);
  });

  it('turns a thrown error into "unknown" without its message', async () => {
    const result = await lookupNamedHub({ kind: 'name', value: 'x' }, fakes({ current: async () => Promise.reject(new Error('sig=SECRET')) }), 1000);
    assert.ok(result.part.kind === 'health' && !result.part.result.ok);
    assert.ok(result.part.kind === 'health' && !result.part.result.ok && !result.part.result.detail.includes('SECRET'));
  });
});

describe('lookupUnnamedHub / lookupHubForPaste', () => {
  it('uses the only hub there is', async () => {
    const f = fakes({ list: async () => [hub('solo')] });
    const result = await lookupUnnamedHub(f, 1000);
    assert.equal(result.hub?.name, 'solo');
    assert.deepEqual(f.healthCalls, ['solo']);
  });

  it('offers a choice between several hubs, without fetching any health', async () => {
    const hubs = [hub('a'), hub('b'), hub('c')];
    const f = fakes({ list: async () => hubs });
    assert.deepEqual((await lookupUnnamedHub(f, 1000)).part, { kind: 'ambiguous', candidates: hubs });
    assert.deepEqual(f.healthCalls, []);
  });

  it('says nothing when there is no hub', async () => {
    assert.deepEqual((await lookupUnnamedHub(fakes({ list: async () => [] }), 1000)).part, { kind: 'none' });
  });

  it('does not list hubs for a paste that names none unless asked to', async () => {
    let listed = false;
    const f = fakes({ list: async () => ((listed = true), [hub('a'), hub('b')]) });
    assert.deepEqual((await lookupHubForPaste(context(), f, { budgetMs: 1000, offerChoiceWhenUnnamed: false })).part, { kind: 'none' });
    assert.equal(listed, false);
    assert.equal((await lookupHubForPaste(context(), f, { budgetMs: 1000, offerChoiceWhenUnnamed: true })).part.kind, 'ambiguous');
    assert.equal(listed, true);
  });

  it('looks up the hub the paste names', async () => {
    const f = fakes({});
    await lookupHubForPaste(context({ hubHostNames: ['named.azure-devices.net'] }), f, { budgetMs: 1000, offerChoiceWhenUnnamed: false });
    assert.deepEqual(f.resolved, [{ kind: 'hostName', value: 'named.azure-devices.net' }]);
  });
});

describe('beforeDeadline', () => {
  it('rejects at once when the signal is already aborted', async () => {
    await assert.rejects(beforeDeadline(Promise.resolve(1), AbortSignal.abort()), DeadlineExceeded);
  });

  it('passes the work result and errors through', async () => {
    assert.equal(await beforeDeadline(Promise.resolve(7), new AbortController().signal), 7);
    await assert.rejects(beforeDeadline(Promise.reject(new Error('boom')), new AbortController().signal), /boom/);
  });
});

describe('answeredAtOnce (the first card is complete only when the lookup needs no call to Azure)', () => {
  it('through the real Azure edge and the simulator: the first lookup of a hub waits for ARM, the next one is answered from the caches', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const deps = { directory: edge.directory, health: edge.health };
    const query: HubQuery = { kind: 'name', value: 'contoso-iot' };
    const first = lookupNamedHub(query, deps, 4000);
    assert.equal(await answeredAtOnce(first), null, 'the inventory and the health need ARM');
    assert.equal((await first).part.kind, 'health');
    const cached = await answeredAtOnce(lookupNamedHub(query, deps, 4000));
    assert.ok(cached !== null, 'hub inventory and health both cached');
    assert.equal(cached.outcome.part.kind === 'health' && cached.outcome.part.result.ok && cached.outcome.part.result.health.availabilityState, 'Unavailable');
    assert.equal(sim.countRequests({ route: 'health.current' }), 1);
  });

  it('is null for work that ends after a timer, and the outcome for work that ends in microtasks', async () => {
    const outcome = { part: { kind: 'none' as const }, hub: null };
    assert.equal(await answeredAtOnce(new Promise((resolve) => setTimeout(() => resolve(outcome), 0))), null);
    assert.deepEqual(await answeredAtOnce(Promise.resolve().then(() => Promise.resolve(outcome))), { outcome });
  });
});
