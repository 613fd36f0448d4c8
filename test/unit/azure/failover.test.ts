import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailoverRequestError } from '#src/failover/index.ts';
import type { ArmSimulator } from '#src/sim/index.ts';
import { edgeFor, hubNamed, startSimulator } from '#test/support/azure.ts';

const posts = (sim: ArmSimulator): number => sim.countRequests({ route: 'failover.start' });
const statusPolls = (sim: ArmSimulator): number => sim.countRequests({ route: 'failover.status' });

function isRequestError(check: (error: FailoverRequestError) => void): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof FailoverRequestError, String(error));
    check(error);
    return true;
  };
}

describe('FailoverExecutor over ARM', () => {
  it('starts, polls until it succeeds, and the hub then reads with roles swapped', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    const started = await edge.failover.start(hub, 'East US');
    assert.equal(started.status, 'running');
    assert.equal(started.errorMessage, null);
    assert.ok(started.armRequestId);
    assert.match(Buffer.from(started.operationId ?? '', 'base64').toString(), /^os_ih_/);
    assert.equal(posts(sim), 1);
    assert.equal(statusPolls(sim), 1, 'the SDK polls once before returning');
    const [post] = sim.requests.filter((entry) => entry.route === 'failover.start');
    assert.equal(post?.path, `/subscriptions/${hub.subscriptionId}/resourceGroups/${hub.resourceGroup}/providers/Microsoft.Devices/IotHubs/contoso-iot/failover`);

    sim.advance(30);
    const halfway = await edge.failover.poll(hub, started.resumeToken);
    assert.equal(halfway.status, 'running');
    assert.equal(statusPolls(sim), 2, 'one poll per poll()');

    sim.advance(30);
    const done = await edge.failover.poll(hub, halfway.resumeToken);
    assert.equal(done.status, 'succeeded');
    assert.equal(done.operationId, started.operationId);
    assert.equal(sim.countRequests({ route: 'failover.result' }), 1, 'final GET on Location');
    assert.equal(posts(sim), 1, 'never re-sent');

    const after = await edge.directory.refresh(hub);
    assert.equal(after.location, 'eastus');
    assert.deepEqual(after.locations.find((location) => location.role === 'primary')?.location, 'East US');

    const before = sim.requests.length;
    const again = await edge.failover.poll(hub, done.resumeToken);
    assert.equal(again.status, 'succeeded');
    assert.equal(sim.requests.length, before, 'a finished state answers without a request');
    assert.equal(statusPolls(sim), 3);
  });

  it('reports a failed operation as failed, with a safe message', async (t) => {
    const sim = await startSimulator(t, 'failing-failover');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    const started = await edge.failover.start(hub, 'East US');
    assert.equal(started.status, 'running');
    sim.advance(30);
    const failed = await edge.failover.poll(hub, started.resumeToken);
    assert.equal(failed.status, 'failed');
    assert.match(failed.errorMessage ?? '', /could not be completed.*\(ManualFailoverFailed\)/);
    assert.ok(!(failed.errorMessage ?? '').includes('long-running operation'));
    const before = sim.requests.length;
    const replay = await edge.failover.poll(hub, failed.resumeToken);
    assert.equal(replay.status, 'failed');
    assert.equal(replay.errorMessage, failed.errorMessage);
    assert.equal(sim.requests.length, before, 'a failed state is not resumed (the SDK would throw {})');
    assert.equal((await edge.directory.refresh(hub)).location, 'westus', 'no swap');
  });

  it('resumes from a saved token in a new client instance with exactly one POST', async (t) => {
    const sim = await startSimulator(t, 'slow-failover');
    const first = edgeFor(sim);
    const hub = await hubNamed(first, 'contoso-iot');
    const saved = (await first.failover.start(hub, 'East US')).resumeToken;

    const restarted = edgeFor(sim); // as after a bot restart: new clients, nothing in memory
    let progress = await restarted.failover.poll(hub, saved);
    assert.equal(progress.status, 'running');
    for (let step = 0; step < 3 && progress.status === 'running'; step++) {
      sim.advance(300);
      progress = await restarted.failover.poll(hub, progress.resumeToken);
    }
    assert.equal(progress.status, 'succeeded');
    assert.equal(posts(sim), 1);
  });

  it('refuses with 409 while a failover already runs', async (t) => {
    const sim = await startSimulator(t, 'slow-failover');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    await edge.failover.start(hub, 'East US');
    await assert.rejects(
      edge.failover.start(hub, 'East US'),
      isRequestError((error) => {
        assert.equal(error.statusCode, 409);
        assert.equal(error.armCode, 'FailoverInProgress');
        assert.equal(error.retryable, false);
        assert.ok(error.armRequestId);
        assert.match(error.message, /already in progress/);
      }),
    );
    assert.equal(posts(sim), 2);
  });

  it('refuses a wrong region and a DR-disabled hub with 400', async (t) => {
    const sim = await startSimulator(t, 'demo');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-prod-weu');
    await assert.rejects(edge.failover.start(hub, 'East US'), isRequestError((error) => assert.equal(error.armCode, 'InvalidFailoverRegion')));
    const residency = await hubNamed(edge, 'fabrikam-fleet-sea');
    assert.equal(residency.drDisabled, true);
    await assert.rejects(
      edge.failover.start(residency, 'East Asia'),
      isRequestError((error) => {
        assert.equal(error.statusCode, 400);
        assert.equal(error.armCode, 'ManualFailoverNotSupported');
        assert.equal(error.retryable, false);
      }),
    );
    await assert.rejects(edge.failover.start(residency, ''), isRequestError((error) => assert.equal(error.statusCode, null)));
    assert.equal(posts(sim), 2);
  });

  it('does not retry the POST itself; a throttled start is retryable', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    sim.injectFault({ route: 'failover.start', action: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    await assert.rejects(
      edge.failover.start(hub, 'East US'),
      isRequestError((error) => {
        assert.equal(error.statusCode, 429);
        assert.equal(error.retryable, true);
      }),
    );
    assert.equal(posts(sim), 1);
    sim.injectFault({ route: 'failover.start', action: 'reset', times: 1 });
    await assert.rejects(edge.failover.start(hub, 'East US'), isRequestError((error) => assert.equal(error.retryable, true)));
    assert.equal(posts(sim), 2);
    assert.equal(sim.state.hub('contoso-iot').failoverRunning, false);
  });

  it('an accepted POST whose first poll fails is still reported as running, and resumes', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    sim.injectFault({ route: 'failover.status', action: 'status', status: 500, times: 1 });
    const started = await edge.failover.start(hub, 'East US');
    assert.equal(started.status, 'running');
    assert.ok(started.operationId);
    sim.advance(60);
    const done = await edge.failover.poll(hub, started.resumeToken);
    assert.equal(done.status, 'succeeded');
    assert.equal(posts(sim), 1);
  });

  it('a failing poll throws a retryable error and leaves the saved token usable', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    const started = await edge.failover.start(hub, 'East US');
    sim.injectFault({ route: 'failover.status', action: 'status', status: 503, times: 1 });
    await assert.rejects(
      edge.failover.poll(hub, started.resumeToken),
      isRequestError((error) => {
        assert.equal(error.statusCode, 503);
        assert.equal(error.retryable, true);
      }),
    );
    sim.injectFault({ route: 'failover.status', action: 'hang', times: 1 });
    await assert.rejects(edge.failover.poll(hub, started.resumeToken, AbortSignal.timeout(100)), isRequestError((error) => assert.equal(error.retryable, true)));
    sim.advance(60);
    assert.equal((await edge.failover.poll(hub, started.resumeToken)).status, 'succeeded');
    assert.equal(posts(sim), 1);
    await assert.rejects(edge.failover.poll(hub, 'not json'), isRequestError((error) => assert.equal(error.retryable, false)));
  });

  it('a failover that completes at once reports succeeded from start()', async (t) => {
    const sim = await startSimulator(t, {
      name: 'instant',
      hubs: [{ subscriptionId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', resourceGroup: 'rg', name: 'quick-hub', primaryLocation: 'UK South', secondaryLocation: 'UK West' }],
      failover: { durationSeconds: 0 },
    });
    const edge = edgeFor(sim);
    const started = await edge.failover.start(await hubNamed(edge, 'quick-hub'), 'UK West');
    assert.equal(started.status, 'succeeded');
    assert.equal(sim.state.hub('quick-hub').location, 'ukwest');
  });
});
