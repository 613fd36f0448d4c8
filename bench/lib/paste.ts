// Realistic, reproducible error pastes of any size: what an on-call engineer copies out of a device log,
// an IoT Edge hub log, a service app or `az`: mostly ordinary log lines, with IoT Hub codes, tracking ids,
// .NET / Java / Node stack frames, SDK JSON bodies, MQTT/AMQP lines and the odd connection string mixed in.
import catalog from '#src/diagnosis/catalog/iothub-error-codes.json' with { type: 'json' };
import fixtures from '../../test/fixtures/pasted-errors.dev.json' with { type: 'json' };

interface CatalogEntry {
  code: number;
  name: string;
}

/** mulberry32: a small seeded generator, so every run benchmarks the same text. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUBS = ['contoso-prod-weu', 'contoso-telemetry-eus', 'fabrikam-fleet-sea', 'fabrikam-fleet-cus'] as const;
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'INFO', 'WARN'] as const;
const COMPONENTS = ['telemetry', 'twin', 'methods', 'provisioning', 'edgeHub', 'uploader', 'scheduler', 'mqtt'] as const;
const FRAMES = [
  '   at Microsoft.Azure.Devices.Client.InternalClient.SendEventAsync(Message message, CancellationToken cancellationToken)',
  '   at Microsoft.Azure.Devices.Client.Transport.Mqtt.MqttTransportHandler.SendEventAsync(Message message, CancellationToken cancellationToken)',
  '   at Microsoft.Azure.Devices.Client.Transport.RetryDelegatingHandler.<>c__DisplayClass10_0.<<SendEventAsync>b__0>d.MoveNext()',
  '--- End of stack trace from previous location where exception was thrown ---',
  '   at System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw()',
  '   at Microsoft.Azure.Devices.HttpClientHelper.ExecuteAsync(HttpMethod httpMethod, Uri requestUri, Func`3 modifyRequestMessageAsync)',
  '   at Contoso.Fleet.Gateway.TelemetryPump.RunAsync(CancellationToken ct) in /src/Gateway/TelemetryPump.cs:line 142',
  '\tat com.microsoft.azure.sdk.iot.device.transport.mqtt.Mqtt.connect(Mqtt.java:164)',
  '\tat com.microsoft.azure.sdk.iot.device.transport.IotHubTransport.open(IotHubTransport.java:437)',
  '    at Client._transport.sendEvent (/app/node_modules/azure-iot-device/dist/client.js:211:17)',
  '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function hex(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return text.slice(0, length);
}

function base64(random: () => number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(random() * alphabet.length)];
  return `${text}=`;
}

/** Builds one paste of about `bytes` UTF-8 bytes (ASCII only, so bytes = characters). */
export function generatePaste(bytes: number, seed = 1): string {
  const random = seededRandom(seed);
  const codes: readonly CatalogEntry[] = catalog;
  const samples = fixtures.map((fixture) => fixture.text);
  const parts: string[] = [];
  let size = 0;
  let clock = Date.UTC(2025, 4, 2, 10, 15, 0);
  let sequence = 0;

  while (size < bytes) {
    clock += Math.floor(random() * 900);
    sequence += 1;
    const time = new Date(clock).toISOString();
    const hub = pick(random, HUBS);
    const device = `sensor-${String(Math.floor(random() * 500)).padStart(3, '0')}`;
    const roll = random();
    let chunk: string;
    if (roll < 0.62) {
      chunk = `${time} ${pick(random, LEVELS)} [${pick(random, COMPONENTS)}] message ${sequence} to ${device} sent in ${Math.floor(random() * 300)} ms (${Math.floor(random() * 4000)} bytes, queue ${Math.floor(random() * 40)})`;
    } else if (roll < 0.74) {
      const entry = pick(random, codes);
      const tracking = hex(random, 32);
      chunk = `${time} ERROR [iothub] ${hub}.azure-devices.net ${device}: {"Message":"ErrorCode:${entry.name};${entry.name}","ExceptionMessage":"Tracking ID:${tracking}-G:${Math.floor(random() * 20)}-TimeStamp:05/02/2025 10:15:33","errorCode":${entry.code}}`;
    } else if (roll < 0.82) {
      const entry = pick(random, codes);
      chunk = [
        `${time} ERROR Unhandled exception in ${pick(random, COMPONENTS)} worker`,
        `Microsoft.Azure.Devices.Client.Exceptions.IotHubException: ${entry.name} (${entry.code}) Tracking ID:${hex(random, 32)}-G:3-TimeStamp:05/02/2025 10:15:34`,
        ...Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(random, FRAMES)),
      ].join('\n');
    } else if (roll < 0.88) {
      const entry = pick(random, codes);
      chunk = JSON.stringify(
        {
          name: 'Error',
          responseBody: JSON.stringify({ errorCode: entry.code, trackingId: hex(random, 32), message: entry.name, timestampUtc: time, info: {} }),
          transport: pick(random, ['MQTT', 'AMQP', 'HTTP', 'MQTT_WS']),
          deviceId: device,
        },
        null,
        2,
      );
    } else if (roll < 0.92) {
      chunk = `${time} WARN [mqtt] ${device} disconnected from ${hub}.azure-devices.net: Connection refused: ${pick(random, ['Server unavailable', 'Not authorized', 'Bad username or password'])} (CONNACK ${Math.floor(random() * 6)})`;
    } else if (roll < 0.95) {
      chunk = `ERROR: (IotHubQuotaExceeded) Total number of messages on IotHub '${hub}' exceeded the allocated quota. Max allowed message count: 8000000. Code: 403002\nMessage: Tracking ID:${hex(random, 32)}-G:0-TimeStamp:05/02/2025 10:15:35`;
    } else if (roll < 0.97) {
      chunk = `${time} DEBUG [config] using HostName=${hub}.azure-devices.net;DeviceId=${device};SharedAccessKey=${base64(random, 43)}`;
    } else {
      chunk = pick(random, samples);
    }
    parts.push(chunk);
    size += chunk.length + 1;
  }
  return parts.join('\n').slice(0, bytes);
}
