// Waiting for work that may not answer in time. deadline() is the signal (a time budget, and the caller's
// own signal when there is one: AbortSignal.timeout and AbortSignal.any); beforeDeadline() stops waiting when
// a signal aborts, for work that does not listen to it. The work is left to finish on its own.

export class DeadlineExceeded extends Error {
  constructor() {
    super('deadline exceeded');
    this.name = 'DeadlineExceeded';
  }
}

export interface Deadline {
  readonly signal: AbortSignal;
  /** True when the budget (not the caller) ended the wait. */
  expired(): boolean;
  /** Milliseconds left, at least 1 (for a request timeout, where 0 means "none"). */
  remainingMs(): number;
}

/** A time budget, combined with the caller's signal (if any): aborts at whichever comes first. */
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

function exceeded(): never {
  throw new DeadlineExceeded();
}

/**
 * Settles with the work, or, as soon as the signal aborts, with what `onAbort` gives (its value, or what it
 * throws: DeadlineExceeded unless told otherwise), whichever comes first.
 */
export function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => T = exceeded): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      try {
        resolve(onAbort());
      } catch (error) {
        reject(error);
      }
    };
    if (signal.aborted) {
      work.catch(() => undefined);
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
