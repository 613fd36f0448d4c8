// Expired proposals are deleted: purgeProposals() removes the failover proposals nobody requested once the
// grace after their expiry is over, keeps every request (and failback proposals), and finds them without
// reading the records it has already looked at. Time is a fake clock shared by the service and the store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StateStore } from '#src/core/store.ts';
import { REQUEST_KEY_PREFIX, requestKey } from '#src/failover/repository.ts';
import { PROPOSAL_GRACE_MS } from '#src/failover/service.ts';
import type { FailoverKind, FailoverRequest } from '#src/failover/types.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { MINUTE, alice, fakeClock } from '#test/support/failover-fakes.ts';
import type { FakeClock } from '#test/support/failover-fakes.ts';
import { CONVERSATION, harness, proposeAndRequest } from '#test/support/failover-harness.ts';
import type { Harness } from '#test/support/failover-harness.ts';

const TTL = 30 * MINUTE;

/** A memory store on the fake clock that counts reads of request records. */
function countingStore(clock: FakeClock): StateStore & { requestReads: () => number } {
  const inner = createMemoryStore({ now: () => clock.now() });
  let reads = 0;
  return {
    ...inner,
    kind: inner.kind,
    async get<T>(key: string) {
      if (key.startsWith(REQUEST_KEY_PREFIX)) reads += 1;
      return inner.get<T>(key);
    },
    requestReads: () => reads,
  };
}

function world(config: { approvalTtlMinutes?: number } = {}, clock = fakeClock(), store = countingStore(clock)): Harness & { store: ReturnType<typeof countingStore> } {
  return { ...harness({ clock, store, config }), store };
}

async function propose(h: Harness, kind: FailoverKind = 'failover'): Promise<FailoverRequest> {
  const proposed = await h.service.propose({ hub: h.directory.hub, kind, conversation: { id: CONVERSATION, reference: { ref: 1 } }, locale: 'en', requester: alice });
  if (!proposed.ok) throw new Error(`proposal refused: ${proposed.reasons.join(',')}`);
  return proposed.record;
}

async function stored(store: StateStore): Promise<string[]> {
  return (await store.listKeys(REQUEST_KEY_PREFIX, { from: 0, to: Number.MAX_SAFE_INTEGER })).map((entry) => entry.key);
}

const act = (h: Harness, verb: 'failover.request' | 'failover.cancel', id: string) =>
  h.service.act({ verb, requestId: id, actor: alice, conversationId: CONVERSATION, inputs: { justification: 'West Europe returns 500001' } });

describe('purgeProposals', () => {
  it('N proposals nobody requested: kept through the grace, all deleted after it', async () => {
    const h = world();
    const ids = [];
    for (let i = 0; i < 25; i++) ids.push((await propose(h)).id);
    assert.equal((await stored(h.store)).length, 25);

    h.clock.advance(TTL + PROPOSAL_GRACE_MS - 1);
    assert.deepEqual((await h.service.purgeProposals()).deleted, []);
    assert.equal((await stored(h.store)).length, 25);

    h.clock.advance(1);
    assert.deepEqual((await h.service.purgeProposals()).deleted.sort(), [...ids].sort());
    assert.deepEqual(await stored(h.store), []);
  });

  it('within the grace a click is told "expired"; a TTL and a grace after that click, the proposal is not found', async () => {
    const h = world();
    const { id } = await propose(h);
    h.clock.advance(TTL + 1);
    assert.equal((await act(h, 'failover.request', id)).record?.state, 'expired');
    h.clock.advance(PROPOSAL_GRACE_MS - 2);
    assert.equal((await act(h, 'failover.request', id)).outcome, 'already-expired');
    // The click rewrote the record (it expired it): it is deleted a TTL and a grace after that write.
    h.clock.advance(TTL + 1);
    assert.deepEqual((await h.service.purgeProposals()).deleted, []);
    h.clock.advance(1);
    assert.deepEqual((await h.service.purgeProposals()).deleted, [id]);
    assert.deepEqual(await act(h, 'failover.request', id), { record: null, outcome: 'not-found' });
  });

  it('keeps every request (even expired unapproved ones) and failback proposals; deletes withdrawn proposals', async () => {
    const h = world();
    const requested = await proposeAndRequest(h);
    const failback = await propose(h, 'failback');
    const withdrawn = await propose(h);
    assert.equal((await act(h, 'failover.cancel', withdrawn.id)).record?.state, 'cancelled');
    h.clock.advance(TTL);
    assert.deepEqual((await h.service.expireDue()).expired, [requested.id]);
    h.clock.advance(PROPOSAL_GRACE_MS + 1);
    assert.deepEqual((await h.service.purgeProposals()).deleted, [withdrawn.id]);
    assert.deepEqual((await stored(h.store)).sort(), [requestKey(requested.id), requestKey(failback.id)].sort());
  });

  it('reads each record about once: a purge with nothing new to look at reads no record', async () => {
    const h = world();
    await proposeAndRequest(h);
    for (let i = 0; i < 5; i++) await propose(h);
    h.clock.advance(TTL + PROPOSAL_GRACE_MS + 1);
    const before = h.store.requestReads();
    await h.service.purgeProposals();
    assert.equal(h.store.requestReads() - before, 6, 'each of the six records read once');
    h.clock.advance(10 * MINUTE);
    const again = h.store.requestReads();
    await h.service.purgeProposals();
    assert.equal(h.store.requestReads() - again, 0);
  });

  it('a proposal made under a longer TTL than today’s is not skipped: deleted once its own grace is over', async () => {
    const clock = fakeClock();
    const store = countingStore(clock);
    const before = world({ approvalTtlMinutes: 120 }, clock, store);
    const { id, expiresAt } = await propose(before);
    const after = world({ approvalTtlMinutes: 30 }, clock, store);
    clock.advance(TTL + PROPOSAL_GRACE_MS + 1);
    assert.deepEqual((await after.service.purgeProposals()).deleted, []);
    clock.set(Date.parse(expiresAt) + PROPOSAL_GRACE_MS);
    assert.deepEqual((await after.service.purgeProposals()).deleted, [id]);
  });
});
