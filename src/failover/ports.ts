// Ports the failover workflow needs from the edges. Implementations: src/azure/ (FailoverExecutor),
// src/teams/ (notifier), src/state/ (audit log). The clock and the state store are shared by everyone:
// src/core/. Tests use small fakes.
import type { Hub } from '../diagnosis/hub.ts';
import type { AuditDraft, AuditRecord, FailoverKind, FailoverOperationStatus, FailoverRequest } from './types.ts';

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
// Added by the workflow core: notifier and audit log ports (implemented in src/teams/ and src/state/; the
// core only sees these interfaces).

/** Port: tells the conversation about a request. Failures are logged and retried; the workflow never waits on them. */
export interface FailoverNotifier {
  /** Re-render the request's card for everyone (updateActivity on conversation.cardActivityId). */
  requestChanged(record: FailoverRequest): Promise<void>;
  /** Post the final message in the thread (mentions requester and approver). Called once per outcome. */
  announceOutcome(record: FailoverRequest): Promise<void>;
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
