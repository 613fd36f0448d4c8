import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { LOCAL_SIMULATOR_TOKEN, createAzureEdge } from '#src/azure/index.ts';
import { ConfigError, isLoopbackHost, parseArmEndpoint } from '#src/config.ts';
import { TEST_SUBSCRIPTION_ID as SUB } from '#src/sim/index.ts';
import { edgeFor, startSimulator } from '#test/support/azure.ts';

describe('ARM endpoint', () => {
  it('derives the token scope from an https endpoint (sovereign clouds)', () => {
    assert.deepEqual(parseArmEndpoint('https://management.azure.com'), { kind: 'https', url: 'https://management.azure.com', scope: 'https://management.azure.com/.default' });
    assert.deepEqual(parseArmEndpoint('https://management.chinacloudapi.cn/'), {
      kind: 'https',
      url: 'https://management.chinacloudapi.cn',
      scope: 'https://management.chinacloudapi.cn/.default',
    });
    assert.equal(parseArmEndpoint('https://management.usgovcloudapi.net').kind, 'https');
  });

  it('allows plain http only on loopback', () => {
    for (const url of ['http://127.0.0.1:4600', 'http://127.8.9.10', 'http://localhost:1234/', 'http://[::1]:4600']) {
      assert.equal(parseArmEndpoint(url).kind, 'loopback-http', url);
    }
    for (const url of ['http://10.0.0.5:8080', 'http://management.azure.com', 'http://127.0.0.1.example.com', 'http://localhost.evil.test']) {
      assert.throws(() => parseArmEndpoint(url), (error: unknown) => error instanceof ConfigError && error.variable === 'ARM_ENDPOINT' && /non-loopback/.test(error.message), url);
    }
    assert.throws(() => parseArmEndpoint('ftp://127.0.0.1'), ConfigError);
    assert.throws(() => parseArmEndpoint('https://user:secret@management.azure.com'), (error: unknown) => error instanceof ConfigError && !error.message.includes('secret'));
    assert.throws(() => parseArmEndpoint('not a url'), ConfigError);
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('128.0.0.1'), false);
  });

  it('refuses http on a non-loopback host before any request, and an edge without subscriptions', () => {
    // The edge takes only a parsed endpoint: the refusal happens in the one parser, before an edge exists.
    assert.throws(() => parseArmEndpoint('http://192.168.1.20:4600'), ConfigError);
    assert.throws(() => createAzureEdge({ subscriptionIds: [], armEndpoint: parseArmEndpoint('https://management.azure.com') }), /subscription/);
  });

  it('sends the fixed local token to a loopback http endpoint', async (t) => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'ResourceNotFound', message: 'no' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const edge = createAzureEdge({ subscriptionIds: [SUB], armEndpoint: parseArmEndpoint(`http://localhost:${(server.address() as AddressInfo).port}`) });
    assert.deepEqual(await edge.directory.list().catch((error: unknown) => (error instanceof Error ? error.name : 'other')), 'ArmLookupError');
    assert.equal(seen[0]?.authorization, `Bearer ${LOCAL_SIMULATOR_TOKEN}`);
    assert.match(String(seen[0]?.['x-ms-client-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('asks the credential for the endpoint scope on https', async () => {
    const scopes: string[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(...(Array.isArray(scope) ? scope : [scope]));
        return { token: 'fake', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    // Nothing listens on port 1: the call fails after the token was requested.
    const edge = createAzureEdge({ subscriptionIds: [SUB], armEndpoint: parseArmEndpoint('https://127.0.0.1:1'), credential, retry: { maxRetries: 0 } });
    assert.equal(await edge.probe(), false);
    assert.deepEqual(scopes, ['https://127.0.0.1:1/.default']);
  });
});

describe('probe', () => {
  it('is true when ARM answers, false when it refuses our identity or is gone', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const edge = edgeFor(sim);
    assert.equal(await edge.probe(), true);
    sim.injectFault({ route: 'hubs.listBySubscription', action: 'status', status: 429, retryAfterSeconds: 0, times: 4 });
    assert.equal(await edge.probe(), true, 'throttled still means reachable');
    sim.injectFault({ route: 'hubs.listBySubscription', action: 'status', status: 403, times: 1 });
    assert.equal(await edge.probe(), false);
    await sim.close();
    assert.equal(await edgeFor(sim, { retry: { maxRetries: 0 } }).probe(), false);
  });
});
