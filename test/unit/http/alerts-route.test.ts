// POST /api/alerts over real HTTP: who may call (the token in the query, compared in constant time; the
// secure webhook's Entra token, checked with jose against a loopback tenant), and the answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReceiveResult } from '#src/alerts/service.ts';
import { alertsRoute } from '#src/http/alerts-route.ts';
import { createEntraTokenVerifier } from '#src/http/entra-webhook-token.ts';
import { startHttpServer } from '#src/http/server.ts';
import type { RunningHttpServer } from '#src/http/server.ts';
import { resourceHealthAlert } from '#src/sim/index.ts';
import { capturingLogger } from '#test/support/capturing-logger.ts';
import { WEBHOOK_AUDIENCE, WEBHOOK_ROLE, WEBHOOK_TENANT, startFakeEntra } from '#test/support/entra.ts';
import type { FakeEntra } from '#test/support/entra.ts';

const TOKEN = 'alerts-token-0123456789abcdef';
const BODY = resourceHealthAlert({ subscriptionId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', resourceGroup: 'rg', name: 'hub1' }, { current: 'Unavailable' });

function receiver(): { receive(body: unknown): Promise<ReceiveResult>; bodies: unknown[] } {
  const bodies: unknown[] = [];
  return {
    bodies,
    async receive(body) {
      bodies.push(body);
      return { status: 202, outcome: 'accepted' };
    },
  };
}

async function post(server: RunningHttpServer, query: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/api/alerts${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('POST /api/alerts', () => {
  let entra: FakeEntra;
  const servers: RunningHttpServer[] = [];
  const captured = capturingLogger();
  const logText = (): string => JSON.stringify(captured.lines);
  const start = async (options: { token: string | null; entra: boolean }, sink = receiver()): Promise<RunningHttpServer> => {
    const verifier = options.entra ? createEntraTokenVerifier({ tenantId: WEBHOOK_TENANT, audiences: [WEBHOOK_AUDIENCE], role: WEBHOOK_ROLE, authority: entra.authority }) : null;
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: captured.logger, postRoutes: [alertsRoute({ token: options.token, entra: verifier, receiver: sink, logger: captured.logger })] });
    servers.push(server);
    return server;
  };

  before(async () => {
    entra = await startFakeEntra();
  });
  after(async () => {
    for (const server of servers) await server.close(100);
    await entra.close();
  });

  it('does not exist without a credential configured (404)', async () => {
    const server = await start({ token: null, entra: false });
    assert.equal((await post(server, `?token=${TOKEN}`, BODY)).status, 404);
  });

  it('takes the token in the query; a wrong or missing one is 401 and reaches nothing', async () => {
    const sink = receiver();
    const server = await start({ token: TOKEN, entra: false }, sink);
    assert.deepEqual(await post(server, `?token=${TOKEN}`, BODY), { status: 202, json: { status: 'accepted' } });
    assert.equal((await post(server, `?token=${TOKEN}x`, BODY)).status, 401);
    assert.equal((await post(server, `?token=${TOKEN.slice(0, -1)}`, BODY)).status, 401);
    assert.equal((await post(server, '', BODY)).status, 401);
    assert.equal((await post(server, '?token=', BODY)).status, 401);
    assert.equal(sink.bodies.length, 1);
    assert.ok(!logText().includes(TOKEN), 'the token is never logged');
  });

  it('answers 413 over 256 KB and 400 to a body that is not JSON', async () => {
    const server = await start({ token: TOKEN, entra: false });
    const huge = { ...BODY, padding: 'x'.repeat(300 * 1024) };
    assert.equal((await post(server, `?token=${TOKEN}`, huge)).status, 413);
    assert.equal((await post(server, `?token=${TOKEN}`, '{"schemaId": ')).status, 400);
    assert.equal((await post(server, `?token=${TOKEN}`, 'not json', { 'content-type': 'text/plain' })).status, 400);
  });

  it("takes the secure webhook's v1 and v2 tokens", async () => {
    const server = await start({ token: null, entra: true });
    assert.equal((await post(server, '', BODY, { authorization: `Bearer ${await entra.token({ version: '1.0' })}` })).status, 202);
    assert.equal((await post(server, '', BODY, { authorization: `Bearer ${await entra.token({ version: '2.0' })}` })).status, 202);
  });

  it('refuses a token of another audience, tenant, caller or role, an expired one and one signed by another key', async () => {
    const sink = receiver();
    const server = await start({ token: null, entra: true }, sink);
    const refused: [string, string][] = [
      ['audience', await entra.token({ aud: 'api://someone-else' })],
      ['tenant', await entra.token({ tid: '11111111-2222-4333-8444-555555555555' })],
      ['caller', await entra.token({ appid: '99999999-2222-4333-8444-555555555555' })],
      ['role', await entra.token({ roles: ['Reader'] })],
      ['expired', await entra.token({ expiresInSeconds: -600 })],
      ['key', await entra.token({ foreignKey: true })],
      ['issuer', await entra.token({ iss: 'https://sts.windows.net/elsewhere/' })],
    ];
    for (const [what, token] of refused) assert.equal((await post(server, '', BODY, { authorization: `Bearer ${token}` })).status, 401, what);
    assert.equal((await post(server, '', BODY, { authorization: 'Bearer not.a.jwt' })).status, 401);
    assert.equal(sink.bodies.length, 0);
    assert.ok(entra.keyDownloads() >= 1, 'the keys came from the tenant');
  });

  it('with both configured, either credential works', async () => {
    const server = await start({ token: TOKEN, entra: true });
    assert.equal((await post(server, `?token=${TOKEN}`, BODY)).status, 202);
    assert.equal((await post(server, '', BODY, { authorization: `Bearer ${await entra.token()}` })).status, 202);
    assert.equal((await post(server, '', BODY)).status, 401);
  });

  it('answers 401 when the signing keys cannot be downloaded, and says why in the log', async () => {
    const verifier = createEntraTokenVerifier({ tenantId: WEBHOOK_TENANT, audiences: [WEBHOOK_AUDIENCE], role: WEBHOOK_ROLE, authority: 'http://127.0.0.1:9' });
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: captured.logger, postRoutes: [alertsRoute({ token: null, entra: verifier, receiver: receiver(), logger: captured.logger })] });
    servers.push(server);
    assert.equal((await post(server, '', BODY, { authorization: `Bearer ${await entra.token()}` })).status, 401);
    assert.match(logText(), /signing-keys-unavailable/);
  });

  it('counts every refusal by reason, and logs at most one line per reason per minute', async () => {
    const own = capturingLogger();
    let now = Date.parse('2026-05-04T10:00:00Z');
    const counted: string[] = [];
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: own.logger,
      postRoutes: [alertsRoute({ token: TOKEN, entra: null, receiver: receiver(), logger: own.logger, clock: { now: () => now }, onRefused: (reason) => counted.push(reason) })],
    });
    servers.push(server);
    for (let index = 0; index < 30; index++) assert.equal((await post(server, '?token=wrong-token-wrong-token', BODY)).status, 401);
    for (let index = 0; index < 5; index++) assert.equal((await post(server, '', BODY)).status, 401);
    const refusalLines = (): Record<string, unknown>[] => own.lines.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('alerts refused'));
    assert.equal(counted.length, 35, 'each refusal counted');
    assert.deepEqual(refusalLines().map((line) => [line.reason, line.refused]), [
      ['wrong-token', 1],
      ['no-credentials', 1],
    ]);
    now += 60_000;
    assert.equal((await post(server, '?token=wrong-token-wrong-token', BODY)).status, 401);
    assert.deepEqual(refusalLines().at(-1), { ...refusalLines().at(-1), reason: 'wrong-token', refused: 30 }, 'a minute later: one line for the 30 since');
  });
});
