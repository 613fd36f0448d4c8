// When an alert card's connector call is tried again within the delivery's attempt. A post (a new thread, a
// new chat message) is not idempotent: a 5xx may come after the message was made, so it is tried again
// only on the answers that say nothing was done (412 PreconditionFailed, 429 Throttled), and a 5xx is left
// to the delivery-level retry. An update (PUT) is idempotent: also on 502, 503, 504. A Retry-After longer
// than the bound is not waited for here either: the delivery is tried again later.

export interface ConnectorRetryPolicy {
  /** The pauses between attempts; their count is the number of retries. */
  delaysMs: readonly number[];
  /** The longest Retry-After waited for within the call. */
  maxRetryAfterMs: number;
}

export const DEFAULT_CONNECTOR_RETRY: ConnectorRetryPolicy = { delaysMs: [500, 1_500, 4_000], maxRetryAfterMs: 10_000 };

const POST_RETRYABLE: ReadonlySet<number> = new Set([412, 429]);
const UPDATE_RETRYABLE: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

/** Milliseconds to wait before attempt `attempt + 1`, or null to give up now. */
export function connectorRetryDelay(call: 'post' | 'update', status: number | null, retryAfterMs: number | null, attempt: number, policy: ConnectorRetryPolicy): number | null {
  if (status === null || !(call === 'post' ? POST_RETRYABLE : UPDATE_RETRYABLE).has(status)) return null;
  const delay = policy.delaysMs[attempt];
  if (delay === undefined) return null;
  if (retryAfterMs === null) return delay;
  return retryAfterMs > policy.maxRetryAfterMs ? null : Math.max(delay, retryAfterMs);
}

function headerOf(headers: unknown, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  if ('get' in headers && typeof headers.get === 'function') {
    const value: unknown = (headers.get as (key: string) => unknown).call(headers, name);
    return typeof value === 'string' ? value : null;
  }
  const value: unknown = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** The Retry-After of a connector error's response (seconds or an HTTP date), in milliseconds from `now`. */
export function retryAfterOf(error: unknown, now: number): number | null {
  if (typeof error !== 'object' || error === null || !('response' in error)) return null;
  const response: unknown = error.response;
  if (typeof response !== 'object' || response === null || !('headers' in response)) return null;
  const value = headerOf(response.headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
