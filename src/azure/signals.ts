// Abort signals for ARM calls: the caller's signal (if any) combined with a time budget.

export interface Deadline {
  readonly signal: AbortSignal;
  /** True when the budget (not the caller) ended the call. */
  expired(): boolean;
  /** Milliseconds left, at least 1 (for requestOptions.timeout, where 0 means "none"). */
  remainingMs(): number;
}

export function deadline(budgetMs: number, caller?: AbortSignal): Deadline {
  const started = Date.now();
  const budget = AbortSignal.timeout(budgetMs);
  const signal = caller ? AbortSignal.any([caller, budget]) : budget;
  return {
    signal,
    expired: () => budget.aborted,
    remainingMs: () => Math.max(1, budgetMs - (Date.now() - started)),
  };
}

/**
 * Settles with the work, or with `onAbort()` (its value, or what it throws) as soon as the signal
 * aborts, whichever comes first, so a caller is never held by a call that ignores its signal.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return new Promise<T>((resolve) => resolve(onAbort()));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      work.catch(() => undefined);
      try {
        resolve(onAbort());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
