// In-memory store for tests: same semantics as the durable ones (CAS on eTag, create-if-absent), values
// copied through JSON so a caller can never mutate what is stored.
import { StoreConflictError } from '../core/store.ts';
import type { StateStore, StoreItem, WrittenKey } from '../core/store.ts';
import { ANY_ETAG } from '../core/store.ts';
import { assertValidKey } from './keys.ts';
import { STORE_META_KEY, checkStoreMeta, newStoreMeta } from './meta.ts';

interface Stored {
  json: string;
  eTag: string;
  writtenAt: number;
}

export interface MemoryStoreOptions {
  /** Clock of the write times listKeys reports (tests). */
  now?: () => number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  const items = new Map<string, Stored>();
  let counter = 0;
  let closed = false;
  const nextETag = (): string => `"m${++counter}"`;
  const open = (): void => {
    if (closed) throw new Error('store: memory store is closed');
  };
  // Every operation yields once first, so concurrent callers interleave the way they would on a real store.
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  const getOne = <T>(key: string): StoreItem<T> | undefined => {
    const stored = items.get(key);
    return stored ? { value: JSON.parse(stored.json) as T, eTag: stored.eTag } : undefined;
  };
  const put = (key: string, value: unknown): void => {
    items.set(key, { json: JSON.stringify(value), eTag: nextETag(), writtenAt: now() });
  };
  put(STORE_META_KEY, newStoreMeta(now()));

  return {
    kind: 'memory',
    async read<T>(keys: readonly string[]) {
      await tick();
      open();
      const found = new Map<string, StoreItem<T>>();
      for (const key of keys) {
        assertValidKey(key);
        const item = getOne<T>(key);
        if (item) found.set(key, item);
      }
      return found;
    },
    async get<T>(key: string) {
      await tick();
      open();
      assertValidKey(key);
      return getOne<T>(key);
    },
    async write<T>(key: string, value: T, eTag: string) {
      await tick();
      open();
      assertValidKey(key);
      const current = items.get(key);
      if (eTag !== ANY_ETAG && current?.eTag !== eTag) throw new StoreConflictError(key, 'etag-mismatch');
      put(key, value);
    },
    async create<T>(key: string, value: T) {
      await tick();
      open();
      assertValidKey(key);
      if (items.has(key)) throw new StoreConflictError(key, 'exists');
      put(key, value);
    },
    async delete(key: string) {
      await tick();
      open();
      assertValidKey(key);
      items.delete(key);
    },
    async listKeys(prefix, written) {
      await tick();
      open();
      const found: WrittenKey[] = [];
      for (const [key, stored] of items) {
        if (key.startsWith(prefix) && stored.writtenAt >= written.from && stored.writtenAt < written.to) found.push({ key, writtenAt: stored.writtenAt });
      }
      return found.sort((a, b) => a.writtenAt - b.writtenAt || (a.key < b.key ? -1 : 1));
    },
    async ping() {
      open();
      checkStoreMeta(getOne(STORE_META_KEY)?.value);
    },
    async close() {
      closed = true;
    },
  };
}
