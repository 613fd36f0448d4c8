// The behaviour every StateStore implementation must have; each store's test file runs it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANY_ETAG, StoreConflictError } from '#src/core/store.ts';
import type { StateStore } from '#src/core/store.ts';
import { updateDocument } from '#src/core/store.ts';
import { STORE_META_KEY, newStoreMeta } from '#src/state/meta.ts';

interface Doc {
  n: number;
  text?: string;
}

async function conflictOf(promise: Promise<unknown>): Promise<StoreConflictError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StoreConflictError, `expected StoreConflictError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a StoreConflictError');
}

/** `store()` returns the store under test (opened in the caller's `before`); keys are unique per test. */
export function storeContract(name: string, store: () => StateStore): void {
  let seq = 0;
  const key = (label: string): string => `contract/${name}/${label}-${++seq}`;

  describe(`${name}: StateStore contract`, () => {
    it('a missing key reads as absent', async () => {
      assert.equal(await store().get(key('missing')), undefined);
      const k = key('present');
      await store().create<Doc>(k, { n: 1 });
      const found = await store().read<Doc>([key('nope'), k]);
      assert.deepEqual([...found.keys()], [k]);
      assert.deepEqual(found.get(k)?.value, { n: 1 });
    });

    it('create makes the key once; a second create conflicts with "exists"', async () => {
      const k = key('create');
      await store().create<Doc>(k, { n: 1 });
      const error = await conflictOf(store().create<Doc>(k, { n: 2 }));
      assert.equal(error.conflict, 'exists');
      assert.equal(error.key, k);
      assert.deepEqual((await store().get<Doc>(k))?.value, { n: 1 });
    });

    it('write with the current eTag replaces the value and changes the eTag', async () => {
      const k = key('cas');
      await store().create<Doc>(k, { n: 1 });
      const first = await store().get<Doc>(k);
      assert.ok(first);
      await store().write<Doc>(k, { n: 2 }, first.eTag);
      const second = await store().get<Doc>(k);
      assert.deepEqual(second?.value, { n: 2 });
      assert.notEqual(second?.eTag, first.eTag);
    });

    it('write with a stale eTag conflicts and leaves the value alone', async () => {
      const k = key('stale');
      await store().create<Doc>(k, { n: 1 });
      const first = await store().get<Doc>(k);
      assert.ok(first);
      await store().write<Doc>(k, { n: 2 }, first.eTag);
      const error = await conflictOf(store().write<Doc>(k, { n: 3 }, first.eTag));
      assert.equal(error.conflict, 'etag-mismatch');
      assert.deepEqual((await store().get<Doc>(k))?.value, { n: 2 });
    });

    it('write with an eTag to a key that does not exist conflicts', async () => {
      const k = key('gone');
      await store().create<Doc>(k, { n: 1 });
      const first = await store().get<Doc>(k);
      assert.ok(first);
      await store().delete(k);
      await conflictOf(store().write<Doc>(k, { n: 2 }, first.eTag));
      assert.equal(await store().get(k), undefined);
    });

    it('ANY_ETAG writes unconditionally (creating or replacing)', async () => {
      const k = key('any');
      await store().write<Doc>(k, { n: 1 }, ANY_ETAG);
      await store().write<Doc>(k, { n: 2 }, ANY_ETAG);
      assert.deepEqual((await store().get<Doc>(k))?.value, { n: 2 });
    });

    it('delete removes; deleting a missing key is fine', async () => {
      const k = key('delete');
      await store().create<Doc>(k, { n: 1 });
      await store().delete(k);
      assert.equal(await store().get(k), undefined);
      await store().delete(k);
    });

    it('keeps text exactly, including non-ASCII and JSON-looking content', async () => {
      const k = key('text');
      const text = 'Région « Europe de l’Ouest » ⚡ 東京 😀 "quoted" \\ {"eTag":"x"}\n';
      await store().create<Doc>(k, { n: 1, text });
      assert.equal((await store().get<Doc>(k))?.value.text, text);
    });

    it('returns copies: mutating what was read does not change the store', async () => {
      const k = key('copy');
      await store().create<Doc>(k, { n: 1 });
      const item = await store().get<Doc>(k);
      assert.ok(item);
      item.value.n = 99;
      assert.deepEqual((await store().get<Doc>(k))?.value, { n: 1 });
    });

    it('rejects keys that are not portable', async () => {
      await assert.rejects(store().get('bad key with spaces'));
      await assert.rejects(store().create('/leading', { n: 1 }));
      await assert.rejects(store().create('a//b', { n: 1 }));
    });

    it('20 writers racing the same eTag: exactly one wins', async () => {
      const k = key('race');
      await store().create<Doc>(k, { n: 0 });
      const base = await store().get<Doc>(k);
      assert.ok(base);
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_unused, i) => store().write<Doc>(k, { n: i + 1 }, base.eTag)));
      const won = results.filter((result) => result.status === 'fulfilled');
      assert.equal(won.length, 1);
      for (const result of results) if (result.status === 'rejected') assert.ok(result.reason instanceof StoreConflictError);
      assert.notEqual((await store().get<Doc>(k))?.value.n, 0);
    });

    it('20 creators racing the same key: exactly one wins', async () => {
      const k = key('create-race');
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_unused, i) => store().create<Doc>(k, { n: i })));
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    });

    it('concurrent read-modify-write with retry loses no update', async () => {
      const k = key('counter');
      await Promise.all(Array.from({ length: 15 }, () => updateDocument<Doc>(store(), k, (current) => ({ n: (current?.n ?? 0) + 1 }))));
      assert.equal((await store().get<Doc>(k))?.value.n, 15);
    });

    it('answers ping', async () => {
      await store().ping();
    });

    it('ping reads the meta record back: missing, foreign or of a newer schema, it fails', async () => {
      const meta = await store().get(STORE_META_KEY);
      assert.ok(meta, 'a store has its meta record from the start');
      try {
        await store().delete(STORE_META_KEY);
        await assert.rejects(store().ping(), /meta record/);
        await store().write(STORE_META_KEY, { app: 'someone-else', schema: 1, createdAt: '2026-01-01T00:00:00.000Z' }, ANY_ETAG);
        await assert.rejects(store().ping(), /another application/);
        await store().write(STORE_META_KEY, { ...newStoreMeta(Date.now()), schema: 99 }, ANY_ETAG);
        await assert.rejects(store().ping(), /newer version/);
        await store().write(STORE_META_KEY, 'not a record', ANY_ETAG);
        await assert.rejects(store().ping());
      } finally {
        await store().write(STORE_META_KEY, meta.value, ANY_ETAG);
      }
      await store().ping();
    });

    it('listKeys: the keys under a prefix last written in [from, to), oldest first, without other prefixes', async () => {
      const prefix = `${key('list')}/`;
      await store().create(`${prefix}a`, { n: 1 });
      await store().create(`${prefix}b`, { n: 2 });
      await store().create(`${prefix.slice(0, -1)}-sibling/c`, { n: 3 });
      const all = await store().listKeys(prefix, { from: 0, to: Date.now() + 3_600_000 });
      assert.deepEqual(all.map((entry) => entry.key).sort(), [`${prefix}a`, `${prefix}b`]);
      assert.ok(all.every((entry, i) => i === 0 || (all[i - 1]?.writtenAt ?? 0) <= entry.writtenAt), 'oldest first');
      const a = all.find((entry) => entry.key === `${prefix}a`);
      assert.ok(a && Math.abs(a.writtenAt - Date.now()) < 3_600_000, 'a write time in ms since the epoch');
      assert.ok(!(await store().listKeys(prefix, { from: 0, to: a.writtenAt })).some((entry) => entry.key === a.key), '`to` is exclusive');
      assert.ok((await store().listKeys(prefix, { from: a.writtenAt, to: a.writtenAt + 1 })).some((entry) => entry.key === a.key), '`from` is inclusive');
      await store().write(`${prefix}a`, { n: 4 }, ANY_ETAG);
      const rewritten = (await store().listKeys(prefix, { from: 0, to: Date.now() + 3_600_000 })).find((entry) => entry.key === `${prefix}a`);
      assert.ok(rewritten && rewritten.writtenAt >= a.writtenAt, 'a rewrite moves the key forward');
      await store().delete(`${prefix}b`);
      assert.deepEqual((await store().listKeys(prefix, { from: 0, to: Date.now() + 3_600_000 })).map((entry) => entry.key), [`${prefix}a`]);
    });
  });
}
