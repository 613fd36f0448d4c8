// POST /api/alerts: Azure Monitor action groups, in the Common Alert Schema.
//
// Who may call: with ALERTS_WEBHOOK_TOKEN, the plain webhook's `token` query parameter (compared in
// constant time; the plain webhook can send nothing else); with ALERTS_WEBHOOK_ENTRA_*, the secure
// webhook's bearer token. Neither configured: the endpoint does not exist (404). Answers: 202 accepted
// (kept, processed after the answer), 400 malformed or not the common schema, 401 missing or wrong
// credentials, 413 over 256 KB, 503 when the delivery could not be kept (Azure retries 503).
// The URL carries a secret: nothing here logs it. Refusals are counted (metrics) and logged at most once a
// minute per reason: anyone can send them.
import type { ReceiveResult } from '../alerts/service.ts';
import type { Logger } from '../log.ts';
import { bearerMatches } from './bearer.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { TOKEN_REFUSALS } from './entra-webhook-token.ts';
import type { EntraTokenVerifier } from './entra-webhook-token.ts';
import { rateLimitedRefusalLog } from './refusal-log.ts';
import type { HttpPostRoute, HttpRouteAnswer } from './server.ts';

export const ALERTS_PATH = '/api/alerts';
/** Azure Monitor caps a webhook payload at 256 KB. */
export const MAX_ALERT_BYTES = 256 * 1024;

/** Why a call was refused before its body was read: the values of the refusal metric's label. */
export const ALERT_REFUSAL_REASONS = [...TOKEN_REFUSALS, 'wrong-token', 'no-credentials'] as const;
export type AlertRefusalReason = (typeof ALERT_REFUSAL_REASONS)[number];

/** A refusal reason gets one log line at most this often. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

export interface AlertReceiver {
  receive(body: unknown): Promise<ReceiveResult>;
}

export interface AlertsRouteOptions {
  token: string | null;
  entra: EntraTokenVerifier | null;
  receiver: AlertReceiver;
  logger: Logger;
  /** Counts a refusal (the metrics). */
  onRefused?: (reason: AlertRefusalReason) => void;
  clock?: Clock;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpRouteAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): HttpRouteAnswer {
  return json(status, { error: { code, message } }, headers);
}

type Credential = { ok: true; via: 'token' | 'entra' } | { ok: false; reason: AlertRefusalReason };

export function alertsRoute(options: AlertsRouteOptions): HttpPostRoute {
  const log = options.logger.child({ component: 'alerts-webhook' });
  const { token, entra, receiver } = options;
  const refusals = rateLimitedRefusalLog({
    clock: options.clock ?? systemClock,
    intervalMs: REFUSAL_LOG_INTERVAL_MS,
    emit: ({ reason, refused }) => {
      if (reason === 'signing-keys-unavailable') log.error({ reason, refused }, 'alerts refused: the Entra signing keys could not be downloaded');
      else log.warn({ reason, refused }, 'alerts refused: authentication failed (one line per reason per minute at most)');
    },
  });

  const authenticate = async (url: URL, authorization: string): Promise<Credential> => {
    if (entra !== null && /^Bearer\s/i.test(authorization)) {
      const checked = await entra.verify(authorization);
      return checked.ok ? { ok: true, via: 'entra' } : { ok: false, reason: checked.reason };
    }
    const presented = url.searchParams.get('token');
    if (token !== null && presented !== null) {
      return bearerMatches(`Bearer ${presented}`, token) ? { ok: true, via: 'token' } : { ok: false, reason: 'wrong-token' };
    }
    return { ok: false, reason: 'no-credentials' };
  };

  return {
    path: ALERTS_PATH,
    maxBytes: MAX_ALERT_BYTES,
    async handle({ url, authorization, readBody }) {
      if (token === null && entra === null) return refusal(404, 'NotFound', 'Not found.');
      const credential = await authenticate(url, authorization);
      if (!credential.ok) {
        options.onRefused?.(credential.reason);
        refusals.refused(credential.reason);
        return refusal(401, 'Unauthorized', 'Authentication failed.', entra === null ? {} : { 'www-authenticate': 'Bearer' });
      }
      const body = await readBody();
      if (!body.ok) {
        if ('aborted' in body) return null;
        log.info({ status: body.status === 413 ? 413 : 400, code: body.code }, 'alert refused: unreadable body');
        if (body.status === 413) return refusal(413, 'BodyTooLarge', 'The request body is over 256 KB.', { connection: 'close' });
        return refusal(400, 'MalformedAlert', 'The body must be a JSON object in the Common Alert Schema (application/json, UTF-8).', body.closeConnection ? { connection: 'close' } : {});
      }
      const result = await receiver.receive(body.value);
      switch (result.status) {
        case 202:
          return json(202, { status: result.outcome });
        case 400:
          return refusal(400, result.code, result.detail);
        case 503:
          return refusal(503, result.code, 'The alert could not be kept right now; retry.', { 'retry-after': '5' });
      }
    },
  };
}
