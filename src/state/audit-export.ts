// PURE. Audit records → CSV (RFC 4180) and JSON for export. CSV cells that a spreadsheet would run as a
// formula (starting with = + - @, tab or carriage return) get a leading apostrophe.
import type { AuditRecord } from '../failover/index.ts';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'kind',
  'hubId',
  'hubName',
  'failoverKind',
  'actorName',
  'actorAadObjectId',
  'requestId',
  'justification',
  'reason',
  'failoverRegion',
  'armRequestId',
  'operationId',
  'detail',
] as const;

export type AuditCsvColumn = (typeof AUDIT_CSV_COLUMNS)[number];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: formula-neutralised, then quoted (quotes doubled) when it holds a comma, quote or line break. */
export function csvCell(value: string | null): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function field(record: AuditRecord, column: AuditCsvColumn): string | null {
  switch (column) {
    case 'actorName':
      return record.actor?.name ?? null;
    case 'actorAadObjectId':
      return record.actor?.aadObjectId ?? null;
    default:
      return record[column];
  }
}

/** Header line plus one line per record, CRLF line ends (RFC 4180), final CRLF included. */
export function auditToCsv(records: readonly AuditRecord[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const record of records) lines.push(AUDIT_CSV_COLUMNS.map((column) => csvCell(field(record, column))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A JSON array of the records with a stable field order. */
export function auditToJson(records: readonly AuditRecord[]): string {
  const ordered = records.map((record) => ({
    id: record.id,
    at: record.at,
    kind: record.kind,
    hubId: record.hubId,
    hubName: record.hubName,
    failoverKind: record.failoverKind,
    actor: record.actor ? { name: record.actor.name, aadObjectId: record.actor.aadObjectId } : null,
    requestId: record.requestId,
    justification: record.justification,
    reason: record.reason,
    failoverRegion: record.failoverRegion,
    armRequestId: record.armRequestId,
    operationId: record.operationId,
    detail: record.detail,
  }));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
