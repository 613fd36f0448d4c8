// What is known about the turn being processed, wherever in its call chain code runs: its ids for log
// lines, the ARM request ids its lookups produced, and an outcome other than plain success. Carried by
// AsyncLocalStorage, so the Azure edge can report ARM request ids without knowing about turns.
import { AsyncLocalStorage } from 'node:async_hooks';

/** paste-not-read: the paste was over the diagnosis budget, every diagnosis worker was busy, or its worker failed. */
export type TurnOutcome = 'ok' | 'error' | 'rate-limited' | 'paste-not-read';

export interface TurnTrace {
  readonly activityId: string | null;
  readonly conversationId: string | null;
  /** x-ms-request-id of the ARM responses seen during the turn, in order, deduplicated, bounded. */
  readonly armRequestIds: string[];
  /** Set by code that refused the turn on purpose; null = decided by whether the turn threw. */
  outcome: TurnOutcome | null;
}

const MAX_ARM_REQUEST_IDS = 20;

const storage = new AsyncLocalStorage<TurnTrace>();

export function newTurnTrace(ids: { activityId: string | null; conversationId: string | null }): TurnTrace {
  return { activityId: ids.activityId, conversationId: ids.conversationId, armRequestIds: [], outcome: null };
}

/** Runs `work` with `trace` as the current turn (for everything it starts, awaited or not). */
export function runInTurn<T>(trace: TurnTrace, work: () => Promise<T>): Promise<T> {
  return storage.run(trace, work);
}

/** The turn whose call chain is running, if any. */
export function currentTurn(): TurnTrace | undefined {
  return storage.getStore();
}

export function markTurnOutcome(outcome: TurnOutcome): void {
  const trace = storage.getStore();
  if (trace) trace.outcome = outcome;
}

export function noteArmRequestId(requestId: string | null): void {
  const trace = storage.getStore();
  if (!trace || requestId === null || trace.armRequestIds.includes(requestId) || trace.armRequestIds.length >= MAX_ARM_REQUEST_IDS) return;
  trace.armRequestIds.push(requestId);
}

/** The current turn's ids as log fields (empty outside a turn). */
export function turnLogFields(): { activityId?: string | null; conversationId?: string | null } {
  const trace = storage.getStore();
  return trace ? { activityId: trace.activityId, conversationId: trace.conversationId } : {};
}
