// SQLite through Node's built-in node:sqlite. WAL lets readers and one writer work at once; busy_timeout
// makes a second process wait for the write lock instead of failing. Every conditional write is ONE
// statement (UPDATE ... WHERE etag = ?, INSERT ... ON CONFLICT DO NOTHING), so the compare and the set
// are atomic across connections and processes sharing the file.
//
// The table is an ordinary rowid table with a unique key. The values are JSON documents of a few KB (a
// request record, the card a proposal was posted on): in a WITHOUT ROWID table the whole row is the b-tree
// key, so such rows sit in the interior pages too, spill into overflow pages on every level and leave a
// tree of very low fan-out; every read and write of every key then costs several times more (measured
// 2x on writes, 5x on reads). A database created by an earlier version with a WITHOUT ROWID table is
// copied into the rowid layout once, when it is opened, in one transaction (keys, values and eTags kept).
//
// Integrity, at open: a path that does not exist becomes a new store (table + meta record). A file that
// exists must already be a store: an empty file (a truncation, a failed copy) or a database without the kv
// table is refused rather than silently re-created empty, and so is a file that fails SQLite's quick_check.
// Two processes starting together on a new path: one creates the file, which is empty (then kv-less) for a
// moment; the other waits a little for it to be written before it calls it empty.
// The readiness check then reads back two real records: the meta record and the latest written one, found
// through an index on (updated_at, key).
//
// Housekeeping (listKeys) walks that index too, so finding old keys reads neither the values nor the keys
// written since.
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { ANY_ETAG, StoreConflictError } from '../core/store.ts';
import type { StateStore, StoreItem, WrittenKey } from '../core/store.ts';
import { StoreIntegrityError } from './integrity.ts';
import { assertValidKey } from './keys.ts';
import { STORE_META_KEY, checkStoreMeta, newStoreMeta } from './meta.ts';

export interface SqliteStoreOptions {
  /** How long a writer waits for another connection's lock, in ms. */
  busyTimeoutMs?: number;
  /** Clock of updated_at (tests). */
  now?: () => number;
}

function row(value: unknown): { value: string; etag: string } | undefined {
  if (value === undefined || value === null || typeof value !== 'object') return undefined;
  const text = Reflect.get(value, 'value');
  const etag = Reflect.get(value, 'etag');
  return typeof text === 'string' && typeof etag === 'string' ? { value: text, etag } : undefined;
}

const COLUMNS = '(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL)';

function isWithoutRowid(db: DatabaseSync): boolean {
  const found: unknown = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'kv'").get();
  const sql = typeof found === 'object' && found !== null ? Reflect.get(found, 'sql') : null;
  return typeof sql === 'string' && /without\s+rowid/i.test(sql);
}

/** Copies a WITHOUT ROWID kv table of an earlier version into the rowid layout (once; other openers wait, then find it done). */
function migrateToRowidTable(db: DatabaseSync): void {
  if (!isWithoutRowid(db)) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    if (isWithoutRowid(db)) {
      db.exec('DROP TABLE IF EXISTS kv_rowid');
      db.exec(`CREATE TABLE kv_rowid ${COLUMNS}`);
      db.exec('INSERT INTO kv_rowid (key, value, etag, updated_at) SELECT key, value, etag, updated_at FROM kv');
      db.exec('DROP TABLE kv');
      db.exec('ALTER TABLE kv_rowid RENAME TO kv');
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

function hasKvTable(db: DatabaseSync): boolean {
  return db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'kv'").get() !== undefined;
}

function quickCheck(db: DatabaseSync): string[] {
  return db
    .prepare('PRAGMA quick_check(5)')
    .all()
    .map((found) => String(Reflect.get(found, 'quick_check')))
    .filter((line) => line !== 'ok');
}

/** Empty or without the kv table: a damaged store, or one that another process is creating right now. */
class UnwrittenStoreError extends StoreIntegrityError {}

/** How long an empty or kv-less file may take to become a store before it is refused. */
const CONCURRENT_CREATION_GRACE_MS = 2_000;
const CONCURRENT_CREATION_POLL_MS = 50;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** openVerified, with a short grace for a file that another process has just created and not yet written. */
function openSettled(path: string, busyTimeoutMs: number, now: number): DatabaseSync {
  const deadline = performance.now() + CONCURRENT_CREATION_GRACE_MS;
  for (;;) {
    try {
      return openVerified(path, busyTimeoutMs, now);
    } catch (error) {
      if (!(error instanceof UnwrittenStoreError) || performance.now() >= deadline) throw error;
      sleepSync(CONCURRENT_CREATION_POLL_MS);
    }
  }
}

/** Opens an existing store file, or creates a new one where nothing exists; refuses a damaged or foreign file. */
function openVerified(path: string, busyTimeoutMs: number, now: number): DatabaseSync {
  const inMemory = path === ':memory:';
  const existed = !inMemory && existsSync(path);
  if (existed && statSync(path).size === 0) {
    throw new UnwrittenStoreError(
      path,
      'the file exists but is empty (0 bytes): it was truncated or never written. The bot will not start a new, empty store over it (the audit trail and pending requests would be gone silently). Restore it from a backup, or delete it to start a new store',
    );
  }
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(path, { timeout: busyTimeoutMs });
    if (existed) {
      const problems = quickCheck(db);
      if (problems.length > 0) {
        const found = problems.join('; ').replace(/\s+/g, ' ').slice(0, 300);
        throw new StoreIntegrityError(path, `the file is damaged (SQLite quick_check: ${found}). Restore it from a backup`);
      }
      if (!hasKvTable(db)) {
        throw new UnwrittenStoreError(path, "the file is an SQLite database without the bot's kv table: it is not this bot's store, or it lost its schema. Point STATE_STORE at the right file, restore it from a backup, or delete it to start a new store");
      }
    }
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    migrateToRowidTable(db);
    db.exec(`CREATE TABLE IF NOT EXISTS kv ${COLUMNS}`);
    db.exec('CREATE INDEX IF NOT EXISTS kv_updated_at ON kv (updated_at, key)');
    // A new store gets its meta record; so does a store created by a version that wrote none.
    db.prepare('INSERT INTO kv (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING').run(STORE_META_KEY, JSON.stringify(newStoreMeta(now)), randomUUID(), now);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    if (error instanceof StoreIntegrityError) throw error;
    // "file is not a database", "database disk image is malformed": SQLite's own words, without a stack.
    throw new StoreIntegrityError(path, `SQLite cannot open it (${error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) : String(error)}). Restore it from a backup`);
  }
}

/**
 * Reads two real records and parses them: the meta record, and the latest written one (damage is often in
 * the pages written last). Reading them walks the table, its key index and its updated_at index, where a
 * bare SELECT 1 succeeds on a file whose pages are garbage.
 */
function readBackRecords(db: DatabaseSync): void {
  checkStoreMeta(JSON.parse(row(db.prepare('SELECT value, etag FROM kv WHERE key = ?').get(STORE_META_KEY))?.value ?? 'null'));
  const latest = row(db.prepare('SELECT value, etag FROM kv ORDER BY updated_at DESC LIMIT 1').get());
  if (latest !== undefined) JSON.parse(latest.value);
}

/** The next string after every string that starts with `prefix` (keys are ASCII, '~' is the largest allowed). */
function prefixEnd(prefix: string): string {
  return `${prefix}\u007f`;
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = openSettled(path, busyTimeoutMs, now());
  const select = db.prepare('SELECT value, etag FROM kv WHERE key = ?');
  const compareAndSet = db.prepare('UPDATE kv SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?');
  const insertIfAbsent = db.prepare('INSERT INTO kv (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING');
  const upsert = db.prepare(
    'INSERT INTO kv (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM kv WHERE key = ?');
  const writtenBetween = db.prepare(
    'SELECT key, updated_at FROM kv INDEXED BY kv_updated_at WHERE updated_at >= ? AND updated_at < ? AND key >= ? AND key < ? ORDER BY updated_at, key',
  );

  const getOne = <T>(key: string): StoreItem<T> | undefined => {
    assertValidKey(key);
    const found = row(select.get(key));
    return found ? { value: JSON.parse(found.value) as T, eTag: found.etag } : undefined;
  };

  return {
    kind: 'sqlite',
    async read<T>(keys: readonly string[]) {
      const found = new Map<string, StoreItem<T>>();
      for (const key of keys) {
        const item = getOne<T>(key);
        if (item) found.set(key, item);
      }
      return found;
    },
    async get<T>(key: string) {
      return getOne<T>(key);
    },
    async write<T>(key: string, value: T, eTag: string) {
      assertValidKey(key);
      const json = JSON.stringify(value);
      if (eTag === ANY_ETAG) {
        upsert.run(key, json, randomUUID(), now());
        return;
      }
      const result = compareAndSet.run(json, randomUUID(), now(), key, eTag);
      if (Number(result.changes) !== 1) throw new StoreConflictError(key, 'etag-mismatch');
    },
    async create<T>(key: string, value: T) {
      assertValidKey(key);
      const result = insertIfAbsent.run(key, JSON.stringify(value), randomUUID(), now());
      if (Number(result.changes) !== 1) throw new StoreConflictError(key, 'exists');
    },
    async delete(key: string) {
      assertValidKey(key);
      remove.run(key);
    },
    async listKeys(prefix, written) {
      const found: WrittenKey[] = [];
      for (const entry of writtenBetween.all(written.from, written.to, prefix, prefixEnd(prefix))) {
        const key: unknown = Reflect.get(entry, 'key');
        const writtenAt: unknown = Reflect.get(entry, 'updated_at');
        if (typeof key === 'string' && typeof writtenAt === 'number') found.push({ key, writtenAt });
      }
      return found;
    },
    async ping() {
      // On a connection of its own: this one's page cache would answer from memory what the disk no longer holds.
      const fresh = path === ':memory:' ? db : new DatabaseSync(path, { timeout: busyTimeoutMs });
      try {
        readBackRecords(fresh);
      } finally {
        if (fresh !== db) fresh.close();
      }
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
