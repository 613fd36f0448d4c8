import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startArmSimulator, TEST_RESOURCE_GROUP as RG, TEST_SUBSCRIPTION_ID as SUB, type ArmSimulator } from '#src/sim/index.ts';

const HUB = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Devices/IotHubs/contoso-iot`;
const auth = { authorization: 'Bearer test-token' };

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(sim: ArmSimulator, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${sim.url}${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

function field(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function startFailover(sim: ArmSimulator, region: string, hubPath = HUB): Promise<Reply> {
  return call(sim, `${hubPath}/failover?api-version=2023-06-30`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ failoverRegion: region }),
  });
}

describe('ARM simulator over HTTP', () => {
  let sim: ArmSimulator;
  before(async () => {
    sim = await startArmSimulator({ scenario: 'outage', speed: 0 });
  });
  after(() => sim.close());
  beforeEach(() => sim.loadScenario('outage'));

  it('binds loopback on a random port', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(sim.port > 0);
  });

  it('serves a hub in the recorded shape, with the ARM headers', async () => {
    const reply = await call(sim, `${HUB}?api-version=2023-06-30`);
    assert.equal(reply.status, 200);
    assert.equal(field(reply.body, 'location'), 'westus');
    assert.equal(field(reply.body, 'id'), HUB);
    assert.equal(field(reply.body, 'subscriptionid'), SUB);
    assert.equal(field(reply.body, 'resourcegroup'), RG);
    assert.deepEqual(field(reply.body, 'properties', 'locations'), [
      { location: 'West US', role: 'primary' },
      { location: 'East US', role: 'secondary' },
    ]);
    assert.equal(field(reply.body, 'properties', 'hostName'), 'contoso-iot.azure-devices.net');
    assert.equal(field(reply.body, 'properties', 'state'), 'Active');
    assert.equal(field(reply.body, 'properties', 'provisioningState'), 'Succeeded');
    assert.equal(field(reply.body, 'properties', 'enableDataResidency'), false);
    assert.equal(field(reply.body, 'sku', 'name'), 'S1');
    assert.equal(typeof field(reply.body, 'etag'), 'string');
    for (const header of ['x-ms-request-id', 'x-ms-correlation-request-id', 'x-ms-routing-request-id', 'content-type', 'cache-control']) {
      assert.ok(reply.headers.get(header), `missing ${header}`);
    }
    assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
  });

  it('answers an unknown hub with an ARM-style 404', async () => {
    const reply = await call(sim, `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Devices/IotHubs/nope?api-version=2023-06-30`);
    assert.equal(reply.status, 404);
    assert.equal(field(reply.body, 'error', 'code'), 'ResourceNotFound');
    assert.ok(reply.headers.get('x-ms-request-id'));
  });

  it('requires a bearer token and an api-version', async () => {
    const anonymous = await fetch(`${sim.url}${HUB}?api-version=2023-06-30`);
    assert.equal(anonymous.status, 401);
    assert.equal(field(await anonymous.json(), 'error', 'code'), 'AuthenticationFailed');
    const noVersion = await call(sim, HUB);
    assert.equal(noVersion.status, 400);
    assert.equal(field(noVersion.body, 'error', 'code'), 'MissingApiVersionParameter');
  });

  it('lists hubs by subscription and by resource group, paging with nextLink', async () => {
    sim.loadScenario({
      name: 'paged',
      pageSize: 1,
      hubs: [
        { subscriptionId: SUB, resourceGroup: 'rg-a', name: 'hub-a', primaryLocation: 'West US', secondaryLocation: 'East US' },
        { subscriptionId: SUB, resourceGroup: 'rg-b', name: 'hub-b', primaryLocation: 'West US', secondaryLocation: 'East US' },
      ],
    });
    const first = await call(sim, `/subscriptions/${SUB}/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30`);
    assert.deepEqual((field(first.body, 'value') as unknown[]).map((hub) => field(hub, 'name')), ['hub-a']);
    const nextLink = field(first.body, 'nextLink');
    assert.equal(typeof nextLink, 'string');
    assert.ok(String(nextLink).startsWith(`${sim.url}/subscriptions/${SUB}/`));
    const second = await call(sim, String(nextLink).slice(sim.url.length));
    assert.deepEqual((field(second.body, 'value') as unknown[]).map((hub) => field(hub, 'name')), ['hub-b']);
    assert.equal(field(second.body, 'nextLink'), undefined);
    const byGroup = await call(sim, `/subscriptions/${SUB}/resourceGroups/RG-B/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30`);
    assert.deepEqual((field(byGroup.body, 'value') as unknown[]).map((hub) => field(hub, 'name')), ['hub-b']);
    const unknownSubscription = await call(sim, `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30`);
    assert.equal(unknownSubscription.status, 404);
    assert.equal(field(unknownSubscription.body, 'error', 'code'), 'SubscriptionNotFound');
  });

  it('serves Resource Health on a // path, with occuredTime, and actions only when expanded', async () => {
    const path = `/${HUB}/providers/Microsoft.ResourceHealth/availabilityStatuses/current?api-version=2022-10-01`;
    assert.ok(path.startsWith('//subscriptions/'));
    const plain = await call(sim, path);
    assert.equal(plain.status, 200);
    assert.equal(field(plain.body, 'name'), 'current');
    assert.equal(field(plain.body, 'id'), `${HUB}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`.toLowerCase());
    assert.equal(field(plain.body, 'properties', 'availabilityState'), 'Unavailable');
    assert.equal(field(plain.body, 'properties', 'reasonType'), 'Unplanned');
    assert.ok(!Number.isNaN(Date.parse(String(field(plain.body, 'properties', 'occuredTime')))));
    assert.equal(field(plain.body, 'properties', 'occurredTime'), undefined);
    assert.equal(field(plain.body, 'properties', 'recommendedActions'), undefined);
    const expanded = await call(sim, `${path}&$expand=recommendedactions`);
    assert.ok(Array.isArray(field(expanded.body, 'properties', 'recommendedActions')));
    assert.equal(sim.requests.at(-1)?.path.startsWith('//subscriptions/'), true);

    sim.loadScenario('healthy');
    const available = await call(sim, path);
    assert.equal(field(available.body, 'properties', 'availabilityState'), 'Available');
    assert.equal(field(available.body, 'properties', 'reasonType'), '');
  });

  it('reports a recovery as recently resolved', async () => {
    sim.setHealth('contoso-iot', 'Available');
    const reply = await call(sim, `${HUB}/providers/Microsoft.ResourceHealth/availabilityStatuses/current?api-version=2022-10-01`);
    assert.equal(field(reply.body, 'properties', 'availabilityState'), 'Available');
    assert.equal(typeof field(reply.body, 'properties', 'recentlyResolved', 'resolvedTime'), 'string');
    assert.match(String(field(reply.body, 'properties', 'recentlyResolved', 'unavailableSummary')), /unavailable/i);
  });

  it('lists Service Health events in the wire shape', async () => {
    const reply = await call(sim, `/subscriptions/${SUB}/providers/Microsoft.ResourceHealth/events?api-version=2022-10-01`);
    assert.equal(reply.status, 200);
    const [event] = field(reply.body, 'value') as unknown[];
    assert.equal(field(event, 'name'), 'SIM1-IOT');
    assert.equal(field(event, 'properties', 'status'), 'Active');
    assert.equal(field(event, 'properties', 'impact', 0, 'impactedService'), 'IoT Hub');
    assert.equal(field(event, 'properties', 'impact', 0, 'impactedRegions', 0, 'impactedRegion'), 'West US');
  });

  it('runs a failover: 202 with async headers, Running until the time is up, then roles swapped', async () => {
    const accepted = await startFailover(sim, 'East US');
    assert.equal(accepted.status, 202);
    const asyncOperation = accepted.headers.get('azure-asyncoperation') ?? '';
    const location = accepted.headers.get('location') ?? '';
    assert.ok(asyncOperation.startsWith(`${sim.url}/subscriptions/${SUB}/providers/Microsoft.Devices/operationResults/`));
    assert.ok(asyncOperation.endsWith('&operationSource=os_ih&asyncinfo'));
    assert.equal(location, asyncOperation.replace('&asyncinfo', ''));
    const operationId = /operationResults\/([^?]+)/.exec(asyncOperation)?.[1] ?? '';
    assert.match(Buffer.from(operationId, 'base64').toString(), /^os_ih_[0-9a-f-]{36}$/);
    assert.equal(accepted.headers.get('retry-after'), '15');

    const pollPath = `${asyncOperation.slice(sim.url.length).replace('&asyncinfo', '&asyncinfo=undefined')}`;
    assert.deepEqual((await call(sim, pollPath)).body, { status: 'Running' });
    assert.equal((await call(sim, location.slice(sim.url.length))).status, 202);
    assert.equal(field((await call(sim, `${HUB}?api-version=2023-06-30`)).body, 'location'), 'westus');

    sim.advance(60);
    assert.deepEqual((await call(sim, pollPath)).body, { status: 'Succeeded' });
    assert.equal((await call(sim, location.slice(sim.url.length))).status, 200);
    const hub = await call(sim, `${HUB}?api-version=2023-06-30`);
    assert.equal(field(hub.body, 'location'), 'eastus');
    assert.deepEqual(field(hub.body, 'properties', 'locations'), [
      { location: 'East US', role: 'primary' },
      { location: 'West US', role: 'secondary' },
    ]);
  });

  it('refuses a second failover while one runs, a wrong region, and DR-disabled hubs', async () => {
    const wrongRegion = await startFailover(sim, 'North Europe');
    assert.equal(wrongRegion.status, 400);
    assert.equal(field(wrongRegion.body, 'code'), 'InvalidFailoverRegion');
    assert.equal((await startFailover(sim, 'eastus')).status, 202);
    const again = await startFailover(sim, 'East US');
    assert.equal(again.status, 409);
    assert.equal(field(again.body, 'code'), 'FailoverInProgress');

    sim.loadScenario('demo');
    const [, fleet] = sim.subscriptions;
    const residency = `/subscriptions/${fleet}/resourceGroups/rg-fabrikam-fleet/providers/Microsoft.Devices/IotHubs/fabrikam-fleet-sea`;
    const refused = await startFailover(sim, 'East Asia', residency);
    assert.equal(refused.status, 400);
    assert.equal(field(refused.body, 'code'), 'ManualFailoverNotSupported');
  });

  it('reports a failing failover as Failed with an error, roles unchanged', async () => {
    sim.loadScenario('failing-failover');
    const accepted = await startFailover(sim, 'East US');
    const poll = `${(accepted.headers.get('azure-asyncoperation') ?? '').slice(sim.url.length)}`;
    sim.advance(30);
    const reply = await call(sim, poll);
    assert.equal(field(reply.body, 'status'), 'Failed');
    assert.equal(field(reply.body, 'error', 'code'), 'ManualFailoverFailed');
    assert.equal(field((await call(sim, `${HUB}?api-version=2023-06-30`)).body, 'location'), 'westus');
  });

  it('runs simulated time at the configured speed', async () => {
    const fast = await startArmSimulator({ scenario: 'slow-failover', speed: 1_000_000 });
    try {
      const accepted = await startFailover(fast, 'East US');
      assert.equal(accepted.headers.get('retry-after'), '1', 'Retry-After is in real seconds, rounded up');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const reply = await call(fast, (accepted.headers.get('azure-asyncoperation') ?? '').slice(fast.url.length));
      assert.deepEqual(reply.body, { status: 'Succeeded' });
    } finally {
      await fast.close();
    }
  });
});

describe('fault injection', () => {
  let sim: ArmSimulator;
  const health = `${HUB}/providers/Microsoft.ResourceHealth/availabilityStatuses/current?api-version=2022-10-01`;
  before(async () => {
    sim = await startArmSimulator({ scenario: 'healthy', speed: 0 });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  it('answers a status with or without Retry-After for the next N requests only', async () => {
    sim.injectFault({ route: 'health.current', action: 'status', status: 429, retryAfterSeconds: 7, times: 2 });
    const first = await call(sim, health);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '7');
    assert.equal(field(first.body, 'error', 'code'), 'TooManyRequests');
    assert.equal((await call(sim, health)).status, 429);
    assert.equal((await call(sim, health)).status, 200);
    sim.injectFault({ route: 'health.current', action: 'status', status: 503, times: 1 });
    const unavailable = await call(sim, health);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers.get('retry-after'), null);
    assert.deepEqual(sim.requests.map((entry) => entry.fault), ['status', 'status', null, 'status']);
  });

  it('applies only to the route and hub named', async () => {
    sim.injectFault({ route: 'hubs.get', hub: 'contoso-iot-eu', action: 'status', status: 500 });
    assert.equal((await call(sim, `${HUB}?api-version=2023-06-30`)).status, 200);
    assert.equal((await call(sim, `${HUB}-eu?api-version=2023-06-30`)).status, 500);
    assert.equal((await call(sim, health)).status, 200);
  });

  it('drops the connection', async () => {
    sim.injectFault({ action: 'reset', times: 1 });
    await assert.rejects(call(sim, health));
    assert.equal((await call(sim, health)).status, 200);
    assert.equal(sim.requests[0]?.status, null);
  });

  it('hangs until the client gives up, and delays', async () => {
    sim.injectFault({ action: 'hang', times: 1 });
    await assert.rejects(fetch(`${sim.url}${health}`, { headers: auth, signal: AbortSignal.timeout(100) }));
    sim.injectFault({ action: 'delay', delayMs: 20, times: 1 });
    assert.equal((await call(sim, health)).status, 200);
    assert.equal(sim.countRequests({ route: 'health.current' }), 2);
  });
});

describe('admin endpoint', () => {
  let sim: ArmSimulator;
  before(async () => {
    sim = await startArmSimulator({ scenario: 'healthy', speed: 0 });
  });
  after(() => sim.close());

  const admin = async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const response = await fetch(`${sim.url}/_sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };

  it('scripts an incident: health, events, faults, clock, failover completion, reset', async () => {
    const hubs = await admin('GET', 'hubs');
    assert.deepEqual((field(hubs.body, 'hubs') as unknown[]).map((hub) => field(hub, 'name')), ['contoso-iot', 'contoso-iot-eu']);

    const health = await admin('POST', 'hubs/contoso-iot/health', { availabilityState: 'Degraded', summary: 'Slow.' });
    assert.equal(health.status, 200);
    assert.equal(sim.state.hub('contoso-iot').health.availabilityState, 'Degraded');
    assert.equal(sim.state.hub('contoso-iot').health.summary, 'Slow.');
    assert.equal((await admin('POST', 'hubs/contoso-iot/health', { availabilityState: 'Broken' })).status, 400);
    assert.equal((await admin('POST', 'hubs/nope/health', { availabilityState: 'Unknown' })).status, 404);

    assert.equal((await admin('POST', 'events', { trackingId: 'EV-1', title: 'IoT Hub - West US', regions: ['West US'] })).status, 200);
    assert.equal(sim.state.events()[0]?.status, 'Active');
    assert.equal((await admin('POST', 'events/EV-1/resolve')).status, 200);
    assert.equal(sim.state.events()[0]?.status, 'Resolved');

    const fault = await admin('POST', 'faults', { route: 'hubs.get', action: 'status', status: 403 });
    assert.equal(fault.status, 201);
    assert.equal((await call(sim, `${HUB}?api-version=2023-06-30`)).status, 403);
    assert.equal((await admin('POST', 'faults', { action: 'explode' })).status, 400);
    assert.equal((await admin('DELETE', `faults/${String(field(fault.body, 'fault', 'id'))}`)).status, 200);
    assert.equal((await call(sim, `${HUB}?api-version=2023-06-30`)).status, 200);

    const requests = await admin('GET', 'requests');
    const recorded = field(requests.body, 'requests') as unknown[];
    assert.equal(recorded.length, 2, 'admin calls are not recorded');
    assert.equal(field(recorded[0], 'route'), 'hubs.get');
    assert.equal(field(recorded[0], 'authorized'), true);
    assert.ok(!JSON.stringify(recorded).includes('test-token'), 'no token kept');

    await startFailover(sim, 'East US');
    assert.equal(sim.state.hub('contoso-iot').failoverRunning, true);
    assert.equal((await admin('POST', 'clock/advance', { seconds: 59 })).status, 200);
    assert.equal(sim.state.hub('contoso-iot').failoverRunning, true);
    const completed = await admin('POST', 'hubs/contoso-iot/failover/complete');
    assert.equal(field(completed.body, 'status'), 'Succeeded');
    assert.equal(sim.state.hub('contoso-iot').location, 'eastus');

    assert.equal((await admin('POST', 'reset')).status, 200);
    assert.equal(sim.state.hub('contoso-iot').location, 'westus');
    assert.equal(sim.requests.length, 0);

    const scenario = await admin('POST', 'scenario', { name: 'demo' });
    assert.equal(field(scenario.body, 'scenario'), 'demo');
    assert.equal((await admin('POST', 'scenario', { name: 'nope' })).status, 400);
    assert.equal((await admin('GET', 'nowhere')).status, 404);
  });
});
