// Findings: one per distinct error, merged evidence counted once, counts, severity order, verdict,
// time span, and the size bound (1 MB diagnosed whole; over 2,000,000 characters truncated).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MAX_CHARS, diagnose } from '#src/diagnosis/diagnose.ts';
import type { VerdictKind } from '#src/diagnosis/types.ts';

const summary = (text: string) => diagnose(text).findings.map((f) => [f.code ?? f.name, f.count]);

describe('verdicts', () => {
  const cases: [string, VerdictKind][] = [
    ['ErrorCode:ServerError;boom', 'transient-service'],
    ['{"errorCode":503001}', 'transient-service'],
    ['{"errorCode":429002}', 'transient-service'],
    ['404012 IotHubFailingOver', 'transient-service'],
    ['{"errorCode":504101,"message":"Timed out waiting for the response from device."}', 'device-offline'],
    ['Failed to invoke method: Timed out waiting for the response from device.', 'device-offline'],
    ['Microsoft.Azure.Devices.Client.Exceptions.ServerBusyException: busy', 'transient-service'],
    ['ErrorCode:IotHubQuotaExceeded;quota', 'client-config'],
    ['ErrorCode:IotHubUnauthorizedAccess;Unauthorized', 'client-config'],
    ['{"errorCode":404001}', 'client-config'],
    ['{"errorCode":413001}', 'client-config'],
    ['{"errorCode":412002}', 'client-config'],
    ['HTTP/1.1 409 Conflict', 'client-config'],
    ['{"errorCode":404103}', 'device-offline'],
    ['ResultType 404104 DeviceConnectionClosedRemotely', 'device-offline'],
    ['{"errorCode":404102}', 'device-offline'],
    ['Error: getaddrinfo ENOTFOUND h.azure-devices.net', 'not-iothub'],
    ['System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.', 'not-iothub'],
    ['ValueError: Size of telemetry message can not exceed 256 KB.', 'not-iothub'],
    ['Microsoft.Azure.Devices.Client.Exceptions.IotHubException: something odd', 'unknown'],
    ['hello there', 'unknown'],
    ['', 'unknown'],
  ];
  for (const [text, verdict] of cases) it(`${text.slice(0, 60) || '(empty)'} → ${verdict}`, () => assert.equal(diagnose(text).verdict.kind, verdict));

  it('follows the most severe finding of a mixed paste', () => {
    const text = ['{"errorCode":404103}', '{"errorCode":404103}', 'Error: read ECONNRESET', 'ErrorCode:IotHubUnauthorizedAccess;x', '{"errorCode":500001}'].join('\n\n');
    const d = diagnose(text);
    assert.deepEqual(d.findings.map((f) => f.code ?? f.name), [500001, 401002, 404103, 'ConnectionReset']);
    assert.equal(d.verdict.kind, 'transient-service');
  });

  it('orders service faults > throttling > quota > auth > config > device offline > network', () => {
    const text = [
      'Error: connect ECONNREFUSED 10.0.0.1:8883',
      '{"errorCode":404103}',
      '{"errorCode":409001}',
      '{"errorCode":401002}',
      '{"errorCode":403002}',
      '{"errorCode":429001}',
      '{"errorCode":503001}',
    ].join('\n\n');
    assert.deepEqual(diagnose(text).findings.map((f) => f.code ?? f.name), [503001, 429001, 403002, 401002, 409001, 404103, 'ConnectionRefused']);
  });

  it('breaks severity ties by count', () => {
    const text = ['{"errorCode":500001}', '{"errorCode":503001}', '{"errorCode":503001}'].join('\n\n');
    assert.deepEqual(summary(text), [[503001, 2], [500001, 1]]);
  });
});

describe('one error, several evidences', () => {
  it('counts an exception, its ErrorCode name and its status once', () => {
    const text =
      'Microsoft.Azure.Devices.Common.Exceptions.ThrottlingException: {"Message":"ErrorCode:ThrottlingBacklogTimeout;The request has been throttled.","ExceptionMessage":""} (429 Too Many Requests)';
    const d = diagnose(text);
    assert.deepEqual(summary(text), [[429003, 1]]);
    assert.deepEqual(new Set(d.findings[0]?.evidence.map((e) => e.kind)), new Set(['name', 'sdk-exception', 'http-status']));
  });

  it('takes no status from prose: "throttled" alone is not an HTTP 429', () => {
    assert.deepEqual(summary('The request has been throttled, we think. It was throttled again at noon.'), []);
  });

  it('prefers a code to a name to a protocol condition to an exception class to a status', () => {
    assert.deepEqual(summary('HTTP/1.1 404 Not Found\niothub-errorcode: DeviceNotOnline\n\n{"errorCode":404103}'), [[404103, 1]]);
    assert.deepEqual(summary('UnauthorizedException: error(condition:amqp:unauthorized-access)'), [['amqp:unauthorized-access', 1]]);
    assert.deepEqual(summary('PreconditionFailedException: etag mismatch. HTTP/1.1 412'), [['PreconditionFailedException', 1]]);
    assert.deepEqual(summary('DeviceNotFoundException: Not registered. HTTP/1.1 404'), [[404001, 1]], 'the message the service writes for one code');
    assert.deepEqual(summary('DeviceNotFoundException: {"errorCode":404103}'), [[404103, 1]], 'the .NET service SDK raises it for any 404');
    assert.deepEqual(summary('ConnectionFailedError: Connection Refused: broker unavailable.'), [['MQTT CONNACK 3 server unavailable', 1]]);
  });

  it('does not merge two different codes in one place', () => {
    assert.deepEqual(summary('[{"errorCode":404001},{"errorCode":404103}]'), [[404001, 1], [404103, 1]]);
  });

  it('counts every error of a single-line JSON array', () => {
    assert.deepEqual(summary(JSON.stringify([{ errorCode: 429001 }, { errorCode: 429001 }, { errorCode: 429001 }])), [[429001, 3]]);
  });

  it('does not count inner exceptions, causes, frames or indented dumps again', () => {
    const java = 'IotHubClientException: error code from the service: THROTTLED\n\tat X.y(X.java:1)\nCaused by: IotHubServiceException: THROTTLED';
    assert.deepEqual(summary(java), [['THROTTLED', 1]]);
    const node = "UnauthorizedError: mqtt.js returned Connection refused: Not authorized error\n  transportError: Error: Connection refused: Not authorized";
    assert.deepEqual(summary(node), [['MQTT CONNACK 5 not authorized', 1]]);
  });

  it('counts an error printed twice with the same tracking id once, and distinct ids each', () => {
    const body = (id: string) => `{"errorCode":500001,"trackingId":"${id}-G:1-TimeStamp:01/01/2025 00:00:00"}`;
    const a = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const b = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    assert.deepEqual(summary(`${body(a)}\nMessage: ${body(a)}`), [[500001, 1]]);
    assert.deepEqual(summary(`${body(a)}\n\n2025-01-01 00:00:00Z [ERR] ${body(a)}`), [[500001, 1]], 'across records too');
    assert.deepEqual(summary(`${body(a)}\n${body(b)}`), [[500001, 2]]);
  });

  it('counts repeated retries of the same wording in a paragraph', () => {
    const text = 'connect attempt 1\nConnection refused: Server unavailable\nconnect attempt 2\nConnection refused: Server unavailable\nconnect attempt 3\nConnect Success';
    assert.deepEqual(summary(text), [['MQTT CONNACK 3 server unavailable', 2]]);
  });
});

describe('time span', () => {
  it('runs from the earliest to the latest timestamp, and per finding from first to last seen', () => {
    const text = [
      '2025-03-01 10:05:00Z [ERR] {"errorCode":500001}',
      '2025-03-01 09:55:00Z [INF] started',
      '2025-03-01 10:15:30Z [ERR] {"errorCode":500001}',
      '2025-03-01 10:20:00Z [INF] done',
    ].join('\n');
    const d = diagnose(text);
    assert.deepEqual(d.timeSpan, { from: '2025-03-01T09:55:00.000Z', to: '2025-03-01T10:20:00.000Z' });
    assert.equal(d.findings[0]?.firstSeen, '2025-03-01T10:05:00.000Z');
    assert.equal(d.findings[0]?.lastSeen, '2025-03-01T10:15:30.000Z');
    assert.equal(d.findings[0]?.count, 2);
  });

  it('is null without two distinct instants', () => {
    assert.equal(diagnose('{"errorCode":500001}').timeSpan, null);
    assert.equal(diagnose('2025-01-01T00:00:00Z and 2025-01-01T00:00:00Z').timeSpan, null);
  });
});

/** A realistic log of about `size` characters: four error kinds in rotation, with INFO noise. */
function bigLog(size: number): { text: string; lines: number } {
  const kinds = [
    (i: number) => `2025-05-01T10:${String(i % 60).padStart(2, '0')}:00.123Z [ERR] Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {"Message":"ErrorCode:ServerError;An error occurred","ExceptionMessage":"Tracking ID:${i.toString(16).padStart(32, '0')}-G:3-TimeStamp:05/01/2025 10:00:00"} device dev-${i % 50}`,
    () => '2025-05-01T11:00:00.000Z [WRN] Connect Error mqtt.js returned Connection refused: Server unavailable error',
    (i: number) => `2025-05-01T12:00:${String(i % 60).padStart(2, '0')}Z [INF] twin updated for device Id sensor-${i % 30} on bigfleet.azure-devices.net`,
    (i: number) => `2025-05-01T13:00:00Z [ERR] {"errorCode":429001,"trackingId":"${(i + 1_000_000).toString(16).padStart(32, '0')}-G:1-TimeStamp:05/01/2025 13:00:00"}`,
  ];
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i += 1) {
    const line = kinds[i % kinds.length]?.(i) ?? '';
    lines.push(line);
    length += line.length + 1;
  }
  return { text: lines.join('\n'), lines: lines.length };
}

describe('size', () => {
  it('diagnoses a 1 MB log whole, with exact counts', () => {
    const { text, lines } = bigLog(1_000_000);
    assert.ok(text.length >= 1_000_000);
    const d = diagnose(text);
    assert.equal(d.truncated, false);
    assert.equal(d.inputChars, text.length);
    const perKind = Math.ceil(lines / 4);
    const counts = new Map(d.findings.map((f) => [f.code ?? f.name, f.count]));
    assert.equal(counts.get(500001), perKind);
    assert.equal(counts.get('MQTT CONNACK 3 server unavailable'), Math.ceil((lines - 1) / 4));
    assert.equal(counts.get(429001), Math.floor(lines / 4));
    assert.deepEqual(d.timeSpan, { from: '2025-05-01T10:00:00.000Z', to: '2025-05-01T13:00:00.000Z' });
    assert.deepEqual(d.context.hubHostNames, ['bigfleet.azure-devices.net']);
  });

  it('cuts a paste over 2,000,000 characters and says so', () => {
    const { text } = bigLog(2_600_000);
    const d = diagnose(text);
    assert.equal(DEFAULT_MAX_CHARS, 2_000_000);
    assert.equal(d.truncated, true);
    assert.equal(d.inputChars, text.length);
    assert.ok(d.findings.length >= 3);
    const whole = diagnose(text.slice(0, DEFAULT_MAX_CHARS));
    assert.deepEqual(d.findings, whole.findings, 'only the first 2,000,000 characters were read');
  });

  it('honours maxChars, never splitting a secret into a readable half', () => {
    const key = 'gOmtWDDJjIkXNQIrNFtgA+9O8FHjk/Xv4Hddu6WCk+w=';
    const text = `${'x'.repeat(80)} HostName=h.azure-devices.net;SharedAccessKey=${key}`;
    for (let cut = 100; cut <= text.length; cut += 3) {
      const d = diagnose(text, { maxChars: cut });
      assert.equal(d.truncated, cut < text.length);
      const out = JSON.stringify(d);
      assert.ok(!out.includes(key.slice(0, 8)), `cut at ${cut}`);
    }
  });
});
