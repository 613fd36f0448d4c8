// The keyword search that locates the patterns (triggers.ts): it must see every keyword occurrence, and
// each pattern tried only at its keywords must find exactly what a global scan of the whole text finds.
// The second half checks that claim for every real pattern (context, phrases, occurrence ids, secrets)
// on the paste corpus and on generated text built from the patterns' own keywords.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { REDACTED, SECRET_RULES, findSecretTriggers, redactionPass } from '../../../src/diagnosis/redact.ts';
import { matchesAtCandidates, stickyCopy } from '../../../src/diagnosis/scan.ts';
import { TEXT_PATTERNS } from '../../../src/diagnosis/text-triggers.ts';
import {
  candidatesFor,
  compileTriggered,
  findTriggers,
  prefixRelatedLiterals,
  triggeredMatches,
  triggeredTest,
  triggerSet,
  triggerSetFor,
  type TriggeredPattern,
} from '../../../src/diagnosis/triggers.ts';

interface Found {
  index: number;
  groups: (string | undefined)[];
}

/** The reference: a plain global scan (empty matches skipped), or the pattern's own test() when it is not global. */
function globalScan(pattern: RegExp, text: string): Found[] {
  const scan = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const found: Found[] = [];
  for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
    if (m[0].length === 0) {
      scan.lastIndex += 1;
      continue;
    }
    found.push({ index: m.index, groups: [...m] });
  }
  return found;
}

function viaTriggers(spec: TriggeredPattern, patterns: readonly TriggeredPattern[], text: string): Found[] {
  const set = triggerSetFor(patterns);
  return triggeredMatches(compileTriggered(set, spec), text, findTriggers(set, text), Number.POSITIVE_INFINITY).map((m) => ({ index: m.index, groups: [...m] }));
}

const pasteDir = new URL('../../fixtures/pastes/', import.meta.url);
const corpus = [
  ...readdirSync(pasteDir)
    .filter((name) => !name.endsWith('.json'))
    .map((name) => readFileSync(new URL(name, pasteDir), 'utf8')),
  ...(JSON.parse(readFileSync(new URL('../../fixtures/pasted-errors.dev.json', import.meta.url), 'utf8')) as { text: string }[]).map((entry) => entry.text),
];

const GUID = '12345678-1234-1234-1234-123456789abc';
const HEX = '0123456789abcdef0123456789ABCDEF';

/** A match at every lead the patterns declare: each form of text that can come before a keyword. */
const EXAMPLES = [
  `${'a'.repeat(63)}.privatelink.azure-devices.net`, `${'x'.repeat(62)}.azure-devices.net`, 'ab.azure-devices.cn', 'contoso.azure-devices.net/d1/m1/?api-version=1',
  '"iotHubName": "hub-1"', "'hubName': 'hub-2'", '"IotHubName":"hub-3"', 'Iot Hub Name: "hub-4"', "IotHub Name='hub-5'", 'Iot Hub "hub-6"', "IotHub 'hub-7'",
  '--hub-name hub-8', 'az iot hub show -n hub-9', '/subscriptions/12345678-1234-1234-1234-123456789abc/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-10',
  'deviceId=d-1', 'device_id: "d-2"', 'Device ID d-3', 'device "d-4"', "device 'd-5'", 'for device d-6.', 'for device id d-7/m-7', 'moduleId=m-8', 'module-id: m-9',
  ' /devices/d-10/modules/m-10', ' twins/d-11', 'identity for d-12/m-12', 'identities for d-13/$edgeHub', `${'g'.repeat(128)}/$edgeHub`, 'gw-1/$edgeAgent',
  `Tracking ID:${HEX}-G:3-TimeStamp:05/02/2025 10:15:33`, `TrackingId=${HEX}_G3`, `"trackingId": "${HEX}"`, `${HEX}-TimeStamp:5/2/2025 1:15:33 PM`,
  `tracking-id: ${HEX}`, `correlation id: ${GUID}`, `x-ms-correlation-request-id: ${GUID}`, `"correlationId": "${GUID}"`,
  'ECONNREFUSED', 'actively refused', 'Connection refused', 'x509: certificate', 'remote certificate is invalid', 'self-signed certificate', 'self signed certificate',
  'certificate verify failed', 'connect to /var/run/iotedge/workload.sock', 'calling aziot-identityd failed', 'unavailable: keyd.sock', 'iotedged not running',
  'IoT Edge security daemon refused', 'identity service error', 'Size of telemetry message can not exceed', 'message size too large: 262144',
  '404 Not Found', '503: Service Unavailable', '429-Too Many Requests', '500 ( Internal Server Error', '401 (Unauthorized', '504 Gateway Timeout',
  'was throttled', 'being throttled', 'has been throttled', 'is being throttled', 'service is temporarily unavailable', 'gateway time-out',
  'Connection Refused: not authorized', 'CONNACK 5', 'ConnectionRefusedNotAuthorized', 'RefusedServerUnavailable', 'amqp:resource-locked',
  'aka.ms/iothub404103', 'troubleshoot-error-429001', 'HttpStatusCode: NotFound', 'status code: 503', 'HTTP/1.1 429', 'MqttWs', 'AmqpWs', 'wss://x', ':8883', ':5671',
  '--primary-key ', '--secondary-key=', 'refresh_token=', 'refreshtoken:', 'access_token=', 'accesstoken=', 'id_token=', 'idtoken=', 'SharedAccessKey=',
  'AccountKey=', 'Password=', 'pwd=', 'passwd:', 'Bearer ', 'primaryKey', 'secondary_key', 'sig=', '&sig=', 'u0026sig=', '%26sig=',
];

/** Pieces that make matches likely: every keyword (in three cases), the examples, and what surrounds keywords. */
function piecesFor(patterns: readonly TriggeredPattern[]): string[] {
  const keywords = [...new Set(patterns.flatMap((p) => Object.keys(p.starts)))];
  return [
    ...EXAMPLES,
    ...keywords.flatMap((k) => [k, k.toUpperCase(), k.replace(/(^|[^a-z])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase())]),
    ...['Connection ', 'actively ', 'ECONN', 'x-ms-', 'was ', 'being ', 'has been ', 'is being ', 'for ', 'Iot ', 'Iot', 'iot', 'self-signed ', 'remote ', 'x509: '],
    ...['Id', 'ID', ' id', '_id', 'Name', 'Hub', 'Unavailable', 'unavailable', 'NotAuthorized', 'Request Timeout', ' Timeout', 'Agent', 'Hub\'', 'modules/m1/'],
    ...['0123456789abcdef0123456789ABCDEF', '12345678-1234-1234-1234-123456789abc', '404103', '503', '429 ', '500:', '(', ')', '-G:1', '-TimeStamp:05/02/2025 10:15:33'],
    ...['contoso-hub', 'privatelink.', '.', '/', '"', "'", ':', '=', ' ', '  ', '\n', '\t', '-', '_', '$', '5', 'x', 'é', '?api-version=1', 'd1', 'sensor-7'],
  ];
}

function assertSameAsGlobalScan(spec: TriggeredPattern, patterns: readonly TriggeredPattern[], texts: readonly string[]): void {
  const set = triggerSetFor(patterns);
  const compiled = compileTriggered(set, spec);
  for (const text of texts) {
    const hits = findTriggers(set, text);
    if (spec.pattern.global) {
      const expected = globalScan(spec.pattern, text);
      const actual = triggeredMatches(compiled, text, hits, Number.POSITIVE_INFINITY).map((m) => ({ index: m.index, groups: [...m] }));
      assert.deepEqual(actual, expected, `${spec.pattern.source.slice(0, 60)} on ${JSON.stringify(text.slice(0, 200))}`);
    } else {
      assert.equal(triggeredTest(compiled, text, hits), new RegExp(spec.pattern.source, spec.pattern.flags).test(text), `${spec.pattern.source.slice(0, 60)}`);
    }
  }
}

describe('trigger sets', () => {
  it('refuse literals that are prefixes of one another (the search would report only one of them)', () => {
    assert.deepEqual(prefixRelatedLiterals(['tracking', 'Tracking ID', 'device']), [['tracking', 'tracking id']]);
    assert.throws(() => triggerSet(['amqp', 'amqp:']), /prefixes/);
    assert.throws(() => triggerSet(['']), /printable ASCII/);
    assert.throws(() => triggerSet(['café']), /printable ASCII/);
  });

  it('see every occurrence, case-insensitively, including literals inside or overlapping others', () => {
    const set = triggerSet(['ab', 'bc', 'd-x', 'c']);
    const hits = findTriggers(set, 'ABCD-x abc bcab');
    assert.deepEqual(hits.byLiteral, [[0, 7, 13], [1, 8, 11], [3], [2, 9, 12]]);
  });

  it('give sorted candidates without repeats, however leads and literals interleave', () => {
    const set = triggerSet(['key', 'id']);
    const hits = findTriggers(set, 'key id key');
    const leads = new Map([
      [0, [3, 0]],
      [1, [1]],
    ]);
    assert.deepEqual(candidatesFor(hits, leads), [0, 3, 4, 7]);
    assert.deepEqual(candidatesFor(hits, leads, { accept: (offset) => offset !== 4 }), [0, 3, 7]);
    assert.deepEqual(candidatesFor(hits, leads, { earliestStart: (keyword) => keyword }), [0, 7]);
  });

  it('refuse a pattern whose keyword is not in the set', () => {
    assert.throws(() => compileTriggered(triggerSet(['a']), { pattern: /b/g, starts: { b: [0] } }), /not in its set/);
  });

  it('skip candidates inside the previous match, as a global scan does', () => {
    const text = 'aaaa';
    const found = matchesAtCandidates(stickyCopy(/aa/g), text, [0, 1, 2, 3], Number.POSITIVE_INFINITY);
    assert.deepEqual(
      found.map((m) => m.index),
      [0, 2],
    );
    assert.equal(matchesAtCandidates(stickyCopy(/a/g), text, [0, 1, 2, 3], 2).length, 2);
  });

  it('find what a global scan finds, for patterns with variable leads (property)', () => {
    const patterns: TriggeredPattern[] = [
      { pattern: /(?:was|has been) (?:throttled|blocked)\b/gi, starts: { throttled: [4, 9], blocked: [4, 9] } },
      { pattern: /(?<![a-z])[a-z]{1,5}-id\b/g, starts: { '-id': [1, 2, 3, 4, 5] } },
    ];
    const piece = fc.constantFrom('was ', 'has been ', 'throttled', 'Blocked', 'x', 'abc', 'abcdef', '-id', '-ID', ' ', '-', 'ok');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        for (const spec of patterns) assert.deepEqual(viaTriggers(spec, patterns, text), globalScan(spec.pattern, text));
      }),
      { numRuns: 400 },
    );
  });
});

describe('every pattern located by triggers finds what its global scan finds', () => {
  const textPieces = piecesFor(TEXT_PATTERNS);
  const generatedText = fc.array(fc.constantFrom(...textPieces), { maxLength: 40 }).map((parts) => parts.join(''));
  const generated = fc.sample(generatedText, { numRuns: 400, seed: 20250502 });

  TEXT_PATTERNS.forEach((spec, index) => {
    it(`text pattern ${index}: /${spec.pattern.source.slice(0, 50)}…/`, () => {
      assertSameAsGlobalScan(spec, TEXT_PATTERNS, [...corpus, ...EXAMPLES, ...generated]);
    });
  });

  const secretPieces = [...piecesFor(SECRET_RULES), '=', '\\u003d', '&#61;', '%3D', '\\"', '&quot;', 'u0026', '%26', 'abcdefghijklmnopqrstuvwxyz012345', 'eyJhbGciOiJIUzI1NiJ9.e30.sig', '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n'];
  const secretText = fc.array(fc.constantFrom(...secretPieces), { maxLength: 40 }).map((parts) => parts.join(''));
  const secretSamples = fc.sample(secretText, { numRuns: 400, seed: 7 });

  SECRET_RULES.forEach((rule, index) => {
    it(`secret rule ${index} (${typeof rule.kind === 'string' ? rule.kind : 'key'})`, () => {
      assertSameAsGlobalScan(rule, SECRET_RULES, [...corpus, ...EXAMPLES.map((example) => `${example}abcdefghijklmnopqrstuvwxyz012345`), ...secretSamples]);
    });
  });

  it('secret keyword offsets carried over a redaction are where the redacted text has its keywords', () => {
    fc.assert(
      fc.property(secretText, (text) => {
        const pass = redactionPass(text);
        const fresh = findSecretTriggers(pass.text);
        fresh.byLiteral.forEach((offsets, literal) => {
          const carried = new Set(pass.triggers.byLiteral[literal]);
          for (const offset of offsets) assert.ok(carried.has(offset), `keyword ${literal} at ${offset} of ${JSON.stringify(pass.text)}`);
        });
        // A second pass over the same text with those offsets is the pass with a fresh search.
        const reused = redactionPass(pass.text, pass.triggers);
        const searched = redactionPass(pass.text);
        assert.equal(reused.text, searched.text);
        assert.deepEqual(reused.report, searched.report);
      }),
      { numRuns: 300 },
    );
  });

  it('"[REDACTED]" contains no secret keyword (the carried offsets rely on it)', () => {
    assert.ok(findSecretTriggers(`x${REDACTED}x${REDACTED.toLowerCase()}`).byLiteral.every((offsets) => offsets.length === 0));
  });
});
