// Our own corpus of realistic pastes (test/fixtures/pastes/*): each paste has a hand-checked
// <name>.expect.json with the findings (in order), verdict, context, secrets and time span.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderText } from '#src/cli.ts';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { ExtractedContext, FindingFamily, LookalikeService, SecretReport, TimeSpan, VerdictKind } from '#src/diagnosis/types.ts';

interface Expectation {
  shape: string;
  findings: { code: number | null; name: string | null; httpStatus: number | null; transient: boolean | null; count: number; family: FindingFamily }[];
  verdict: VerdictKind;
  /** The other Azure service the paste is about; absent means none (an IoT Hub paste). */
  service?: LookalikeService;
  context: Partial<ExtractedContext>;
  secrets: SecretReport;
  secretValues: string[];
  timeSpan: TimeSpan | null;
}

const dir = new URL('../../fixtures/pastes/', import.meta.url);
const pastes = readdirSync(dir)
  .filter((name) => !name.endsWith('.expect.json'))
  .sort();

describe('paste corpus (test/fixtures/pastes)', () => {
  it('has at least 40 pastes, each with its expectation', () => {
    assert.ok(pastes.length >= 40, `only ${pastes.length} pastes`);
    const expectations = new Set(readdirSync(dir).filter((name) => name.endsWith('.expect.json')));
    for (const paste of pastes) assert.ok(expectations.has(paste.replace(/\.[a-z]+$/, '.expect.json')), `no expectation for ${paste}`);
  });

  for (const paste of pastes) {
    const text = readFileSync(new URL(paste, dir), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(paste.replace(/\.[a-z]+$/, '.expect.json'), dir), 'utf8')) as Expectation;

    it(`${paste}: ${expected.shape}`, () => {
      const d = diagnose(text);
      assert.deepEqual(
        d.findings.map(({ code, name, httpStatus, transient, count, family }) => ({ code, name, httpStatus, transient, count, family })),
        expected.findings,
      );
      assert.equal(d.verdict.kind, expected.verdict);
      assert.equal(d.service, expected.service ?? null, 'service');
      for (const [key, values] of Object.entries(expected.context)) {
        assert.deepEqual(d.context[key as keyof ExtractedContext], values, `context.${key}`);
      }
      assert.deepEqual(d.secrets, expected.secrets);
      assert.deepEqual(d.timeSpan, expected.timeSpan);
      assert.equal(d.truncated, false);
      assert.equal(d.inputChars, text.length);

      // Every finding carries evidence, and first/last seen are ordered.
      for (const f of d.findings) {
        assert.ok(f.evidence.length > 0 && f.evidence.length <= 5);
        if (f.firstSeen !== null && f.lastSeen !== null) assert.ok(f.firstSeen <= f.lastSeen);
      }

      const outputs = [JSON.stringify(d), JSON.stringify(toCliJson(d)), renderText(d, 'en'), renderText(d, 'fr')];
      for (const secret of expected.secretValues) {
        for (const out of outputs) assert.ok(!out.includes(secret), `secret ${secret.slice(0, 6)}… leaked`);
      }
    });
  }

  it('puts the most severe finding first in a mixed log, whatever the counts', () => {
    const d = diagnose(readFileSync(new URL('50-multi-error-app-log.log', dir), 'utf8'));
    const throttling = d.findings.find((f) => f.code === 429001);
    const server = d.findings[0];
    assert.ok(throttling && server);
    assert.equal(server.code, 500001);
    assert.ok(throttling.count > server.count, 'throttling is more frequent but less severe');
    assert.equal(d.verdict.kind, 'transient-service');
    assert.deepEqual(d.timeSpan, { from: '2025-10-01T06:00:40.896Z', to: '2025-10-01T08:00:54.068Z' });
    assert.equal(d.context.deviceIds.length, 20, 'device ids are capped');
    assert.equal(d.context.timestamps.length, 20, 'timestamps are capped');
  });
});
