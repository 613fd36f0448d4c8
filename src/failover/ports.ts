// Ports the failover workflow needs from the edges. Implementations: src/azure/ (FailoverExecutor),
// src/teams/ (notifier), src/state/ (stores). Tests use small fakes.
import type { Hub } from '../diagnosis/hub.ts';
import type { AuditDraft, AuditRecord, FailoverKind, FailoverRequest } from './types.ts';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export type FailoverOperationStatus = 'running' | 'succeeded' | 'failed';

/** What one step of the long-running ARM operation reports. */
export interface FailoverProgress {
  status: FailoverOperationStatus;
  /**
   * Opaque, serialisable poller state (core-lro `poller.toString()`), saved after every poll so a
   * restarted bot resumes polling instead of sending a second POST.
   */
  resumeToken: string;
  /** x-ms-request-id of the last ARM response, for the audit trail. */
  armRequestId: string | null;
  /** The async operation id (from Azure-AsyncOperation), when known. */
  operationId: string | null;
  /** Set when status is 'failed': a message safe to show to users (no secrets, no stack). */
  errorMessage: string | null;
}

/** Errors thrown by a FailoverExecutor when ARM refused or could not be reached. */
export class FailoverRequestError extends Error {
  readonly statusCode: number | null;
  readonly armCode: string | null;
  readonly armRequestId: string | null;
  readonly retryable: boolean;
  constructor(message: string, details: { statusCode: number | null; armCode: string | null; armRequestId: string | null; retryable: boolean }) {
    super(message);
    this.name = 'FailoverRequestError';
    this.statusCode = details.statusCode;
    this.armCode = details.armCode;
    this.armRequestId = details.armRequestId;
    this.retryable = details.retryable;
  }
}

/** Port: runs the ARM manual failover (POST once, then poll). */
export interface FailoverExecutor {
  /** Sends the failover POST (exactly once per call) and the first poll. */
  start(hub: Hub, failoverRegion: string, signal?: AbortSignal): Promise<FailoverProgress>;
  /** Polls once from a saved resume token. Never re-sends the POST. */
  poll(hub: Hub, resumeToken: string, signal?: AbortSignal): Promise<FailoverProgress>;
}

// ---------------------------------------------------------------------------------------------------
// Added by the workflow core: notifier, durable store and audit log ports (implemented in src/teams/
// and src/state/; the core only sees these interfaces).

/** Port: tells the conversation about a request. Failures are logged and retried; the workflow never waits on them. */
export interface FailoverNotifier {
  /** Re-render the request's card for everyone (updateActivity on conversation.cardActivityId). */
  requestChanged(record: FailoverRequest): Promise<void>;
  /** Post the final message in the thread (mentions requester and approver). Called once per outcome. */
  announceOutcome(record: FailoverRequest): Promise<void>;
}

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

/** A successful failover or failback of a hub, from the audit trail (drives the platform limits). */
export interface SuccessFact {
  at: string;
  kind: FailoverKind;
  requestId: string;
}

/** Port: the append-only audit trail. */
export interface AuditLog {
  /** Appends the entries (ids assigned once, so an internal retry never duplicates). Returns them with their ids. */
  append(drafts: readonly AuditDraft[]): Promise<AuditRecord[]>;
  /** Newest first; only this hub's entries when hubId is given (compared case-insensitively). */
  latest(limit: number, options?: { hubId?: string }): Promise<AuditRecord[]>;
  /** Entries with from <= at < to (ms since the epoch), oldest first. */
  range(from: number, to: number): Promise<AuditRecord[]>;
  /** Successful failovers and failbacks of the hub with at > sinceMs, oldest first. */
  successesSince(hubId: string, sinceMs: number): Promise<SuccessFact[]>;
}

/** Waits ms (injected so tests never wait in real time); rejects when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
