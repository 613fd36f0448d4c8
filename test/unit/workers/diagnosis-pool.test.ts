// The diagnosis worker pool: real worker threads, the real pipeline, and a scripted worker (test/support) for
// pastes that hold a worker, crash it or make it throw. No timed assertions: outcomes, counts and thread ids.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '#src/log.ts';
import type { PasteDiagnosisOutcome } from '#src/workers/diagnoser.ts';
import { startDiagnosisPool } from '#src/workers/diagnosis-pool.ts';
import type { DiagnosisPool, DiagnosisPoolOptions } from '#src/workers/diagnosis-pool.ts';

const SCRIPTED_WORKER = new URL('../../support/scripted-diagnosis-worker.ts', import.meta.url);
const SERVER_ERROR = '{"errorCode":500001,"message":"ServerError"}';

function scriptedPool(options: Partial<DiagnosisPoolOptions> = {}): Promise<DiagnosisPool> {
  return startDiagnosisPool({ budgetMs: 1_000, size: 1, logger: silentLogger(), workerUrl: SCRIPTED_WORKER, ...options });
}

/** The codes found, or why the paste was not read. */
function summary(outcome: PasteDiagnosisOutcome): string {
  if (outcome.kind === 'not-read') return `not-read:${outcome.reason}`;
  return `diagnosed:${outcome.diagnosed.diagnosis.findings.map((finding) => finding.code ?? finding.name).join(',')}`;
}

/** The thread that read the paste (the scripted worker puts it in the log fields). */
function threadOf(outcome: PasteDiagnosisOutcome): unknown {
  return outcome.kind === 'diagnosed' ? outcome.diagnosed.log.threadId : null;
}

/** Waits (polling, no deadline of its own: the test's timeout is the bound) until the condition holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Worker threads of this process, as Node counts its handles (one MessagePort per live worker). */
function workerHandles(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'MessagePort').length;
}

/** Whether a promise has settled, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  return (await Promise.race([promise, new Promise((resolve) => setImmediate(() => resolve(marker)))])) !== marker;
}

describe('diagnosis pool', () => {
  it('reads pastes with the real pipeline on worker threads (redaction included)', async () => {
    const pool = await startDiagnosisPool({ budgetMs: 2_000, logger: silentLogger() });
    try {
      assert.equal(pool.stats().workers, Math.min(2, (await import('node:os')).availableParallelism()));
      const outcome = await pool.diagnose(`${SERVER_ERROR}\nHostName=contoso-iot.azure-devices.net;DeviceId=d1;SharedAccessKey=c2VjcmV0LWtleS12YWx1ZS0wMTIzNDU2Nzg5`);
      assert.equal(summary(outcome), 'diagnosed:500001');
      assert.ok(outcome.kind === 'diagnosed');
      assert.equal(outcome.diagnosed.diagnosis.secrets.count, 1);
      assert.ok(!JSON.stringify(outcome).includes('c2VjcmV0LWtleS12YWx1ZS0wMTIzNDU2Nzg5'), 'the key does not come back from the worker');
    } finally {
      await pool.close();
    }
  });

  it('a paste over the budget: its worker is terminated and replaced, and the next paste is read by the new one', async () => {
    const before = workerHandles();
    const pool = await scriptedPool();
    try {
      const first = await pool.diagnose(SERVER_ERROR);
      assert.equal(summary(first), 'diagnosed:500001');
      assert.equal(await pool.diagnose('spin forever').then(summary), 'not-read:over-budget');
      await until(() => pool.stats().ready === 1);
      const next = await pool.diagnose(SERVER_ERROR);
      assert.equal(summary(next), 'diagnosed:500001');
      assert.notEqual(threadOf(next), threadOf(first), 'a new thread read it');
      assert.deepEqual({ ...pool.stats(), started: pool.stats().started }, { workers: 1, ready: 1, busy: 0, queued: 0, started: 2 });
      assert.equal(workerHandles(), before + 1, 'the spinning thread is gone, one worker is left');
    } finally {
      await pool.close();
    }
  });

  it('a paste that waits for a worker past its budget is answered "busy"', async () => {
    const pool = await scriptedPool();
    try {
      const outcomes = await Promise.all([pool.diagnose('spin forever'), pool.diagnose(SERVER_ERROR)]);
      assert.deepEqual(outcomes.map(summary), ['not-read:over-budget', 'not-read:busy']);
    } finally {
      await pool.close();
    }
  });

  it('bounds its queue: with every worker busy and the queue full, a paste is refused at once', async () => {
    const pool = await scriptedPool({ budgetMs: 60_000, maxQueued: 1 });
    const holding = pool.diagnose('spin forever');
    await until(() => pool.stats().busy === 1);
    const queued = pool.diagnose(SERVER_ERROR);
    assert.equal(pool.stats().queued, 1);
    assert.equal(await pool.diagnose(SERVER_ERROR).then(summary), 'not-read:busy');
    assert.equal(await settled(holding), false, 'the first paste is still being read');
    assert.equal(await settled(queued), false, 'the second still waits');
    await pool.close();
    assert.deepEqual((await Promise.all([holding, queued])).map(summary), ['not-read:busy', 'not-read:busy']);
  });

  it('close() waits for nothing (not even a paste that never ends) and leaves no worker', async () => {
    const before = workerHandles();
    const pool = await scriptedPool({ budgetMs: 60_000, size: 2 });
    assert.equal(workerHandles(), before + 2);
    const never = pool.diagnose('spin forever');
    await until(() => pool.stats().busy === 1);
    await pool.close();
    assert.equal(summary(await never), 'not-read:busy');
    assert.deepEqual(pool.stats(), { workers: 0, ready: 0, busy: 0, queued: 0, started: 2 });
    assert.equal(workerHandles(), before, 'no worker thread left');
    assert.equal(await pool.diagnose(SERVER_ERROR).then(summary), 'not-read:busy', 'a closed pool answers at once');
  });

  it('a worker that crashes is an answer ("failed"), not a hang; another worker takes its place', async () => {
    const pool = await scriptedPool({ budgetMs: 60_000 });
    try {
      const first = await pool.diagnose(SERVER_ERROR);
      assert.equal(await pool.diagnose('crash').then(summary), 'not-read:failed');
      await until(() => pool.stats().ready === 1);
      const next = await pool.diagnose(SERVER_ERROR);
      assert.equal(summary(next), 'diagnosed:500001');
      assert.notEqual(threadOf(next), threadOf(first));
      assert.equal(pool.stats().started, 2);
    } finally {
      await pool.close();
    }
  });

  it('a pipeline that throws is "failed" and the worker goes on', async () => {
    const pool = await scriptedPool({ budgetMs: 60_000 });
    try {
      const first = await pool.diagnose(SERVER_ERROR);
      assert.equal(await pool.diagnose('throw').then(summary), 'not-read:failed');
      const next = await pool.diagnose(SERVER_ERROR);
      assert.equal(threadOf(next), threadOf(first), 'the same thread');
      assert.equal(pool.stats().started, 1);
    } finally {
      await pool.close();
    }
  });

  it('two workers read two pastes at once', async () => {
    const pool = await scriptedPool({ budgetMs: 60_000, size: 2 });
    try {
      const holding = pool.diagnose('spin forever');
      await until(() => pool.stats().busy === 1);
      assert.equal(await pool.diagnose(SERVER_ERROR).then(summary), 'diagnosed:500001', 'read while the other worker is held');
      assert.equal(await settled(holding), false);
    } finally {
      await pool.close();
    }
  });

  it('a worker module that does not load fails the start and leaves no worker', async () => {
    const before = workerHandles();
    await assert.rejects(scriptedPool({ workerUrl: new URL('../../support/no-such-worker.ts', import.meta.url), size: 2 }), /exited with code 1 before it was ready/);
    assert.equal(workerHandles(), before);
  });
});
