import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AuditDraft, AuditKind } from '#src/failover/index.ts';
import { AUDIT_INDEX_KEY, auditChunkKey, createAuditLog } from '#src/state/audit.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { openSqliteStore } from '#src/state/sqlite-store.ts';

const HUB_A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-a';
const HUB_B = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-b';
const DAY = Date.UTC(2026, 4, 1);
const HOUR = 3_600_000;

function draft(at: number, kind: AuditKind = 'requested', hubId = HUB_A, extra: Partial<AuditDraft> = {}): AuditDraft {
  return {
    at: new Date(at).toISOString(),
    kind,
    hubId,
    hubName: hubId.split('/').at(-1) ?? '',
    failoverKind: 'failover',
    actor: { name: 'Alice', aadObjectId: 'a11ce000-0000-0000-0000-00000000000a' },
    requestId: 'req-00000000000000001',
    justification: null,
    reason: null,
    failoverRegion: 'North Europe',
    armRequestId: null,
    operationId: null,
    detail: null,
    ...extra,
  };
}

describe('audit log', () => {
  it('appends with ids and returns records newest first', async () => {
    const audit = createAuditLog(createMemoryStore());
    const written = await audit.append([draft(DAY + HOUR), draft(DAY + 2 * HOUR, 'approved')]);
    assert.equal(written.length, 2);
    assert.notEqual(written[0]?.id, written[1]?.id);
    const latest = await audit.latest(10);
    assert.deepEqual(latest.map((record) => record.kind), ['approved', 'requested']);
    assert.deepEqual(latest[1], written[0]);
  });

  it('latest N spans days and can be limited to one hub (case-insensitive)', async () => {
    const audit = createAuditLog(createMemoryStore());
    for (let day = 0; day < 20; day++) {
      await audit.append([draft(DAY + day * 24 * HOUR + HOUR, 'requested', day % 2 === 0 ? HUB_A : HUB_B, { detail: `d${day}` })]);
    }
    const three = await audit.latest(3);
    assert.deepEqual(three.map((record) => record.detail), ['d19', 'd18', 'd17']);
    const hubA = await audit.latest(4, { hubId: HUB_A.toUpperCase() });
    assert.deepEqual(hubA.map((record) => record.detail), ['d18', 'd16', 'd14', 'd12']);
    assert.equal((await audit.latest(100)).length, 20);
    assert.deepEqual(await audit.latest(0), []);
  });

  it('range is [from, to), oldest first, across day documents', async () => {
    const audit = createAuditLog(createMemoryStore());
    await audit.append([draft(DAY - 1, 'requested', HUB_A, { detail: 'before' })]);
    await audit.append([draft(DAY, 'approved', HUB_A, { detail: 'from' })]);
    await audit.append([draft(DAY + 30 * HOUR, 'started', HUB_A, { detail: 'next day' })]);
    await audit.append([draft(DAY + 48 * HOUR, 'succeeded', HUB_A, { detail: 'to' })]);
    const records = await audit.range(DAY, DAY + 48 * HOUR);
    assert.deepEqual(records.map((record) => record.detail), ['from', 'next day']);
    assert.deepEqual(await audit.range(DAY, DAY), []);
  });

  it('successesSince counts only succeeded records of the hub after the instant, with their kind', async () => {
    const audit = createAuditLog(createMemoryStore());
    const since = DAY + 10 * HOUR;
    await audit.append([
      draft(since, 'succeeded', HUB_A, { failoverKind: 'failover', requestId: 'req-at-boundary-0001' }),
      draft(since + 1, 'succeeded', HUB_A, { failoverKind: 'failover', requestId: 'req-one-00000000001' }),
      draft(since + 2 * HOUR, 'failed', HUB_A),
      draft(since + 3 * HOUR, 'succeeded', HUB_B),
      draft(since + 25 * HOUR, 'succeeded', HUB_A, { failoverKind: 'failback', requestId: 'req-two-00000000002' }),
    ]);
    assert.deepEqual(await audit.successesSince(HUB_A, since), [
      { at: new Date(since + 1).toISOString(), kind: 'failover', requestId: 'req-one-00000000001' },
      { at: new Date(since + 25 * HOUR).toISOString(), kind: 'failback', requestId: 'req-two-00000000002' },
    ]);
  });

  it('rolls over to a new chunk when a day document is full', async () => {
    const store = createMemoryStore();
    const audit = createAuditLog(store, { chunkMax: 3 });
    for (let i = 0; i < 8; i++) await audit.append([draft(DAY + i * 1000, 'progress', HUB_A, { detail: `p${i}` })]);
    const index = await store.get<{ days: Record<string, number> }>(AUDIT_INDEX_KEY);
    assert.deepEqual(index?.value.days, { '2026-05-01': 3 });
    assert.equal((await store.get<{ records: unknown[] }>(auditChunkKey('2026-05-01', 0)))?.value.records.length, 3);
    assert.equal((await store.get<{ records: unknown[] }>(auditChunkKey('2026-05-01', 2)))?.value.records.length, 2);
    assert.deepEqual(
      (await audit.range(DAY, DAY + HOUR)).map((record) => record.detail),
      Array.from({ length: 8 }, (_u, i) => `p${i}`),
    );
  });

  it('concurrent appends (with roll-over) all land exactly once', async () => {
    const audit = createAuditLog(createMemoryStore(), { chunkMax: 5 });
    await Promise.all(Array.from({ length: 40 }, (_u, i) => audit.append([draft(DAY + i, 'progress', HUB_A, { detail: `c${i}` })])));
    const records = await audit.range(DAY, DAY + HOUR);
    assert.equal(records.length, 40);
    assert.equal(new Set(records.map((record) => record.detail)).size, 40);
  });

  it('rejects a draft whose timestamp is not a date', async () => {
    const audit = createAuditLog(createMemoryStore());
    await assert.rejects(audit.append([{ ...draft(DAY), at: 'yesterday' }]));
  });
});

describe('audit log on SQLite shared by two connections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('appends from both connections survive', async () => {
    const path = join(dir, 'state.db');
    const one = openSqliteStore(path);
    const two = openSqliteStore(path);
    const a = createAuditLog(one, { chunkMax: 4 });
    const b = createAuditLog(two, { chunkMax: 4 });
    await Promise.all([
      ...Array.from({ length: 10 }, (_u, i) => a.append([draft(DAY + i, 'progress', HUB_A, { detail: `a${i}` })])),
      ...Array.from({ length: 10 }, (_u, i) => b.append([draft(DAY + i, 'progress', HUB_A, { detail: `b${i}` })])),
    ]);
    const records = await a.range(DAY, DAY + HOUR);
    assert.equal(new Set(records.map((record) => record.detail)).size, 20);
    assert.equal(records.length, 20);
    await one.close();
    await two.close();
  });
});
