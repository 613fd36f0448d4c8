// The state store port: a small versioned key-value store with optimistic concurrency (implemented in
// src/state/), and the read-modify-write with compare-and-set and retry that every writer uses on it.
import { setTimeout } from 'node:timers/promises';

/** A stored document and the version tag it was read at. */
export interface StoreItem<T> {
  value: T;
  eTag: string;
}

/** Unconditional write: last writer wins. */
export const ANY_ETAG = '*';

/** A key and when it was last written (ms since the epoch, by the store's clock). */
export interface WrittenKey {
  key: string;
  writtenAt: number;
}

/**
 * Port: a small versioned key-value store with optimistic concurrency, shaped like botbuilder's Storage.
 * Values are JSON objects written only by this application. Keys: 1-400 characters of [A-Za-z0-9._~:/%-].
 */
export interface StateStore {
  readonly kind: 'memory' | 'sqlite' | 'azblob';
  /** The items that exist, by key; missing keys are absent from the map. */
  read<T>(keys: readonly string[]): Promise<Map<string, StoreItem<T>>>;
  get<T>(key: string): Promise<StoreItem<T> | undefined>;
  /**
   * Compare-and-set: replaces the value only if the stored eTag is still `eTag` (throws StoreConflictError
   * otherwise, including when the key no longer exists). `ANY_ETAG` writes unconditionally.
   */
  write<T>(key: string, value: T, eTag: string): Promise<void>;
  /** Creates the key; throws StoreConflictError when it already exists. */
  create<T>(key: string, value: T): Promise<void>;
  /** Removes the key (no error when absent). */
  delete(key: string): Promise<void>;
  /**
   * Housekeeping, never on a turn's path: the keys under `prefix` last written at or after `from` and before
   * `to` (ms since the epoch), oldest first. Each store answers from what it keeps anyway (SQLite's
   * updated_at, a blob's Last-Modified), so nothing extra is written per document.
   */
  listKeys(prefix: string, written: { from: number; to: number }): Promise<WrittenKey[]>;
  /** Readiness: reads and checks the store's meta record; throws when the store cannot hand it back. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A write lost a compare-and-set race (or a create found the key): re-read and decide again. */
export class StoreConflictError extends Error {
  readonly key: string;
  readonly conflict: 'etag-mismatch' | 'exists';
  constructor(key: string, conflict: 'etag-mismatch' | 'exists') {
    super(conflict === 'exists' ? `store: "${key}" already exists` : `store: "${key}" was changed by someone else (eTag mismatch)`);
    this.name = 'StoreConflictError';
    this.key = key;
    this.conflict = conflict;
  }
}

export function isStoreConflict(error: unknown): error is StoreConflictError {
  return error instanceof StoreConflictError;
}

/** Runs a conditional write; false when another writer got there first (the condition failed). */
async function wonConditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isStoreConflict(error)) return false;
    throw error;
  }
}

/** Creates `key`; false when it exists already. */
export function createIfAbsent(store: StateStore, key: string, value: unknown): Promise<boolean> {
  return wonConditionalWrite(() => store.create(key, value));
}

/** Replaces `key` if it still has `eTag`; false when it changed meanwhile. */
export function replaceIfUnchanged(store: StateStore, key: string, value: unknown, eTag: string): Promise<boolean> {
  return wonConditionalWrite(() => store.write(key, value, eTag));
}

export const CAS_MAX_ATTEMPTS = 100;

/** A short random pause after a lost race, so racing writers spread out (real time: never tied to a test clock). */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** Math.min(attempt, 6));
  return setTimeout(Math.floor(Math.random() * ceiling));
}

/**
 * Applies `change` to the current value (undefined when absent) until the compare-and-set succeeds.
 * `change` returning undefined means "leave it as it is". Returns the value now stored (or left).
 * `change` must be idempotent in intent ("add id if absent", "take the lock for R"): a write that the
 * storage SDK retried after it had in fact landed comes back as a conflict, and the next round must then
 * find nothing left to do.
 */
export async function updateDocument<T>(store: StateStore, key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
  for (let attempt = 0; attempt < CAS_MAX_ATTEMPTS; attempt++) {
    const item = await store.get<T>(key);
    const next = change(item?.value);
    if (next === undefined) return item?.value;
    try {
      if (item) await store.write(key, next, item.eTag);
      else await store.create(key, next);
      return next;
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
      await backoff(attempt);
    }
  }
  throw new StoreConflictError(key, 'etag-mismatch');
}
