// GET /api/audit?format=csv|json[&hub=NAME|ID][&from=…&to=…]: the failover audit trail for export.
//
// Guarded by `Authorization: Bearer <AUDIT_API_TOKEN>`, compared in constant time. No token configured:
// the endpoint does not exist (404). A missing or wrong token: 401, without saying which. `from`/`to` are
// ISO 8601 instants or epoch milliseconds (from inclusive, to exclusive); by default the last 30 days.
import type { AuditLog, AuditRecord } from '../failover/index.ts';
import type { Logger } from '../log.ts';
import { errorFields } from '../log.ts';
import { auditToCsv, auditToJson } from '../state/audit-export.ts';
import { bearerMatches } from './bearer.ts';
import type { HttpGetRoute, HttpRouteAnswer } from './server.ts';

export const AUDIT_API_PATH = '/api/audit';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RANGE_MS = 30 * DAY_MS;
const MAX_RANGE_MS = 400 * DAY_MS;

export interface AuditApiOptions {
  /** AUDIT_API_TOKEN; null = the endpoint is off. */
  token: string | null;
  audit: AuditLog;
  logger: Logger;
  now?: () => number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpRouteAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): HttpRouteAnswer {
  return json(status, { error: { code, message } }, headers);
}

/** An instant from the query: ISO 8601 with a date, or epoch milliseconds. */
export function parseInstant(value: string | null): number | null | 'invalid' {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return 'invalid';
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : 'invalid';
}

function matchesHub(record: AuditRecord, hub: string): boolean {
  const wanted = hub.trim().toLowerCase();
  const name = wanted.includes('.') && !wanted.startsWith('/') ? (wanted.split('.')[0] ?? '') : wanted;
  return record.hubId.toLowerCase() === wanted || record.hubName.toLowerCase() === name;
}

export function auditApiRoute(options: AuditApiOptions): HttpGetRoute {
  const log = options.logger.child({ component: 'audit-api' });
  const now = options.now ?? Date.now;
  return {
    path: AUDIT_API_PATH,
    async handle({ url, authorization }) {
      const token = options.token;
      if (token === null) return error(404, 'NotFound', 'Not found.');
      if (!bearerMatches(authorization, token)) {
        log.warn({ hasAuthorization: authorization !== '' }, 'audit export refused: authentication failed');
        return error(401, 'Unauthorized', 'Authentication failed.', { 'www-authenticate': 'Bearer' });
      }
      const query = url.searchParams;
      const format = (query.get('format') ?? 'json').toLowerCase();
      if (format !== 'json' && format !== 'csv') return error(400, 'BadRequest', "format must be 'csv' or 'json'.");
      const from = parseInstant(query.get('from'));
      const to = parseInstant(query.get('to'));
      if (from === 'invalid' || to === 'invalid') return error(400, 'BadRequest', 'from and to must be ISO 8601 instants or epoch milliseconds.');
      const end = to ?? now() + 1;
      const start = from ?? end - DEFAULT_RANGE_MS;
      if (start > end) return error(400, 'BadRequest', 'from must not be after to.');
      if (end - start > MAX_RANGE_MS) return error(400, 'BadRequest', 'The range may cover at most 400 days.');
      const hub = query.get('hub');
      if (hub !== null && (hub.trim() === '' || hub.length > 400)) return error(400, 'BadRequest', 'hub must be a hub name, host name or resource id.');

      let records: AuditRecord[];
      try {
        records = await options.audit.range(start, end);
      } catch (failure) {
        log.error({ ...errorFields(failure) }, 'audit export failed: the store did not answer');
        return error(503, 'StoreUnavailable', 'The audit trail cannot be read right now.');
      }
      if (hub !== null) records = records.filter((record) => matchesHub(record, hub));
      log.info({ format, records: records.length, from: new Date(start).toISOString(), to: new Date(end).toISOString(), hubFilter: hub !== null }, 'audit exported');
      if (format === 'csv') {
        return {
          status: 200,
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="failover-audit.csv"' },
          body: auditToCsv(records),
        };
      }
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: auditToJson(records) };
    },
  };
}
