// SQLite store files for the integrity tests: one filled with records, and garbage written over its pages as
// a bad disk or a bad copy would.
import { readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore } from '#src/state/sqlite-store.ts';
import type { StateStore } from '#src/core/store.ts';

/** A store with `rows` records of 3 KB under failover/request/, checkpointed into the main file. Left open. */
export async function filledSqliteStore(path: string, rows: number): Promise<StateStore> {
  const store = openSqliteStore(path);
  for (let i = 0; i < rows; i++) await store.create(`failover/request/k${String(i).padStart(20, '0')}`, { pad: 'y'.repeat(3000) });
  const other = new DatabaseSync(path);
  other.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  other.close();
  return store;
}

/** Moves the WAL into the file, then overwrites every third page after the first two with garbage. */
export function garbleMiddlePages(path: string): void {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = readFileSync(path);
  const pageSize = 4096;
  for (let page = 2; page < bytes.length / pageSize - 1; page += 3) bytes.fill(0x5a, page * pageSize, (page + 1) * pageSize);
  writeFileSync(path, bytes);
}
