// Proposals and the active index: a proposal is stored but not indexed (so its cost does not grow with the
// number of open proposals), it enters the index before it becomes a request, and it expires lazily.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StateStore } from '#src/core/store.ts';
import { ACTIVE_INDEX_KEY, addActive, isRequestId, newRequestId, readIndexed, requestKey } from '#src/failover/repository.ts';
import type { FailoverRequest } from '#src/failover/types.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { MINUTE, alice, bob } from '#test/support/failover-fakes.ts';
import { CONVERSATION, harness, proposeAndRequest } from '#test/support/failover-harness.ts';
import type { Harness } from '#test/support/failover-harness.ts';

interface IndexDocument {
  entries: { id: string; since: string }[];
}

async function indexedIds(store: StateStore): Promise<string[]> {
  return ((await store.get<IndexDocument>(ACTIVE_INDEX_KEY))?.value.entries ?? []).map((entry) => entry.id);
}

async function propose(h: Harness): Promise<FailoverRequest> {
  const proposed = await h.service.propose({ hub: h.directory.hub, kind: 'failover', conversation: { id: CONVERSATION, reference: { ref: 1 } }, locale: 'en', requester: alice });
  if (!proposed.ok) throw new Error(`proposal refused: ${proposed.reasons.join(',')}`);
  return proposed.record;
}

const request = (h: Harness, id: string) =>
  h.service.act({ verb: 'failover.request', requestId: id, actor: alice, conversationId: CONVERSATION, inputs: { justification: 'West Europe returns 500001' } });

/** A store that records the keys of every write and read, in order. */
function recordingStore(inner: StateStore): StateStore & { writes: string[]; readKeys: string[] } {
  const store = {
    writes: [] as string[],
    readKeys: [] as string[],
    kind: inner.kind,
    async read<T>(keys: readonly string[]) {
      store.readKeys.push(...keys);
      return inner.read<T>(keys);
    },
    async get<T>(key: string) {
      store.readKeys.push(key);
      return inner.get<T>(key);
    },
    async write<T>(key: string, value: T, eTag: string) {
      store.writes.push(key);
      return inner.write(key, value, eTag);
    },
    async create<T>(key: string, value: T) {
      store.writes.push(key);
      return inner.create(key, value);
    },
    delete: inner.delete.bind(inner),
    listKeys: inner.listKeys.bind(inner),
    ping: inner.ping.bind(inner),
    close: inner.close.bind(inner),
  };
  return store;
}

describe('failover proposals and the active index', () => {
  it('a proposal is stored but not indexed, and is not listed as active', async () => {
    const h = harness();
    const record = await propose(h);
    assert.equal((await h.service.get(record.id))?.state, 'proposed');
    assert.deepEqual(await indexedIds(h.store), []);
    assert.deepEqual(await h.service.listActive(), []);
  });

  it('a requested record is indexed, and was indexed before the write that made it a request', async () => {
    const store = recordingStore(createMemoryStore());
    const h = harness({ store });
    const record = await propose(h);
    store.writes.length = 0;
    const requested = await request(h, record.id);
    assert.equal(requested.outcome, 'ok');
    assert.deepEqual(await indexedIds(store), [record.id]);
    const indexWrite = store.writes.indexOf(ACTIVE_INDEX_KEY);
    const recordWrite = store.writes.indexOf(requestKey(record.id));
    assert.ok(indexWrite >= 0 && recordWrite > indexWrite, `writes in order: ${store.writes.join(', ')}`);
    assert.deepEqual((await h.service.listActive()).map((active) => active.id), [record.id]);
  });

  it('20 concurrent request clicks: one request, indexed once', async () => {
    const h = harness();
    const record = await propose(h);
    const results = await Promise.all(Array.from({ length: 20 }, () => request(h, record.id)));
    assert.equal(results.filter((result) => result.outcome === 'ok').length, 1);
    assert.deepEqual(await indexedIds(h.store), [record.id]);
  });

  it('the index stays small after 1,000 proposals: sweeps and eligibility read only what was requested', async () => {
    const store = recordingStore(createMemoryStore());
    const h = harness({ store });
    for (let i = 0; i < 1000; i++) await propose(h);
    const requested = await proposeAndRequest(h);
    assert.deepEqual(await indexedIds(store), [requested.id]);
    store.readKeys.length = 0;
    await h.service.expireDue();
    await h.service.eligibility(h.directory.hub);
    const requestReads = store.readKeys.filter((key) => key.startsWith('failover/request/'));
    assert.deepEqual([...new Set(requestReads)], [requestKey(requested.id)]);
  });

  it('an unrequested proposal is not swept; the first click after its TTL expires it and is refused', async () => {
    const h = harness();
    const record = await propose(h);
    h.clock.set(Date.parse(record.expiresAt));
    assert.deepEqual((await h.service.expireDue()).expired, []);
    assert.equal((await h.service.get(record.id))?.state, 'proposed');
    const late = await request(h, record.id);
    assert.equal(late.outcome, 'already-expired');
    assert.equal(late.record?.state, 'expired');
    await h.service.settled();
    assert.equal(h.notifier.changed.at(-1)?.state, 'expired');
    assert.deepEqual((await h.audit.latest(10)).map((entry) => [entry.kind, entry.detail]), [['expired', 'proposal-not-requested']]);
    assert.deepEqual(await indexedIds(h.store), []);
  });

  it('a refresh of a proposal one millisecond before its TTL leaves it open; at the TTL it shows it expired', async () => {
    const h = harness();
    const record = await propose(h);
    const refresh = () => h.service.act({ verb: 'card.refresh', requestId: record.id, actor: bob, conversationId: CONVERSATION, inputs: {} });
    h.clock.set(Date.parse(record.expiresAt) - 1);
    assert.equal((await refresh()).record?.state, 'proposed');
    h.clock.set(Date.parse(record.expiresAt));
    assert.equal((await refresh()).record?.state, 'expired');
  });

  it('an index written before proposals left it (one naming a proposal) still works: the proposal is expired and dropped when due', async () => {
    const h = harness();
    const record = await propose(h);
    await addActive(h.store, record.id, record.createdAt);
    assert.deepEqual(await h.service.listActive(), [], 'a proposal is never listed as active');
    assert.deepEqual((await h.service.expireDue()).expired, []);
    h.clock.set(Date.parse(record.expiresAt));
    assert.deepEqual((await h.service.expireDue()).expired, [record.id]);
    await h.service.settled();
    assert.deepEqual(await indexedIds(h.store), []);
  });

  it('an index entry left by a request that lost its race to a cancel is pruned by the sweeper', async () => {
    const h = harness();
    const record = await propose(h);
    await addActive(h.store, record.id, record.createdAt);
    const cancelled = await h.service.act({ verb: 'failover.cancel', requestId: record.id, actor: alice, conversationId: CONVERSATION, inputs: {} });
    assert.equal(cancelled.record?.state, 'cancelled');
    await h.service.settled();
    await addActive(h.store, record.id, record.createdAt);
    const swept = await h.service.expireDue();
    assert.deepEqual(swept.pruned, [record.id]);
    assert.deepEqual(await indexedIds(h.store), []);
  });

  it('a requested record is swept at its TTL exactly as before', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    h.clock.advance(29 * MINUTE);
    assert.deepEqual((await h.service.expireDue()).expired, []);
    h.clock.set(Date.parse(requested.expiresAt));
    assert.deepEqual((await h.service.expireDue()).expired, [requested.id]);
  });

  it('readIndexed reads only the records the index names', async () => {
    const store = recordingStore(createMemoryStore());
    const h = harness({ store });
    await propose(h);
    const requested = await proposeAndRequest(h);
    store.readKeys.length = 0;
    const records = await readIndexed(store, h.clock.now());
    assert.deepEqual(records.map((found) => found.id), [requested.id]);
    assert.deepEqual(store.readKeys, [ACTIVE_INDEX_KEY, requestKey(requested.id)]);
  });

  it('attachCard on a malformed or unknown id is null and writes nothing', async () => {
    const store = recordingStore(createMemoryStore());
    const h = harness({ store });
    assert.equal(await h.service.attachCard('../../failover/active', 'activity-1'), null);
    assert.equal(await h.service.attachCard('AAAAAAAAAAAAAAAAAAAAAA', 'activity-1'), null);
    assert.deepEqual(store.writes, []);
    const record = await propose(h);
    assert.equal((await h.service.attachCard(record.id, 'activity-1'))?.conversation.cardActivityId, 'activity-1');
  });

  it('request ids: 16 random bytes as 22 base64url characters, all different', () => {
    const ids = Array.from({ length: 2000 }, () => newRequestId());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids.slice(0, 300)) {
      assert.ok(isRequestId(id) && id.length === 22, id);
      const bytes = Buffer.from(id, 'base64url');
      assert.equal(bytes.length, 16);
      assert.equal(bytes.toString('base64url'), id);
    }
  });
});
