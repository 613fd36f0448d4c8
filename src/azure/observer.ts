// Sees every HTTP attempt the SDK makes (it sits inside the retry loop), so that when a call is cut
// short by our time budget while the SDK is waiting out a Retry-After, we can still say "throttled"
// rather than "timeout". Calls are told apart by the x-ms-client-request-id we give them.
import { randomUUID } from 'node:crypto';
import type { PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';

export const CLIENT_REQUEST_ID_HEADER = 'x-ms-client-request-id';

export interface ObservedAttempts {
  attempts: number;
  /** HTTP status of the last attempt; null when it got no response. */
  lastStatus: number | null;
  /** Network error code of the last attempt (ECONNRESET…), when it got no response. */
  lastErrorCode: string | null;
  retryAfterSeconds: number | null;
  armRequestId: string | null;
}

export interface ObservedCall {
  /** Pass as `requestOptions.customHeaders`. */
  readonly headers: Record<string, string>;
  /** Stops watching and returns what was seen (null when no attempt was made). */
  finish(): ObservedAttempts | null;
}

/** Retry-After / retry-after-ms / x-ms-retry-after-ms, in whole seconds. */
export function retryAfterSecondsOf(headers: { get(name: string): string | undefined }, now: number = Date.now()): number | null {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (headers.get(name) !== undefined && Number.isFinite(value) && value >= 0) return Math.ceil(value / 1000);
  }
  const raw = headers.get('retry-after');
  if (raw === undefined) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : null;
}

function errorCodeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

export class AttemptObserver {
  private readonly calls = new Map<string, ObservedAttempts>();

  readonly policy: PipelinePolicy = {
    name: 'iothubOncallAttemptObserver',
    sendRequest: async (request, next) => {
      const id = request.headers.get(CLIENT_REQUEST_ID_HEADER);
      const seen = id === undefined ? undefined : this.calls.get(id);
      if (!seen) return next(request);
      seen.attempts += 1;
      let response: PipelineResponse;
      try {
        response = await next(request);
      } catch (error) {
        seen.lastStatus = null;
        seen.lastErrorCode = errorCodeOf(error);
        throw error;
      }
      seen.lastStatus = response.status;
      seen.lastErrorCode = null;
      seen.retryAfterSeconds = retryAfterSecondsOf(response.headers);
      seen.armRequestId = response.headers.get('x-ms-request-id') ?? null;
      return response;
    },
  };

  begin(): ObservedCall {
    const id = randomUUID();
    this.calls.set(id, { attempts: 0, lastStatus: null, lastErrorCode: null, retryAfterSeconds: null, armRequestId: null });
    return {
      headers: { [CLIENT_REQUEST_ID_HEADER]: id },
      finish: () => {
        const seen = this.calls.get(id) ?? null;
        this.calls.delete(id);
        return seen && seen.attempts > 0 ? { ...seen } : null;
      },
    };
  }
}
