import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { cachedReadiness } from '#src/http/readiness.ts';
import { startHttpServer } from '#src/http/server.ts';
import type { MessagesEndpoint, RunningHttpServer } from '#src/http/server.ts';
import { silentLogger } from '#src/log.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** A raw HTTP request (fetch would not let us send a lying content-type or an unterminated body). */
function send(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path, url);
    const req = request(target, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const activityJson = (fields: Record<string, unknown> = {}): string => JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'http://127.0.0.1:1', ...fields });
const json = { 'content-type': 'application/json' };

function assertNoInternals(reply: Reply): void {
  assert.ok(!/\bat \S+ \(|node:internal|\.ts:\d+|restify/i.test(reply.text), `internals leaked: ${reply.text}`);
}

describe('http server', () => {
  let server: RunningHttpServer;
  const received: Record<string, unknown>[] = [];
  const authorizations: string[] = [];
  let behaviour: 'ok' | 'throw' | 'unauthorized' | 'invoke' = 'ok';

  const endpoint: MessagesEndpoint = {
    async process({ activity, authorization }) {
      received.push(activity);
      authorizations.push(authorization);
      if (behaviour === 'throw') throw new Error('secret internal failure at /srv/bot/src/x.ts:42');
      if (behaviour === 'unauthorized') return { status: 401 };
      if (behaviour === 'invoke') return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } };
      return { status: 200 };
    },
  };

  before(async () => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      messages: endpoint,
      maxActivityBytes: 4096,
      readiness: cachedReadiness([
        { name: 'arm', run: async () => ({ ok: true, detail: 'simulated' }) },
        { name: 'store', run: async () => ({ ok: true }) },
      ]),
    });
  });
  after(async () => server.close(1000));

  it('answers GET /healthz', async () => {
    const reply = await send(server.url, { path: '/healthz' });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { status: 'ok' });
    assert.match(String(reply.headers['content-type']), /application\/json/);
    assert.equal(reply.headers.server, undefined);
  });

  it('answers GET /readyz with the checks', async () => {
    const reply = await send(server.url, { path: '/readyz' });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { status: 'ready', checks: { arm: { ok: true, detail: 'simulated' }, store: { ok: true } } });
  });

  it('passes a valid activity and the Authorization header to the endpoint', async () => {
    behaviour = 'ok';
    const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: { ...json, authorization: 'Bearer abc' }, body: activityJson({ id: 'act-1' }) });
    assert.equal(reply.status, 200);
    assert.equal(received.at(-1)?.id, 'act-1');
    assert.equal(authorizations.at(-1), 'Bearer abc');
  });

  it('returns an invoke response body as JSON', async () => {
    behaviour = 'invoke';
    const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson({ type: 'invoke' }) });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' });
  });

  it('maps an authentication failure to 401 JSON', async () => {
    behaviour = 'unauthorized';
    const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson() });
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.json, { error: { code: 'Unauthorized', message: 'Authentication failed.' } });
  });

  it('turns an endpoint failure into a 500 without internals', async () => {
    behaviour = 'throw';
    const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson() });
    assert.equal(reply.status, 500);
    assert.deepEqual(reply.json, { error: { code: 'InternalError', message: 'Internal error.' } });
    assert.ok(!reply.text.includes('secret internal failure'));
    behaviour = 'ok';
  });

  it('rejects an oversized body with 413 and still serves the next request', async () => {
    const count = received.length;
    const big = activityJson({ text: 'x'.repeat(10_000) });
    const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: big });
    assert.equal(reply.status, 413);
    assert.deepEqual(reply.json, { error: { code: 'BodyTooLarge', message: 'The request body is too large.' } });
    assert.equal(received.length, count);
    const next = await send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson() });
    assert.equal(next.status, 200);
  });

  it('rejects an oversized chunked body (no Content-Length) with 413', async () => {
    const reply = await send(server.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { ...json, 'transfer-encoding': 'chunked' },
      body: activityJson({ text: 'y'.repeat(20_000) }),
    });
    assert.equal(reply.status, 413);
  });

  const badBodies: { name: string; headers: Record<string, string>; body: string | Buffer; status: number; code: string }[] = [
    { name: 'malformed JSON', headers: json, body: '{"type":"message",', status: 400, code: 'MalformedJson' },
    { name: 'a JSON array', headers: json, body: '[1,2]', status: 400, code: 'NotAnObject' },
    { name: 'a JSON string', headers: json, body: '"message"', status: 400, code: 'NotAnObject' },
    { name: 'an empty body', headers: json, body: '', status: 400, code: 'EmptyBody' },
    { name: 'no activity type', headers: json, body: '{"text":"hi"}', status: 400, code: 'MissingActivityType' },
    { name: 'deep nesting', headers: json, body: `{"type":"message","value":${'['.repeat(1000)}${']'.repeat(1000)}}`, status: 400, code: 'TooDeep' },
    { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: activityJson(), status: 415, code: 'UnsupportedMediaType' },
    { name: 'no content type', headers: {}, body: activityJson(), status: 415, code: 'UnsupportedMediaType' },
    { name: 'a non-UTF-8 charset', headers: { 'content-type': 'application/json; charset=latin1' }, body: activityJson(), status: 415, code: 'UnsupportedMediaType' },
    { name: 'gzip encoding', headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.from([0x1f, 0x8b, 0, 0]), status: 415, code: 'UnsupportedContentEncoding' },
    { name: 'binary garbage', headers: json, body: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xd8, 0x00]), status: 400, code: 'MalformedJson' },
  ];
  for (const bad of badBodies) {
    it(`answers ${bad.name} with ${bad.status} ${bad.code}`, async () => {
      const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: bad.headers, body: bad.body });
      assert.equal(reply.status, bad.status);
      assert.equal((reply.json as { error: { code: string } }).error.code, bad.code);
      assertNoInternals(reply);
    });
  }

  it('accepts a charset=utf-8 content type', async () => {
    const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: activityJson() });
    assert.equal(reply.status, 200);
  });

  it('answers unknown routes with 404 JSON and wrong methods with 405 JSON', async () => {
    const notFound = await send(server.url, { path: '/nope/../../etc/passwd?x=<script>' });
    assert.equal(notFound.status, 404);
    assert.deepEqual(notFound.json, { error: { code: 'NotFound', message: 'Not found.' } });
    assertNoInternals(notFound);
    const wrongMethod = await send(server.url, { path: '/api/messages' });
    assert.equal(wrongMethod.status, 405);
    assert.deepEqual(wrongMethod.json, { error: { code: 'MethodNotAllowed', message: 'Method not allowed.' } });
  });
});

describe('http server readiness and shutdown', () => {
  it('reports not-ready when a check fails or hangs, without the failure details', async () => {
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      messages: { process: async () => ({ status: 200 }) },
      readiness: cachedReadiness(
        [
          { name: 'arm', run: () => new Promise(() => undefined) },
          { name: 'store', run: async () => Promise.reject(new Error('connection string AccountKey=abc leaked')) },
        ],
        { timeoutMs: 200 },
      ),
    });
    try {
      const reply = await send(server.url, { path: '/readyz' });
      assert.equal(reply.status, 503);
      assert.deepEqual(reply.json, { status: 'not-ready', checks: { arm: { ok: false, detail: 'timed out after 200 ms' }, store: { ok: false, detail: 'check failed' } } });
    } finally {
      await server.close(1000);
    }
  });

  it('waits for an in-flight turn before closing, and refuses nothing that was already accepted', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const turnStarted = new Promise<void>((resolve) => (started = resolve));
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      messages: {
        process: async () => {
          started();
          await new Promise<void>((resolve) => (release = resolve));
          return { status: 200, body: { done: true } };
        },
      },
    });
    const pending = send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson() });
    await turnStarted;
    assert.equal(server.inFlight(), 1);
    let closed = false;
    const closing = server.close(30_000).then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false, 'closed while a turn was in flight');
    await assert.rejects(send(server.url, { path: '/healthz' }));
    release();
    const reply = await pending;
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { done: true });
    await closing;
    assert.equal(closed, true);
  });

  it('closes after the grace period even if a turn never ends', async () => {
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger(), messages: { process: () => new Promise(() => undefined) } });
    const pending = send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson() }).catch((error: unknown) => error);
    while (server.inFlight() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close(50);
    assert.ok((await pending) instanceof Error, 'the hanging request was cut');
  });
});

describe('http server: who may read /readyz and /metrics', () => {
  const OPS_TOKEN = 'ops-token-0123456789abcdef';
  const metrics = async (_req: unknown, res: { sendRaw(status: number, body: string, headers: Record<string, string>): void }): Promise<void> => {
    res.sendRaw(200, 'iothub_oncall_turns_total 0\n', { 'content-type': 'text/plain' });
  };
  let checks = 0;
  const readiness = cachedReadiness([{ name: 'arm', run: async () => (checks++, { ok: true }) }]);

  async function withServer(options: Partial<Parameters<typeof startHttpServer>[0]>, test: (server: RunningHttpServer) => Promise<void>): Promise<void> {
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger(), readiness, metrics, ...options });
    try {
      await test(server);
    } finally {
      await server.close(1000);
    }
  }

  it('open (local mode, the operations listener): anyone reads them', async () => {
    await withServer({ operationsAccess: { kind: 'open' } }, async (server) => {
      assert.equal((await send(server.url, { path: '/readyz' })).status, 200);
      assert.equal((await send(server.url, { path: '/metrics' })).status, 200);
    });
  });

  it('closed (auth on, no OPS_TOKEN): 404 for both, with or without a token; /healthz stays open', async () => {
    await withServer({ operationsAccess: { kind: 'closed' } }, async (server) => {
      const before = checks;
      for (const path of ['/readyz', '/metrics']) {
        assert.equal((await send(server.url, { path })).status, 404);
        assert.equal((await send(server.url, { path, headers: { authorization: `Bearer ${OPS_TOKEN}` } })).status, 404);
      }
      assert.equal(checks, before, 'a refused probe ran no check');
      assert.equal((await send(server.url, { path: '/healthz' })).status, 200);
    });
  });

  it('bearer (auth on, OPS_TOKEN): 401 without the token or with a wrong one, the page with it', async () => {
    await withServer({ operationsAccess: { kind: 'bearer', token: OPS_TOKEN } }, async (server) => {
      for (const path of ['/readyz', '/metrics']) {
        for (const authorization of ['', 'Bearer wrong-token-0123456789abcdef', `Basic ${OPS_TOKEN}`, OPS_TOKEN]) {
          const reply = await send(server.url, { path, headers: authorization === '' ? {} : { authorization } });
          assert.equal(reply.status, 401, `${path} with '${authorization}'`);
          assert.equal(reply.headers['www-authenticate'], 'Bearer');
          assert.deepEqual(reply.json, { error: { code: 'Unauthorized', message: 'Authentication failed.' } });
        }
        assert.equal((await send(server.url, { path, headers: { authorization: `Bearer ${OPS_TOKEN}` } })).status, 200);
      }
    });
  });

  it('without a messages endpoint (the operations listener) there is no POST /api/messages', async () => {
    await withServer({}, async (server) => {
      const reply = await send(server.url, { method: 'POST', path: '/api/messages', headers: json, body: activityJson() });
      assert.equal(reply.status, 404);
      assert.equal((await send(server.url, { path: '/healthz' })).status, 200);
    });
  });
});
