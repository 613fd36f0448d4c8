// Property tests (fast-check) of the two functions every paste goes through: redactSecrets() and diagnose().
// Arbitrary text (full Unicode, lone surrogates, huge nesting) never makes them throw; a secret of every
// kind, planted in arbitrary text, never survives into what the bot or the CLI prints; and the time they
// take stays linear-ish (the guard fails only on something pathological, not on a slow machine).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { redactSecrets, REDACTED } from '#src/diagnosis/redact.ts';
import type { SecretKind } from '#src/diagnosis/types.ts';
import { diagnosePaste } from '#src/workers/paste-diagnosis.ts';

/** A run this slow on <= 100 KB means super-linear behaviour (a backtracking pattern), not a busy machine. */
const PATHOLOGICAL_MS = 5_000;

function timed<T>(what: string, input: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < PATHOLOGICAL_MS, `${what} took ${Math.round(elapsed)} ms on ${input.length} chars`);
  return result;
}

/** Text of every kind: arbitrary code points (graphemes), raw UTF-16 units (lone surrogates), or ASCII. */
const anyText = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ unit: 'grapheme', maxLength, size: 'large' }), fc.string({ unit: 'binary', maxLength, size: 'large' }), fc.string({ maxLength, size: 'large' }));

/** Pieces the recognisers and the redaction rules react to, to stress their edges rather than random noise. */
const loadedPiece = fc.constantFrom(
  'SharedAccessKey=', 'sig=', '&sig=', 'AccountKey=', 'Password=', 'primaryKey', '"primaryKey":"', '--secondary-key ', 'Bearer ', 'eyJ',
  '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', '\\u003d', '&#61;', '%3D', '\\"', '&quot;', '\\\\', '\\u0026',
  '{"errorCode":', '404103', '500001', 'ErrorCode:', 'iothub-errorcode: ', 'HostName=', '.azure-devices.net', 'Tracking ID:',
  '<at>', '</at>', '<pre>', '[', '](', ')', '\n', ' ', '=', ';', '"', "'", 'a', 'Z', '9', '+', '/', '\u202e', '\u0000', '\ud800', '🙂',
);

/** Deeply nested JSON-ish text: objects, arrays and strings within strings, up to thousands of levels. */
const nestedText = fc
  .tuple(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom('{"a":', '[', '{"errorCode":[', '"\\"', '<div>'), fc.constantFrom('404103', '"x"', 'SharedAccessKey=abc', ''))
  .map(([depth, open, core]) => {
    const close = open === '[' ? ']' : open === '<div>' ? '</div>' : open === '"\\"' ? '\\""' : open === '{"errorCode":[' ? ']}' : '}';
    return `${open.repeat(depth)}${core}${close.repeat(depth)}`;
  });

const base64Value = fc.uint8Array({ minLength: 24, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64'));
const base64UrlValue = fc.uint8Array({ minLength: 24, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64url'));
/** A storage account key: 64 bytes. */
const storageKey = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64'));
/** An Entra client secret as generated today: 3 characters, a digit, 'Q~', then 34 of [A-Za-z0-9_.~-]. */
const entraSecretChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-');
const entraSecret = fc
  .tuple(fc.string({ unit: entraSecretChar, minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 9 }), fc.string({ unit: entraSecretChar, minLength: 34, maxLength: 34 }))
  .map(([head, digit, tail]) => `${head}${digit}Q~${tail}`);
const entraSecretText = fc.constantFrom(
  (secret: string) => `AZURE_CLIENT_SECRET=${secret}`,
  (secret: string) => `{"clientId": "2f6b1c1e-4a0d-4c55-9a51-3b1f0e8d7c21", "clientSecret": "${secret}"}`,
  (secret: string) => `client_id=app&client_secret=${encodeURIComponent(secret)}&grant_type=client_credentials`,
  (secret: string) => `az login --service-principal -u 2f6b1c1e-4a0d-4c55-9a51-3b1f0e8d7c21 -p ${secret} --tenant contoso.onmicrosoft.com`,
  (secret: string) => `az login --service-principal --username app --password '${secret}' --tenant t`,
);

interface PlantedSecret {
  kind: SecretKind;
  /** The pasted text around the secret value. */
  text: string;
  value: string;
}

const planted: fc.Arbitrary<PlantedSecret> = fc.oneof(
  base64Value.map((value) => ({ kind: 'shared-access-key' as const, value, text: `HostName=contoso.azure-devices.net;DeviceId=d1;SharedAccessKey=${value}` })),
  base64Value.map((value) => ({
    kind: 'sas-signature' as const,
    value,
    text: `SharedAccessSignature sr=contoso.azure-devices.net%2Fdevices%2Fd1&sig=${encodeURIComponent(value)}&se=1764236400`,
  })),
  base64Value.map((value) => ({ kind: 'primary-key' as const, value, text: `{"primaryKey": "${value}", "keyName": "iothubowner"}` })),
  base64Value.map((value) => ({ kind: 'secondary-key' as const, value, text: `az iot hub policy renew-key --secondary-key ${value}` })),
  base64Value.map((value) => ({
    kind: 'storage-account-key' as const,
    value,
    text: `DefaultEndpointsProtocol=https;AccountName=contosologs;AccountKey=${value};EndpointSuffix=core.windows.net`,
  })),
  base64UrlValue.map((value) => ({ kind: 'bearer-token' as const, value, text: `Authorization: Bearer ${value}` })),
  fc
    .tuple(base64UrlValue, base64UrlValue)
    .map(([payload, signature]) => ({ kind: 'bearer-token' as const, value: `${payload}${signature}`, text: `token eyJhbGciOiJSUzI1NiJ9.${payload}.${signature} rejected` })),
  base64Value.map((value) => ({ kind: 'connection-string-password' as const, value, text: `Server=tcp:contoso.database.windows.net;User ID=iot;Password=${value};` })),
  fc.tuple(entraSecret, entraSecretText).map(([value, text]) => ({ kind: 'client-secret' as const, value, text: text(value) })),
  storageKey.map((value) => ({
    kind: 'storage-account-key' as const,
    value,
    text: `[{"creationTime": "2025-01-06T10:00:00+00:00", "keyName": "key1", "permissions": "FULL", "value": "${value}"}]`,
  })),
  storageKey.map((value) => ({ kind: 'storage-account-key' as const, value, text: `key2       FULL           ${value}` })),
  base64Value.map((value) => ({
    kind: 'sas-signature' as const,
    value,
    text: `GET /go?to=${encodeURIComponent(encodeURIComponent(`https://a.blob.core.windows.net/c?sv=2022-11-02&sig=${encodeURIComponent(value)}&se=1`))}`,
  })),
  fc.array(base64Value, { minLength: 2, maxLength: 6 }).map((lines) => ({
    kind: 'private-key' as const,
    value: lines.join(''),
    text: `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`,
  })),
);

/** Every 12-character window of the value's letters and digits (what would identify a leaked secret). */
function fragments(value: string): string[] {
  const core = value.replace(/[^A-Za-z0-9]/g, '');
  const out: string[] = [];
  for (let i = 0; i + 12 <= core.length; i += 6) out.push(core.slice(i, i + 12));
  return out;
}

function assertNoFragment(output: string, secret: PlantedSecret, where: string): void {
  for (const fragment of fragments(secret.value)) assert.ok(!output.includes(fragment), `${secret.kind}: a fragment of the value survived in ${where}`);
}

describe('redactSecrets and diagnose on arbitrary input', () => {
  it('never throw on arbitrary text, and diagnose always yields a CLI-serialisable result', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(3_000), fc.array(loadedPiece, { maxLength: 400 }).map((parts) => parts.join(''))), (text) => {
        const redaction = redactSecrets(text);
        assert.equal(typeof redaction.text, 'string');
        assert.equal(redaction.report.count >= redaction.report.kinds.length, true);
        const d = diagnose(text);
        assert.equal(d.inputChars, text.length);
        assert.doesNotThrow(() => JSON.stringify(toCliJson(d)));
      }),
      { numRuns: 200 },
    );
  });

  it('never throw on deeply nested text', () => {
    fc.assert(
      fc.property(nestedText, (text) => {
        timed('diagnose', text, () => diagnose(text));
        timed('redactSecrets', text, () => redactSecrets(text));
      }),
      { numRuns: 40 },
    );
  });

  it('redaction is stable: a redacted text has nothing left to redact', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(loadedPiece, planted.map((secret) => secret.text)), { maxLength: 60 }), (parts) => {
        const once = redactSecrets(parts.join(''));
        const twice = redactSecrets(once.text);
        assert.equal(twice.text, once.text);
        assert.equal(twice.report.count, 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a planted secret never survives', () => {
  it('of any kind, inside arbitrary surrounding text: not in redactSecrets, diagnose, toCliJson or the bot diagnosis', () => {
    fc.assert(
      fc.property(planted, anyText(80), anyText(80), fc.boolean(), (secret, before, after, withError) => {
        const text = `${before}\n${secret.text}\n${withError ? '{"errorCode":401002,"message":"IotHubUnauthorizedAccess"}\n' : ''}${after}`;
        const redaction = redactSecrets(text);
        assert.ok(redaction.report.kinds.includes(secret.kind), `${secret.kind} not reported (got ${redaction.report.kinds.join(', ')})`);
        assert.ok(redaction.text.includes(REDACTED));
        assertNoFragment(redaction.text, secret, 'redactSecrets().text');

        const d = diagnose(text);
        assert.ok(d.secrets.kinds.includes(secret.kind), `${secret.kind} not in the diagnosis report`);
        assertNoFragment(JSON.stringify(d), secret, 'diagnose()');
        assertNoFragment(JSON.stringify(toCliJson(d)), secret, 'toCliJson()');

        const bot = diagnosePaste(text);
        assertNoFragment(JSON.stringify(bot), secret, "the bot's diagnosis and log fields");
      }),
      { numRuns: 300 },
    );
  });

  it('when the paste is JSON-escaped or HTML-encoded around it', () => {
    const wrap = fc.constantFrom(
      (text: string) => JSON.stringify({ log: text }),
      (text: string) => JSON.stringify(JSON.stringify({ message: text })),
      (text: string) => `<pre>${text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}</pre>`,
    );
    fc.assert(
      fc.property(planted, wrap, fc.string({ maxLength: 40 }), (secret, wrapIn, noise) => {
        const text = wrapIn(`${noise}\n${secret.text}\n`);
        const d = diagnose(text);
        assert.ok(d.secrets.count >= 1, `${secret.kind} not found once wrapped`);
        assertNoFragment(JSON.stringify(d) + JSON.stringify(toCliJson(d)), secret, 'diagnose() of a wrapped paste');
      }),
      { numRuns: 150 },
    );
  });
});

describe('bounded time', () => {
  it('100 KB of arbitrary or adversarial text is diagnosed without pathological slowness', () => {
    const big = fc
      .tuple(fc.oneof(anyText(200), fc.array(loadedPiece, { minLength: 1, maxLength: 50 }).map((parts) => parts.join(''))), fc.integer({ min: 50_000, max: 100_000 }))
      .map(([unit, size]) => (unit === '' ? 'x' : unit).repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size));
    fc.assert(
      fc.property(big, (text) => {
        const d = timed('diagnose', text, () => diagnose(text));
        timed('redactSecrets', text, () => redactSecrets(text));
        assert.equal(d.inputChars, text.length);
      }),
      { numRuns: 25 },
    );
  });
});
