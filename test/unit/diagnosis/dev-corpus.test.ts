// The 23 real pastes of test/fixtures/pasted-errors.dev.json: every in-scope `extract` field
// (code, name, httpStatus, trackingId, timestamp, hostName, deviceId/moduleId, transient) and a verdict.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { findTimestamps } from '#src/diagnosis/timestamps.ts';
import type { Diagnosis, VerdictKind } from '#src/diagnosis/types.ts';

interface Sample {
  url: string;
  shape: string;
  text: string;
  extract: Record<string, unknown>;
  secret: string | null;
}

const corpus = JSON.parse(readFileSync(new URL('../../fixtures/pasted-errors.dev.json', import.meta.url), 'utf8')) as Sample[];

// The verdict an on-call engineer would give each sample (index-aligned with the corpus).
const EXPECTED_VERDICTS: readonly VerdictKind[] = [
  'not-iothub', // IotHubCommunicationException + SocketException 10054
  'not-iothub', // first-chance IotHubCommunicationException (HttpRequestException)
  'client-config', // IotHubUnauthorizedAccess
  'transient-service', // ThrottlingBacklogTimeout
  'client-config', // IotHubUnauthorizedAccess
  'device-offline', // 404103
  'device-offline', // 504101: the device did not answer the direct method
  'device-offline', // 404103 (2024 form)
  'client-config', // amqp:resource-locked
  'client-config', // 404006 AmqpAddressNotFound
  'unknown', // ConnectionDroppedError alone: the connection dropped, the paste does not say why
  'unknown', // docker log without an error
  'unknown', // authorization policies, no error
  'transient-service', // ServerErrorException
  'transient-service', // internal server error
  'client-config', // 403004
  'not-iothub', // TimeoutException
  'client-config', // 409001
  'client-config', // 412001 (ARM)
  'unknown', // portal text
  'transient-service', // CONNACK 3 server unavailable
  'unknown', // Communication_Error alone: a connection state, not its cause
  'client-config', // PRECONDITION_FAILED
];

/** "401002 (inferred from name)" → 401002; "500xxx class (no number)" → { status: 500 }. */
function expectedCode(value: unknown): { code: number } | { status: number } | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number') return { code: value };
  const text = String(value);
  const code = /^(\d{6})\b/.exec(text);
  if (code?.[1] !== undefined) return { code: Number(code[1]) };
  const cls = /^(\d{3})xxx class/.exec(text);
  if (cls?.[1] !== undefined) return { status: Number(cls[1]) };
  throw new Error(`unexpected errorCode form: ${text}`);
}

/** Strips the corpus's annotations: "X (placeholder)", "X (from repro command)". */
function plain(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value).replace(/\s+\([^)]*\)\s*$/, '').trim();
}

function top(d: Diagnosis) {
  const finding = d.findings[0];
  assert.ok(finding, 'expected at least one finding');
  return finding;
}

describe('dev corpus (pasted-errors.dev.json)', () => {
  it('has the verdict table aligned with the corpus', () => {
    assert.equal(corpus.length, EXPECTED_VERDICTS.length);
  });

  corpus.forEach((sample, i) => {
    it(`#${i} ${sample.shape}`, () => {
      const d = diagnose(sample.text);
      const x = sample.extract;
      assert.equal(d.verdict.kind, EXPECTED_VERDICTS[i], 'verdict');

      // A resource-provider error (ARM "errorcode: IH412001") is named by its IH code with its HTTP class: its
      // number does not mean what the data-plane code of the same number means.
      const armCode = typeof x['armErrorCode'] === 'string' ? x['armErrorCode'] : null;
      const code = armCode === null ? expectedCode(x['errorCode']) : undefined;
      if (armCode !== null) assert.deepEqual([top(d).code, top(d).name, top(d).family], [null, armCode, 'http-class'], 'resource-provider code');
      if (code === null) assert.ok(d.findings.every((f) => f.code === null), 'no 6-digit code expected');
      else if (code !== undefined && 'code' in code) {
        assert.equal(top(d).code, code.code, 'code');
        const name = plain(x['errorName']);
        if (name !== null) assert.equal(top(d).name, name, 'name');
      } else if (code !== undefined) {
        assert.equal(top(d).code, null);
        assert.equal(top(d).httpStatus, code.status, 'http class');
      }

      const status = x['httpStatus'];
      if (status !== undefined && status !== null) assert.equal(top(d).httpStatus, Number(/^\d{3}/.exec(String(status))?.[0]), 'httpStatus');

      if (typeof x['transient'] === 'boolean') assert.equal(top(d).transient, x['transient'], 'transient');

      if ('trackingId' in x) {
        const tracking = plain(x['trackingId']);
        const userRedacted = String(x['trackingId']).includes('user-redacted');
        if (tracking === null || userRedacted) assert.deepEqual(d.context.trackingIds, [], 'masked or absent tracking id');
        else assert.ok(d.context.trackingIds.some((t) => t.startsWith(tracking)), `tracking id ${tracking} in ${JSON.stringify(d.context.trackingIds)}`);
      }

      if ('timestamp' in x) {
        if (x['timestamp'] === null) assert.deepEqual(d.context.timestamps, [], 'masked timestamp');
        else {
          for (const part of String(x['timestamp']).split(' / ')) {
            const expected = findTimestamps(plain(part) ?? '')[0]?.iso;
            assert.ok(expected, `corpus timestamp parses: ${part}`);
            assert.ok(d.context.timestamps.includes(expected), `${expected} in ${JSON.stringify(d.context.timestamps)}`);
          }
        }
      }

      const host = plain(x['hostName']);
      if (host !== null) assert.deepEqual(d.context.hubHostNames, [host.toLowerCase()]);

      // Ids the corpus inferred (not in the text) are out of scope for extraction.
      for (const [field, list] of [['deviceId', d.context.deviceIds], ['moduleId', d.context.moduleIds]] as const) {
        const id = plain(x[field]);
        if (id !== null && sample.text.includes(id)) assert.ok(list.includes(id), `${field} ${id} in ${JSON.stringify(list)}`);
      }
    });
  });

  it('reports, and never echoes, the secrets of the corpus', () => {
    for (const sample of corpus) {
      const d = diagnose(sample.text);
      if (sample.secret === null) {
        assert.equal(d.secrets.count, 0, sample.shape);
        continue;
      }
      assert.ok(d.secrets.count > 0, sample.shape);
      const out = JSON.stringify(d) + JSON.stringify(toCliJson(d));
      for (const value of ['ZZZZZZZZZZZZ', '{base64_key}', 'base64_key']) assert.ok(!out.includes(value), `${value} leaked from ${sample.shape}`);
    }
  });

  it('recognises the kinds of secret each sample carries', () => {
    const kinds = corpus.map((s) => diagnose(s.text).secrets.kinds);
    assert.deepEqual(kinds[1], ['shared-access-key']);
    assert.deepEqual(kinds[4], ['shared-access-key']);
    assert.deepEqual(kinds[12], ['primary-key', 'secondary-key']);
  });
});
