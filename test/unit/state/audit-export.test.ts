import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditRecord } from '#src/failover/index.ts';
import { AUDIT_CSV_COLUMNS, auditToCsv, auditToJson, csvCell } from '#src/state/audit-export.ts';

const record: AuditRecord = {
  id: 'id-1',
  at: '2026-05-01T10:00:00.000Z',
  kind: 'rejected',
  hubId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-a',
  hubName: 'hub-a',
  failoverKind: 'failover',
  actor: { name: 'Bob, "the approver"', aadObjectId: 'b0b00000-0000-0000-0000-00000000000b' },
  requestId: 'req-00000000000000001',
  justification: null,
  reason: '=HYPERLINK("http://evil","click")',
  failoverRegion: 'North Europe',
  armRequestId: null,
  operationId: null,
  detail: 'line one\nline two',
};

describe('csvCell', () => {
  it('leaves plain text alone and writes null as empty', () => {
    assert.equal(csvCell('hub-a'), 'hub-a');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(''), '');
  });

  it('quotes commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('a\r\nb'), '"a\r\nb"');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`), true, start);
    assert.equal(csvCell('=SUM(A1:A2)'), "'=SUM(A1:A2)");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('=HYPERLINK("x","y")'), `"'=HYPERLINK(""x"",""y"")"`);
    assert.equal(csvCell('a=b'), 'a=b');
  });
});

describe('auditToCsv', () => {
  it('writes a header and one CRLF-terminated line per record', () => {
    const csv = auditToCsv([record]);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], AUDIT_CSV_COLUMNS.join(','));
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(csv.includes(`"Bob, ""the approver"""`));
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"",""click"")"`));
    assert.ok(csv.includes('"line one\nline two"'));
    assert.equal(auditToCsv([]), `${AUDIT_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('parses back to the same fields with a strict RFC 4180 reader', () => {
    const rows = parseCsv(auditToCsv([record, { ...record, id: 'id-2', actor: null, reason: null }]));
    assert.equal(rows.length, 3);
    const header = rows[0] ?? [];
    const first = Object.fromEntries(header.map((name, i) => [name, rows[1]?.[i]]));
    assert.equal(first['actorName'], 'Bob, "the approver"');
    assert.equal(first['reason'], `'${record.reason ?? ''}`);
    assert.equal(first['detail'], 'line one\nline two');
    const second = Object.fromEntries(header.map((name, i) => [name, rows[2]?.[i]]));
    assert.equal(second['actorName'], '');
    assert.equal(second['id'], 'id-2');
  });
});

describe('auditToJson', () => {
  it('is a JSON array of the records, values untouched', () => {
    const parsed: unknown = JSON.parse(auditToJson([record]));
    assert.deepEqual(parsed, [record]);
    assert.deepEqual(JSON.parse(auditToJson([])), []);
  });
});

/** Minimal RFC 4180 parser for the test (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
