// Over real HTTP (the bot's restify server on loopback): while one paste is being read for ~1.5 s, /healthz
// and another user's paste are answered before it, because the paste is read on a worker thread. The same
// harness with the paste read on the server's own thread (as before the pool) shows the opposite order, so
// the test can tell the two apart. Order of completion only, no milliseconds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHttpServer } from '#src/http/server.ts';
import type { RunningHttpServer } from '#src/http/server.ts';
import { silentLogger } from '#src/log.ts';
import type { PasteDiagnoser } from '#src/workers/diagnoser.ts';
import { startDiagnosisPool } from '#src/workers/diagnosis-pool.ts';
import type { DiagnosisPool } from '#src/workers/diagnosis-pool.ts';
import { diagnoseInProcess } from '#src/workers/paste-diagnosis.ts';

const SCRIPTED_WORKER = new URL('../../support/scripted-diagnosis-worker.ts', import.meta.url);
const SLOW_MS = 1_500;
const SERVER_ERROR = '{"errorCode":500001,"message":"ServerError"}';
const SLOW_PASTE = `spin ${SLOW_MS}\n${SERVER_ERROR}`;

/** The scripted worker's "spin" on the calling thread: what reading a slow paste did before the pool. */
const onThisThread: PasteDiagnoser = async (paste) => {
  const spinning = /^spin (\d+)\n/.exec(paste);
  const until = performance.now() + Number(spinning?.[1] ?? 0);
  while (performance.now() < until) {
    // Held, as by a backtracking pattern.
  }
  return diagnoseInProcess(spinning ? paste.slice(spinning[0].length) : paste);
};

describe('the event loop stays free while a paste is read (HTTP, worker pool)', () => {
  let pool: DiagnosisPool;
  let server: RunningHttpServer;
  /** The diagnoser behind POST /api/messages (each test sets it). */
  let diagnoser: PasteDiagnoser = onThisThread;
  /** Called when the endpoint starts reading a paste that begins with "spin". */
  let markSlowStarted = (): void => undefined;

  before(async () => {
    pool = await startDiagnosisPool({ budgetMs: 60_000, size: 2, logger: silentLogger(), workerUrl: SCRIPTED_WORKER });
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      messages: {
        async process({ activity }) {
          const text = String(activity.text);
          if (text.startsWith('spin ')) markSlowStarted();
          const outcome = await diagnoser(text);
          const findings = outcome.kind === 'diagnosed' ? outcome.diagnosed.diagnosis.findings.map((finding) => finding.code) : [];
          return { status: 200, body: { outcome: outcome.kind, findings } };
        },
      },
    });
  });
  after(async () => {
    await server.close(1_000);
    await pool.close();
  });

  /** Sends the slow paste, then (once it is being read) /healthz and an ordinary paste; returns the order they completed in. */
  async function race(): Promise<{ order: string[]; bodies: Record<string, unknown> }> {
    const slowStarted = new Promise<void>((resolve) => (markSlowStarted = resolve));
    const order: string[] = [];
    const bodies: Record<string, unknown> = {};
    const track = (name: string, request: Promise<Response>): Promise<void> =>
      request.then(async (response) => {
        bodies[name] = await response.json();
        order.push(name);
      });
    const post = (text: string): Promise<Response> =>
      fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text }) });
    const slow = track('slow paste', post(SLOW_PASTE));
    await slowStarted;
    await Promise.all([slow, track('healthz', fetch(`${server.url}/healthz`)), track('ordinary paste', post(SERVER_ERROR))]);
    return { order, bodies };
  }

  it('baseline: read on the server thread, the slow paste holds /healthz and the other paste until it is done', async () => {
    diagnoser = onThisThread;
    const { order } = await race();
    assert.equal(order[0], 'slow paste', order.join(' → '));
  });

  it('read by the pool, /healthz and the other paste are answered while the slow paste is still being read', async () => {
    diagnoser = pool.diagnose;
    const { order, bodies } = await race();
    assert.equal(order.at(-1), 'slow paste', order.join(' → '));
    assert.deepEqual(bodies['slow paste'], { outcome: 'diagnosed', findings: [500001] }, 'the slow paste itself is read in full');
    assert.deepEqual(bodies['ordinary paste'], { outcome: 'diagnosed', findings: [500001] });
    assert.deepEqual(bodies.healthz, { status: 'ok' });
  });
});
