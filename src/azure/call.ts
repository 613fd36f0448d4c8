// Options every SDK call gets: an abort signal (caller + budget), a per-request timeout, and the
// client request id the attempt observer recognises.
import type { Deadline } from '../core/abort.ts';
import type { AttemptObserver, ObservedCall } from './observer.ts';

export interface CallOptions {
  abortSignal: AbortSignal;
  requestOptions: { timeout: number; customHeaders: Record<string, string> };
}

export function callOptions(limit: Deadline, perRequestTimeoutMs: number, observed: ObservedCall): CallOptions {
  return {
    abortSignal: limit.signal,
    requestOptions: { timeout: Math.max(1, Math.min(perRequestTimeoutMs, limit.remainingMs())), customHeaders: { ...observed.headers } },
  };
}

/** What `map` keeps (anything but null) of the items of a paged SDK listing, reading at most `maxPages` pages. */
export async function collectPages<Item, Mapped>(pages: AsyncIterable<Item[]>, maxPages: number, map: (item: Item) => Mapped | null): Promise<Mapped[]> {
  const found: Mapped[] = [];
  let read = 0;
  for await (const page of pages) {
    for (const item of page) {
      const mapped = map(item);
      if (mapped) found.push(mapped);
    }
    if (++read >= maxPages) break;
  }
  return found;
}

/** Runs one SDK call with the observer attached; returns the result or the error plus what was seen. */
export async function observe<T>(
  observer: AttemptObserver,
  run: (observed: ObservedCall) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown; observed: ReturnType<ObservedCall['finish']> }> {
  const observed = observer.begin();
  try {
    const value = await run(observed);
    observed.finish();
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error, observed: observed.finish() };
  }
}
