// The cached, single-flight readiness verdict: how many checks a burst of probes costs, how long a good and a
// failed verdict are reused, and what a failing or hanging check reports. Time is an injected clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOT_READY_TTL_MS, READY_TTL_MS, cachedReadiness } from '#src/http/readiness.ts';
import type { ReadinessCheck } from '#src/http/readiness.ts';

function countingCheck(name: string, answer: () => Promise<{ ok: boolean; detail?: string }>): ReadinessCheck & { runs: number } {
  const check = {
    name,
    runs: 0,
    async run() {
      check.runs += 1;
      return answer();
    },
  };
  return check;
}

describe('cachedReadiness', () => {
  it('500 concurrent probes run each check once and all get the same verdict', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const arm = countingCheck('arm', async () => (await gate, { ok: true }));
    const readiness = cachedReadiness([arm]);
    const reports = Array.from({ length: 500 }, () => readiness.report());
    release();
    const answered = await Promise.all(reports);
    assert.equal(arm.runs, 1);
    assert.ok(answered.every((report) => report === answered[0] && report.ready));
  });

  it('reuses a good verdict for READY_TTL_MS, then checks again', async () => {
    let now = 1_000_000;
    const arm = countingCheck('arm', async () => ({ ok: true }));
    const readiness = cachedReadiness([arm], { now: () => now });
    await readiness.report();
    now += READY_TTL_MS - 1;
    await readiness.report();
    assert.equal(arm.runs, 1);
    now += 1;
    await readiness.report();
    assert.equal(arm.runs, 2);
  });

  it('reuses a failed verdict for the shorter NOT_READY_TTL_MS, so a recovery shows soon', async () => {
    assert.ok(NOT_READY_TTL_MS < READY_TTL_MS);
    let now = 1_000_000;
    let healthy = false;
    const store = countingCheck('state', async () => ({ ok: healthy }));
    const readiness = cachedReadiness([store], { now: () => now });
    assert.equal((await readiness.report()).ready, false);
    healthy = true;
    now += NOT_READY_TTL_MS - 1;
    assert.equal((await readiness.report()).ready, false);
    assert.equal(store.runs, 1);
    now += 1;
    assert.equal((await readiness.report()).ready, true);
    assert.equal(store.runs, 2);
  });

  it('a check that throws or hangs makes the verdict not ready, without the error text', async () => {
    const readiness = cachedReadiness(
      [
        { name: 'arm', run: () => new Promise(() => undefined) },
        { name: 'state', run: async () => Promise.reject(new Error('AccountKey=abc in a message')) },
        { name: 'other', run: async () => ({ ok: true }) },
      ],
      { timeoutMs: 50 },
    );
    const report = await readiness.report();
    assert.equal(report.ready, false);
    assert.deepEqual(report.checks, { arm: { ok: false, detail: 'timed out after 50 ms' }, state: { ok: false, detail: 'check failed' }, other: { ok: true } });
  });

  it('a probe after a finished check starts a new one only once the verdict is stale (no stuck in-flight check)', async () => {
    let now = 0;
    const arm = countingCheck('arm', async () => ({ ok: true }));
    const readiness = cachedReadiness([arm], { now: () => now });
    await Promise.all([readiness.report(), readiness.report()]);
    now += READY_TTL_MS;
    await Promise.all([readiness.report(), readiness.report(), readiness.report()]);
    assert.equal(arm.runs, 2);
  });
});
