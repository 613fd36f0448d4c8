import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { StoreConflictError } from '#src/core/store.ts';
import type { StateStore } from '#src/core/store.ts';
import { StoreIntegrityError } from '#src/state/integrity.ts';
import { STORE_META_KEY } from '#src/state/meta.ts';
import { openSqliteStore } from '#src/state/sqlite-store.ts';
import { filledSqliteStore, garbleMiddlePages } from '#test/support/damaged-sqlite.ts';
import { storeContract } from '#test/support/store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'state-sqlite-'));
const path = join(dir, 'state.db');
let store: StateStore;

before(() => {
  store = openSqliteStore(path);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

storeContract('sqlite', () => store);

function runWorkers(job: { mode: 'increment' | 'race'; key: string; times: number }, workers: number): Promise<string[]> {
  const barrier = new SharedArrayBuffer(4);
  return Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<string>((resolve, reject) => {
          const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { ...job, path, workers, barrier } });
          worker.once('message', (message: string) => resolve(message));
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  );
}

describe('sqlite store: several connections on one file', () => {
  it('uses WAL', () => {
    const probe = new DatabaseSync(path);
    const row = probe.prepare('PRAGMA journal_mode').get();
    probe.close();
    assert.equal(row?.['journal_mode'], 'wal');
  });

  it('two connections racing a CAS on the same eTag: exactly one wins', async () => {
    const other = openSqliteStore(path);
    try {
      await store.create('race/two', { n: 0 });
      const mine = await store.get<{ n: number }>('race/two');
      const theirs = await other.get<{ n: number }>('race/two');
      assert.ok(mine && theirs);
      assert.equal(mine.eTag, theirs.eTag);
      const results = await Promise.allSettled([store.write('race/two', { n: 1 }, mine.eTag), other.write('race/two', { n: 2 }, theirs.eTag)]);
      assert.deepEqual(
        results.map((result) => result.status),
        ['fulfilled', 'rejected'],
      );
      const rejected = results[1];
      assert.ok(rejected?.status === 'rejected' && rejected.reason instanceof StoreConflictError);
      assert.deepEqual((await other.get('race/two'))?.value, { n: 1 });
      // The loser's create of an existing key also conflicts across connections.
      await assert.rejects(other.create('race/two', { n: 3 }), StoreConflictError);
    } finally {
      await other.close();
    }
  });

  it('4 threads, each with its own connection, read one eTag then write at once: exactly one wins', async () => {
    await store.create('race/threads', { n: 0 });
    const results = await runWorkers({ mode: 'race', key: 'race/threads', times: 1 }, 4);
    assert.equal(results.filter((result) => result === 'won').length, 1);
    assert.equal(results.filter((result) => result === 'lost').length, 3);
    assert.deepEqual((await store.get('race/threads'))?.value, { n: 1 });
  });

  it('4 threads incrementing with CAS + retry lose no update', async () => {
    await runWorkers({ mode: 'increment', key: 'counter/threads', times: 25 }, 4);
    assert.deepEqual((await store.get('counter/threads'))?.value, { n: 100 });
  });

  it('keeps data across reopen', async () => {
    await store.create('durable/one', { n: 7 });
    const reopened = openSqliteStore(path);
    assert.deepEqual((await reopened.get('durable/one'))?.value, { n: 7 });
    await reopened.close();
  });
});

describe('sqlite store: table layout', () => {
  const tableSql = (file: string): string => {
    const probe = new DatabaseSync(file);
    try {
      const row = probe.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'kv'").get();
      return String(row?.['sql'] ?? '');
    } finally {
      probe.close();
    }
  };

  it('a new database has a rowid table (large JSON values do not sit in the b-tree key)', () => {
    assert.ok(tableSql(path).includes('CREATE TABLE'));
    assert.doesNotMatch(tableSql(path), /without\s+rowid/i);
  });

  it('a database of an earlier version (WITHOUT ROWID) is migrated on open: keys, values and eTags kept, CAS still holds', async () => {
    const oldPath = join(dir, 'earlier.db');
    const earlier = new DatabaseSync(oldPath);
    earlier.exec('PRAGMA journal_mode = WAL');
    earlier.exec('CREATE TABLE kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID');
    const insert = earlier.prepare('INSERT INTO kv (key, value, etag, updated_at) VALUES (?, ?, ?, ?)');
    insert.run('failover/request/AAAAAAAAAAAAAAAAAAAAAA', JSON.stringify({ state: 'requested', pad: 'x'.repeat(5000) }), 'etag-1', 1);
    insert.run('failover/active', JSON.stringify({ entries: [{ id: 'AAAAAAAAAAAAAAAAAAAAAA', since: '2026-05-01T10:00:00.000Z' }] }), 'etag-2', 2);
    // A process of the earlier version keeps its connection and prepared statements across the migration.
    const select = earlier.prepare('SELECT value, etag FROM kv WHERE key = ?');
    const update = earlier.prepare('UPDATE kv SET value = ?, etag = ? WHERE key = ? AND etag = ?');

    const migrated = openSqliteStore(oldPath);
    const second = openSqliteStore(oldPath);
    try {
      assert.doesNotMatch(tableSql(oldPath), /without\s+rowid/i);
      const record = await migrated.get<{ state: string; pad: string }>('failover/request/AAAAAAAAAAAAAAAAAAAAAA');
      assert.equal(record?.value.state, 'requested');
      assert.equal(record?.value.pad.length, 5000);
      assert.equal(record?.eTag, 'etag-1');
      assert.equal((await second.get('failover/active'))?.eTag, 'etag-2');
      await migrated.write('failover/active', { entries: [] }, 'etag-2');
      await assert.rejects(second.write('failover/active', { entries: [{ id: 'x', since: '' }] }, 'etag-2'), StoreConflictError);
      await assert.rejects(second.create('failover/request/AAAAAAAAAAAAAAAAAAAAAA', {}), StoreConflictError);
      assert.deepEqual((await second.get('failover/active'))?.value, { entries: [] });
      assert.equal(select.get('failover/request/AAAAAAAAAAAAAAAAAAAAAA')?.['etag'], 'etag-1');
      assert.equal(Number(update.run('{"state":"approved"}', 'etag-3', 'failover/request/AAAAAAAAAAAAAAAAAAAAAA', 'etag-1').changes), 1);
      assert.deepEqual((await migrated.get('failover/request/AAAAAAAAAAAAAAAAAAAAAA'))?.value, { state: 'approved' });
    } finally {
      earlier.close();
      await migrated.close();
      await second.close();
    }
  });
});

describe('sqlite store: integrity', () => {
  const integrityError = (file: string): StoreIntegrityError => {
    try {
      openSqliteStore(file);
    } catch (error) {
      assert.ok(error instanceof StoreIntegrityError, `expected a StoreIntegrityError, got ${String(error)}`);
      assert.equal(error.variable, 'STATE_STORE');
      assert.ok(error.message.startsWith(`STATE_STORE (${file}): `), error.message);
      assert.doesNotMatch(error.message, /\n|\bat \S+ \(/, 'one line, no stack');
      return error;
    }
    assert.fail(`expected ${file} to be refused`);
  };

  it('a path that does not exist becomes a new store with its meta record', async () => {
    const file = join(dir, 'brand-new.db');
    assert.ok(!existsSync(file));
    const created = openSqliteStore(file);
    try {
      const meta = await created.get<{ app: string; schema: number }>(STORE_META_KEY);
      assert.equal(meta?.value.app, 'iothub-oncall');
      assert.equal(meta?.value.schema, 1);
      await created.ping();
    } finally {
      await created.close();
    }
  });

  it('an existing empty file (0 bytes) is refused, and left as it was', () => {
    const file = join(dir, 'truncated.db');
    writeFileSync(file, '');
    assert.match(integrityError(file).message, /exists but is empty \(0 bytes\)/);
    assert.equal(statSync(file).size, 0, 'not re-created');
  });

  it('an empty file that another process turns into a store within a moment is opened, not refused', async () => {
    const file = join(dir, 'being-created.db');
    const written = join(dir, 'written-elsewhere.db');
    await openSqliteStore(written).close();
    writeFileSync(file, '');
    // Another thread stands for the other process: it finishes the store 300 ms after we start opening it.
    const creator = new Worker("const { renameSync } = require('node:fs'); const { from, to } = require('node:worker_threads').workerData; setTimeout(() => renameSync(from, to), 300);", {
      eval: true,
      workerData: { from: written, to: file },
    });
    const exited = new Promise((resolve) => creator.once('exit', resolve));
    const opened = openSqliteStore(file);
    try {
      assert.equal((await opened.get<{ app: string }>(STORE_META_KEY))?.value.app, 'iothub-oncall');
    } finally {
      await opened.close();
      await exited;
    }
  });

  it('an SQLite file without the kv table is refused', () => {
    const file = join(dir, 'foreign.db');
    const foreign = new DatabaseSync(file);
    foreign.exec('CREATE TABLE notes (text TEXT)');
    foreign.close();
    assert.match(integrityError(file).message, /without the bot's kv table/);
  });

  it('a file that is not an SQLite database is refused', () => {
    const file = join(dir, 'garbage.db');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    assert.match(integrityError(file).message, /SQLite cannot open it \(file is not a database\)/);
  });

  it('a store whose middle pages are garbage fails quick_check at open', async () => {
    const file = join(dir, 'damaged.db');
    await (await filledSqliteStore(file, 200)).close();
    garbleMiddlePages(file);
    assert.match(integrityError(file).message, /the file is damaged \(SQLite quick_check: /);
  });

  it('a store damaged while open: ping fails (a bare SELECT 1 on the same file still succeeds)', async () => {
    const file = join(dir, 'damaged-live.db');
    const live = await filledSqliteStore(file, 200);
    try {
      await live.ping();
      garbleMiddlePages(file);
      await assert.rejects(live.ping(), /malformed/);
      const bare = new DatabaseSync(file);
      assert.deepEqual({ ...bare.prepare('SELECT 1 AS ok').get() }, { ok: 1 });
      bare.close();
    } finally {
      await live.close();
    }
  });

  it('a store of an earlier version without a meta record is opened and given one', async () => {
    const file = join(dir, 'no-meta.db');
    const earlier = new DatabaseSync(file);
    earlier.exec('CREATE TABLE kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL)');
    earlier.prepare('INSERT INTO kv VALUES (?, ?, ?, ?)').run('failover/active', '{"entries":[]}', 'e1', 1);
    earlier.close();
    const opened = openSqliteStore(file);
    try {
      await opened.ping();
      assert.deepEqual((await opened.get('failover/active'))?.value, { entries: [] });
    } finally {
      await opened.close();
    }
  });

  it('listKeys walks the updated_at index (no table scan through the values)', () => {
    const probe = new DatabaseSync(path);
    try {
      const plan = probe
        .prepare('EXPLAIN QUERY PLAN SELECT key, updated_at FROM kv INDEXED BY kv_updated_at WHERE updated_at >= ? AND updated_at < ? AND key >= ? AND key < ? ORDER BY updated_at, key')
        .all(0, 1, 'a', 'b')
        .map((step) => String(step['detail']));
      assert.ok(plan.some((detail) => /USING COVERING INDEX kv_updated_at/.test(detail)), plan.join('\n'));
    } finally {
      probe.close();
    }
  });
});
