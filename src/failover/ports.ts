// Ports the failover workflow needs from the edges. Implementations: src/azure/ (FailoverExecutor),
// src/teams/ (notifier), src/state/ (stores). Tests use small fakes.
import type { Hub } from '../diagnosis/hub.ts';

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
