// GET /api/audit (src/http/audit-api.ts): off without a token, 401 without detail, CSV and JSON exports,
// the hub and time filters, and a clear answer when the store does not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditDraft, AuditLog } from '#src/failover/index.ts';
import { AUDIT_API_PATH, auditApiRoute, parseInstant } from '#src/http/audit-api.ts';
import { bearerMatches } from '#src/http/bearer.ts';
import { silentLogger } from '#src/log.ts';
import { AUDIT_CSV_COLUMNS, createAuditLog } from '#src/state/audit.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';

const TOKEN = 'unit-audit-token-0123456789';
const T0 = Date.parse('2026-05-01T10:00:00.000Z');

function draft(at: number, hubName: string, kind: AuditDraft['kind'], justification: string | null = null): AuditDraft {
  return {
    at: new Date(at).toISOString(),
    kind,
    hubId: `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/${hubName}`,
    hubName,
    failoverKind: 'failover',
    actor: { name: 'Alice', aadObjectId: 'a11ce000-0000-4000-8000-00000000000a' },
    requestId: 'REQ0000000000000001',
    justification,
    reason: null,
    failoverRegion: 'East US',
    armRequestId: null,
    operationId: null,
    detail: null,
  };
}

async function route(token: string | null = TOKEN, audit?: AuditLog) {
  const log = audit ?? createAuditLog(createMemoryStore());
  if (!audit) {
    await log.append([draft(T0, 'hub-a', 'requested', '=HYPERLINK("http://evil.example")'), draft(T0 + 60_000, 'hub-b', 'requested'), draft(T0 + 120_000, 'hub-a', 'approved')]);
  }
  const api = auditApiRoute({ token, audit: log, logger: silentLogger(), now: () => T0 + 3_600_000 });
  return (query: string, authorization = `Bearer ${TOKEN}`) => api.handle({ url: new URL(`http://localhost${AUDIT_API_PATH}?${query}`), authorization });
}

describe('the audit API', () => {
  it('does not exist without a token (404), refuses a missing or wrong token (401, no detail)', async () => {
    const off = await route(null);
    assert.equal((await off('format=json')).status, 404);
    const get = await route();
    for (const authorization of ['', 'Bearer', `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}0`, `Basic ${TOKEN}`, `bearer  ${TOKEN}  extra`]) {
      const answer = await get('format=json', authorization);
      assert.equal(answer.status, 401, authorization);
      assert.equal(answer.headers['www-authenticate'], 'Bearer');
      assert.doesNotMatch(answer.body, /token|hub-a/i);
    }
    assert.ok(bearerMatches(`Bearer ${TOKEN}`, TOKEN));
    assert.ok(bearerMatches(`bearer ${TOKEN}`, TOKEN));
    assert.ok(!bearerMatches('', TOKEN));
  });

  it('exports CSV (header row, formula cells neutralised) and JSON, filtered by hub and time', async () => {
    const get = await route();
    const csv = await get('format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type'] ?? '', /^text\/csv; charset=utf-8$/);
    const lines = csv.body.split('\r\n');
    assert.equal(lines[0], AUDIT_CSV_COLUMNS.join(','));
    assert.equal(lines.length, 5, 'header, three records, final line end');
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil.example"")"`), 'formula neutralised');
    const json = await get('format=json&hub=HUB-A');
    assert.match(json.headers['content-type'] ?? '', /^application\/json/);
    const records = JSON.parse(json.body) as { hubName: string; kind: string }[];
    assert.deepEqual(records.map((record) => `${record.hubName}:${record.kind}`), ['hub-a:requested', 'hub-a:approved']);
    const byHost = JSON.parse((await get('hub=hub-b.azure-devices.net')).body) as unknown[];
    assert.equal(byHost.length, 1);
    const window = JSON.parse((await get(`from=${new Date(T0 + 30_000).toISOString()}&to=${T0 + 90_000}`)).body) as { hubName: string }[];
    assert.deepEqual(window.map((record) => record.hubName), ['hub-b']);
  });

  it('answers 400 for bad parameters and 503 when the store does not answer', async () => {
    const get = await route();
    for (const query of ['format=xml', 'from=yesterday', 'from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'hub=']) {
      assert.equal((await get(query)).status, 400, query);
    }
    const failing: AuditLog = {
      append: async () => [],
      latest: async () => [],
      successesSince: async () => [],
      range: async () => {
        throw new Error('store down');
      },
    };
    const down = await route(TOKEN, failing);
    const answer = await down('format=csv');
    assert.equal(answer.status, 503);
    assert.doesNotMatch(answer.body, /store down/);
  });

  it('reads instants as ISO 8601 or epoch milliseconds', () => {
    assert.equal(parseInstant(null), null);
    assert.equal(parseInstant(''), null);
    assert.equal(parseInstant('1700000000000'), 1_700_000_000_000);
    assert.equal(parseInstant('2026-05-01T10:00:00Z'), T0);
    assert.equal(parseInstant('May 1st'), 'invalid');
  });
});
