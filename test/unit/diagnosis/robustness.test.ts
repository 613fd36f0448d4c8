// Bad input never throws and always yields a well-formed Diagnosis; adversarial inputs built to
// make regular expressions backtrack finish (the suite would hang otherwise); random secrets in
// random surroundings never survive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { Diagnosis } from '#src/diagnosis/types.ts';

const VERDICTS = new Set(['transient-service', 'client-config', 'device-offline', 'not-iothub', 'unknown']);

function assertWellFormed(d: Diagnosis, input: string): void {
  assert.ok(VERDICTS.has(d.verdict.kind));
  assert.equal(d.inputChars, input.length);
  for (const f of d.findings) {
    assert.ok(Number.isInteger(f.count) && f.count >= 1);
    assert.ok(f.code === null || (f.code >= 100000 && f.code <= 999999));
    assert.ok(f.evidence.length >= 1 && f.evidence.length <= 5);
  }
  for (const list of Object.values(d.context)) assert.ok(Array.isArray(list) && list.length <= 20);
  assert.doesNotThrow(() => JSON.stringify(toCliJson(d)));
}

describe('robustness', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        assertWellFormed(diagnose(text), text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on text made of the characters the recognisers care about', () => {
    const pieces = fc.constantFrom(
      '{', '}', '"', '\\', '\\"', '\\u0026', '&quot;', '<p>', '</p>', '<at>', 'errorCode', ':', '404103', 'ErrorCode:', 'IH', 'aka.ms/iothub',
      'SharedAccessKey=', 'sig=', 'primaryKey', 'Bearer ', 'eyJ', 'Tracking ID:', '-G:', '-TimeStamp:', '10/15/2018 03:54:24', '2024-01-01T00:00:00Z',
      '\n', '\n\n', '   at ', 'Caused by: ', 'HTTP/1.1 503', 'CONNACK', 'amqp:', 'com.microsoft:', 'devices/', 'azure-devices.net', ' ', 'x', '5',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 200 }), (parts) => {
        const text = parts.join('');
        assertWellFormed(diagnose(text), text);
      }),
      { numRuns: 300 },
    );
  });

  const adversarial: [string, () => string][] = [
    ['empty', () => ''],
    ['whitespace only', () => ' \n\t\r\n '.repeat(1000)],
    ['binary garbage', () => Array.from({ length: 300_000 }, (_, i) => String.fromCharCode((i * 2654435761) % 65536 >>> 0)).join('')],
    ['huge single line', () => `${'abc123 '.repeat(250_000)}500001`],
    ['deeply nested braces', () => `${'{"a":'.repeat(100_000)}{"errorCode":404103}${'}'.repeat(100_000)}`],
    ['a million backslashes', () => `${'\\'.repeat(1_000_000)}"`],
    ['unterminated entities', () => '&#'.repeat(300_000)],
    ['repeated key names without values', () => 'SharedAccessKey=;'.repeat(100_000)],
    ['private key headers without end', () => '-----BEGIN PRIVATE KEY-----'.repeat(40_000)],
    ['az commands without -n', () => 'az iot hub show '.repeat(100_000)],
    ['tracking labels without ids', () => 'Tracking ID:'.repeat(100_000)],
    ['CONNACK without codes', () => 'CONNACK '.repeat(150_000)],
    ['device prose', () => 'for device '.repeat(150_000)],
    ['connect phrases', () => 'connect '.repeat(150_000)],
    ['path of devices', () => 'devices/'.repeat(200_000)],
    ['hex runs', () => 'a'.repeat(1_500_000)],
    ['lone surrogates', () => '\uD800\uDC00\uD800'.repeat(100_000)],
  ];
  for (const [name, make] of adversarial) {
    it(`survives ${name}`, { timeout: 120_000 }, () => {
      const text = make();
      assertWellFormed(diagnose(text), text);
    });
  }

  it('redacts random keys wherever they are pasted', () => {
    const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('base64'));
    const template = fc.constantFrom(
      (k: string) => `HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=${k}`,
      (k: string) => `{"primaryKey":"${k}","secondaryKey":"${k}"}`,
      (k: string) => JSON.stringify(JSON.stringify({ cs: `HostName=h;SharedAccessKey=${k}` })),
      (k: string) => `SharedAccessSignature sr=h&sig=${encodeURIComponent(k)}&se=1`,
      (k: string) => `<p>SharedAccessKey=${k.replace(/\+/g, '&#43;').replace(/\//g, '&#x2F;')}</p>`,
      (k: string) => `AccountKey=${k};EndpointSuffix=core.windows.net`,
      (k: string) => `{"log":"cs SharedAccessKey=${k.replace(/\+/g, '\\u002B')}\\n","stream":"stdout","time":"2025-01-01T00:00:00Z"}`,
    );
    fc.assert(
      fc.property(key, template, fc.string({ maxLength: 40 }), (k, make, noise) => {
        const d = diagnose(`${noise}\n${make(k)}\n{"errorCode":401002}`);
        assert.ok(d.secrets.count >= 1);
        const out = JSON.stringify(d) + JSON.stringify(toCliJson(d));
        const core = k.replace(/[^A-Za-z0-9]/g, '');
        for (let i = 0; i + 12 <= core.length; i += 6) assert.ok(!out.includes(core.slice(i, i + 12)), `fragment of ${k} leaked`);
      }),
      { numRuns: 200 },
    );
  });
});
