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
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { ANY_ETAG, StoreConflictError } from '../failover/ports.ts';
import type { StateStore, StoreItem } from '../failover/ports.ts';
import { assertValidKey } from './keys.ts';

export interface SqliteStoreOptions {
  /** How long a writer waits for another connection's lock, in ms. */
  busyTimeoutMs?: number;
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

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): StateStore {
  const db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  migrateToRowidTable(db);
  db.exec(`CREATE TABLE IF NOT EXISTS kv ${COLUMNS}`);
  const select = db.prepare('SELECT value, etag FROM kv WHERE key = ?');
  const compareAndSet = db.prepare('UPDATE kv SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?');
  const insertIfAbsent = db.prepare('INSERT INTO kv (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING');
  const upsert = db.prepare(
    'INSERT INTO kv (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM kv WHERE key = ?');
  const probe = db.prepare('SELECT 1 AS ok');

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
        upsert.run(key, json, randomUUID(), Date.now());
        return;
      }
      const result = compareAndSet.run(json, randomUUID(), Date.now(), key, eTag);
      if (Number(result.changes) !== 1) throw new StoreConflictError(key, 'etag-mismatch');
    },
    async create<T>(key: string, value: T) {
      assertValidKey(key);
      const result = insertIfAbsent.run(key, JSON.stringify(value), randomUUID(), Date.now());
      if (Number(result.changes) !== 1) throw new StoreConflictError(key, 'exists');
    },
    async delete(key: string) {
      assertValidKey(key);
      remove.run(key);
    },
    async ping() {
      probe.get();
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
