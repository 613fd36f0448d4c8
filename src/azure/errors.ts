// Turns what the Azure SDK throws (RestError, AbortError, network errors, failed LROs) into a reason
// the core understands and a short detail that is safe to show: no tokens, no signed URLs, no bodies.
import { isRestError } from '@azure/core-rest-pipeline';
import type { HealthFailureReason } from '../diagnosis/hub.ts';
import { retryAfterSecondsOf, type ObservedAttempts } from './observer.ts';

export interface ArmFailure {
  reason: HealthFailureReason;
  detail: string;
  retryAfterSeconds: number | null;
  statusCode: number | null;
  armCode: string | null;
  armRequestId: string | null;
}

const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** An ARM error code is echoed only when it looks like one (letters, digits, dot, dash, underscore). */
export function safeCode(code: unknown): string | null {
  return typeof code === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(code) ? code : null;
}

/** Free text from ARM made safe to show: no URLs, tokens, keys or signatures; one line; bounded. */
export function safeText(text: string, max = 300): string {
  const cleaned = text
    .replace(/https?:\/\/\S+/gi, '[url]')
    .replace(/SharedAccessSignature\s+\S+/gi, 'SharedAccessSignature [redacted]')
    .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\b(sig|signature|sv|se|skn|sr|AccountKey|SharedAccessKey|key|password|token)=([^;&\s]+)/gi, '$1=[redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function reasonForStatus(status: number): HealthFailureReason {
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'unknown';
}

function statusDetail(reason: HealthFailureReason, status: number, code: string | null, retryAfterSeconds: number | null): string {
  const answered = `ARM answered HTTP ${status}${code ? ` ${code}` : ''}`;
  switch (reason) {
    case 'throttled':
      return `${answered}: too many requests${retryAfterSeconds !== null ? `, retry after ${retryAfterSeconds} s` : ''}`;
    case 'forbidden':
      return `${answered}: the bot's identity is not allowed to read this`;
    case 'not-found':
      return `${answered}: not found`;
    case 'server-error':
      return `${answered}: Azure-side error`;
    default:
      return answered;
  }
}

function networkDetail(code: string | null): ArmFailure {
  const reason: HealthFailureReason = code !== null && timeoutCodes.has(code) ? 'timeout' : 'network';
  const detail = reason === 'timeout' ? `ARM did not answer in time${code ? ` (${code})` : ''}` : `cannot reach ARM${code ? ` (${code})` : ''}`;
  return { reason, detail, retryAfterSeconds: null, statusCode: null, armCode: code, armRequestId: null };
}

/**
 * @param observed what the last HTTP attempt of this call saw, used when the call was aborted while
 *   the SDK was retrying (so a budget that ran out during a Retry-After wait still reads "throttled").
 */
export function describeArmError(error: unknown, observed: ObservedAttempts | null = null): ArmFailure {
  if (isRestError(error)) {
    const code = safeCode(error.code);
    if (error.statusCode !== undefined) {
      const headers = error.response?.headers;
      const retryAfterSeconds = headers ? retryAfterSecondsOf(headers) : null;
      const reason = reasonForStatus(error.statusCode);
      return {
        reason,
        detail: statusDetail(reason, error.statusCode, code, retryAfterSeconds),
        retryAfterSeconds,
        statusCode: error.statusCode,
        armCode: code,
        armRequestId: headers?.get('x-ms-request-id') ?? null,
      };
    }
    return networkDetail(code);
  }
  if (isAbortError(error)) {
    if (observed?.lastStatus != null && observed.lastStatus >= 400) {
      const reason = reasonForStatus(observed.lastStatus);
      if (reason !== 'unknown') {
        return {
          reason,
          detail: `${statusDetail(reason, observed.lastStatus, null, observed.retryAfterSeconds)} (gave up after ${observed.attempts} attempt${observed.attempts === 1 ? '' : 's'})`,
          retryAfterSeconds: observed.retryAfterSeconds,
          statusCode: observed.lastStatus,
          armCode: null,
          armRequestId: observed.armRequestId,
        };
      }
    }
    if (observed?.lastErrorCode) {
      const network = networkDetail(observed.lastErrorCode);
      if (network.reason === 'network') return { ...network, detail: `${network.detail} (gave up after ${observed.attempts} attempts)` };
    }
    return { reason: 'timeout', detail: 'ARM did not answer in time', retryAfterSeconds: null, statusCode: null, armCode: null, armRequestId: observed?.armRequestId ?? null };
  }
  return { reason: 'unknown', detail: 'unexpected error while calling ARM', retryAfterSeconds: null, statusCode: null, armCode: null, armRequestId: null };
}
