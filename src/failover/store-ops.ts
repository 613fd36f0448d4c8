// Read-modify-write over the StateStore port with compare-and-set and retry.
import { StoreConflictError, isStoreConflict } from './ports.ts';
import type { StateStore } from './ports.ts';

export const CAS_MAX_ATTEMPTS = 100;

/** A short random pause after a lost race, so racing writers spread out (real time: never tied to a test clock). */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * ceiling)));
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
