// Reports every HTTP attempt the SDK makes to ARM (it sits inside the retry loop): which operation, how it
// ended, how long it took, and ARM's request id. For metrics and logs; it never changes a request.
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import { retryAfterSecondsOf } from './observer.ts';

/** The ARM operations the bot performs; anything else is 'other' (keeps metric labels bounded). */
export type ArmOperation = 'hubs.list' | 'hubs.get' | 'failover.start' | 'failover.poll' | 'health.availability' | 'health.events' | 'other';

export const ARM_OPERATIONS: readonly ArmOperation[] = ['hubs.list', 'hubs.get', 'failover.start', 'failover.poll', 'health.availability', 'health.events', 'other'];

export interface ArmAttempt {
  operation: ArmOperation;
  /** HTTP status; null when no response arrived. */
  status: number | null;
  /** Network error code (ECONNRESET…) when no response arrived. */
  errorCode: string | null;
  /** The attempt was cut by a timeout or an abort signal. */
  aborted: boolean;
  durationMs: number;
  armRequestId: string | null;
  retryAfterSeconds: number | null;
}

export type ArmAttemptListener = (attempt: ArmAttempt) => void;

/** The operation a request URL belongs to, from its path (case-insensitive, query ignored). */
export function armOperationOf(url: string): ArmOperation {
  let path: string;
  try {
    path = new URL(url).pathname.toLowerCase().replace(/\/+$/, '');
  } catch {
    return 'other';
  }
  if (path.includes('/providers/microsoft.resourcehealth/availabilitystatuses')) return 'health.availability';
  if (/\/providers\/microsoft\.resourcehealth\/events$/.test(path)) return 'health.events';
  if (/\/providers\/microsoft\.devices\/(?:locations\/[^/]+\/)?operationresults\/[^/]+$/.test(path)) return 'failover.poll';
  if (/\/providers\/microsoft\.devices\/iothubs\/[^/]+\/failover$/.test(path)) return 'failover.start';
  if (/\/providers\/microsoft\.devices\/iothubs$/.test(path)) return 'hubs.list';
  if (/\/providers\/microsoft\.devices\/iothubs\/[^/]+$/.test(path)) return 'hubs.get';
  return 'other';
}

function errorCodeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(error.code) ? error.code : null;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

export function attemptReportPolicy(listener: ArmAttemptListener): PipelinePolicy {
  const report = (request: PipelineRequest, attempt: Omit<ArmAttempt, 'operation'>): void => {
    try {
      listener({ operation: armOperationOf(request.url), ...attempt });
    } catch {
      // A broken listener must never break an ARM call.
    }
  };
  return {
    name: 'iothubOncallAttemptReport',
    sendRequest: async (request, next) => {
      const started = performance.now();
      try {
        const response = await next(request);
        report(request, {
          status: response.status,
          errorCode: null,
          aborted: false,
          durationMs: performance.now() - started,
          armRequestId: response.headers.get('x-ms-request-id') ?? null,
          retryAfterSeconds: retryAfterSecondsOf(response.headers),
        });
        return response;
      } catch (error) {
        report(request, {
          status: null,
          errorCode: errorCodeOf(error),
          aborted: isAbort(error),
          durationMs: performance.now() - started,
          armRequestId: null,
          retryAfterSeconds: null,
        });
        throw error;
      }
    },
  };
}
