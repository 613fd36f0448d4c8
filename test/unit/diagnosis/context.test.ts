// Context extraction: hubs, devices/modules, tracking ids, timestamps, protocols, ARM ids.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { splitRecords } from '#src/diagnosis/records.ts';
import { findTimestamps } from '#src/diagnosis/timestamps.ts';

const ctx = (text: string) => diagnose(text).context;

describe('timestamps', () => {
  const cases: [string, string | null][] = [
    ['TimeStamp:10/15/2018 03:54:24', '2018-10-15T03:54:24.000Z'],
    ['2018-10-15 03:54:24.717 +00:00 [WRN]', '2018-10-15T03:54:24.717Z'],
    ['Timestamp:5/31/2016 11:06:13 PM.', '2016-05-31T23:06:13.000Z'],
    ['Timestamp:5/31/2016 12:06:13 AM.', '2016-05-31T00:06:13.000Z'],
    ['"timestampUtc":"2018-11-07T09:22:57.6054134Z"', '2018-11-07T09:22:57.605Z'],
    ['timestamp: 2023-02-03 08:23:09Z,', '2023-02-03T08:23:09.000Z'],
    ['2021-06-01T10:00:00+02:00', '2021-06-01T08:00:00.000Z'],
    ['2021-06-01T10:00:00-0530', '2021-06-01T15:30:00.000Z'],
    ['Date: Thu, 06 Jan 2022 10:22:10 GMT', '2022-01-06T10:22:10.000Z'],
    ['Error: Time:Tue Mar 13 10:04:35 2018 File:x', '2018-03-13T10:04:35.000Z'],
    ['2024-03-01 12:00:00,123 ERROR', '2024-03-01T12:00:00.123Z'],
    ['10/05/2025, 2:01:04.112 AM', '2025-10-05T02:01:04.112Z'],
    ['31/12/2024 23:59:59', '2024-12-31T23:59:59.000Z'],
    ['2021-02-31T00:00:00Z', null],
  ];
  for (const [text, iso] of cases) {
    it(`${text} → ${iso}`, () => {
      const found = findTimestamps(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]?.iso, iso);
    });
  }

  it('ignores dates without a time and masked timestamps', () => {
    assert.deepEqual(findTimestamps('api-version=2017-11-08-preview "timestampUtc":"*****************"'), []);
  });

  it('keeps unparseable dates as seen in the context, and leaves them out of the time span', () => {
    const d = diagnose('2021-02-31T00:00:00Z then 2021-03-01T00:00:00Z');
    assert.deepEqual(d.context.timestamps, ['2021-02-31T00:00:00Z', '2021-03-01T00:00:00.000Z']);
    assert.equal(d.timeSpan, null, 'a single valid instant has no span');
  });
});

describe('hub host names', () => {
  it('finds hubs in every cloud, lower-cased, and not DPS endpoints', () => {
    assert.deepEqual(
      ctx(
        'HostName=Contoso.azure-devices.net; amqps://cn-hub.azure-devices.cn/devices/x; gov.azure-devices.us; old.azure-devices.de; ' +
          'bf.azure-devices.microsoftazure.de; global.azure-devices-provisioning.net; myhub.privatelink.azure-devices.net',
      ).hubHostNames,
      ['contoso.azure-devices.net', 'cn-hub.azure-devices.cn', 'gov.azure-devices.us', 'old.azure-devices.de', 'bf.azure-devices.microsoftazure.de', 'myhub.azure-devices.net'],
    );
  });

  it('deduplicates and caps each list at 20', () => {
    const hosts = Array.from({ length: 30 }, (_, i) => `hub${i}.azure-devices.net hub${i}.azure-devices.net`).join('\n');
    const found = ctx(hosts).hubHostNames;
    assert.equal(found.length, 20);
    assert.equal(new Set(found).size, 20);
    assert.equal(found[0], 'hub0.azure-devices.net');
  });
});

describe('device and module ids', () => {
  const cases: [string, string[], string[]][] = [
    ['HostName=h.azure-devices.net;DeviceId=press-7;ModuleId=opc;SharedAccessKey=abc', ['press-7'], ['opc']],
    ['{"deviceId": "sensor-01", "moduleId": "filter"}', ['sensor-01'], ['filter']],
    ["{'deviceId': 'sensor-02'}", ['sensor-02'], []],
    ['az iot hub invoke-module-method --device-id edge-9 --module-id "$edgeAgent"', ['edge-9'], ['$edgeAgent']],
    ['PUT /devices/meter-1/modules/collector?api-version=2021-04-12', ['meter-1'], ['collector']],
    ['POST https://h.azure-devices.net/twins/kiosk-118/methods', ['kiosk-118'], []],
    ['Disposing MessagingServiceClient for device Id IoTGateway6 because of exception', ['IoTGateway6'], []],
    ['Error while refreshing the service identity for edge1015/tempSensor', ['edge1015'], ['tempSensor']],
    ['Error getting twin for gw-line7/$edgeHub', ['gw-line7'], ['$edgeHub']],
    ['username h.azure-devices.net/dev-3/mod-a/?api-version=2021-04-12', ['dev-3'], ['mod-a']],
    ['Send failed for device meter-031 after 3 retries', ['meter-031'], []],
    ['could not send for device twin updates; device id is invalid', [], []],
    ['devices/{deviceId}/messages/events and DeviceId=<your device>', [], []],
    ['/subscriptions/s/resourcegroups/rg/providers/microsoft.devices/iothubs/hub', [], []],
  ];
  for (const [text, devices, modules] of cases) {
    it(text.slice(0, 70), () => {
      const c = ctx(text);
      assert.deepEqual(c.deviceIds, devices);
      assert.deepEqual(c.moduleIds, modules);
    });
  }
});

describe('tracking ids', () => {
  const cases: [string, string[]][] = [
    ['"ExceptionMessage":"Tracking ID:8d08ff1144d6450680295a10d760244f-G:9-TimeStamp:10/15/2018 03:54:24"', ['8d08ff1144d6450680295a10d760244f-G:9-TimeStamp:10/15/2018 03:54:24']],
    ['Tracking Id:ec8524321e764300a2c0616020cc0d6a-G:3-TimeStamp:05/31/2016 23:06:13', ['ec8524321e764300a2c0616020cc0d6a-G:3-TimeStamp:05/31/2016 23:06:13']],
    ['{"trackingId":"aa761f96e9174d0e849c96a8b2e10a8c-TimeStamp:03/14/2024 09:54:49"}', ['aa761f96e9174d0e849c96a8b2e10a8c-TimeStamp:03/14/2024 09:54:49']],
    ['{"Message":"2ef6bf7a6ed34bc0af9ea3182c837ad6-G:0-TimeStamp:01/18/2016 19:25:41"}', ['2ef6bf7a6ed34bc0af9ea3182c837ad6-G:0-TimeStamp:01/18/2016 19:25:41']],
    ['TrackingId:5566778899aabbccddeeff0011223344_G4, SystemTracker:gateway', ['5566778899aabbccddeeff0011223344_G4']],
    ['"trackingId":"******************"', []],
    ['Tracking ID:{id}-G:4-TimeStamp:09/23/2019 16:17:08', []],
  ];
  for (const [text, ids] of cases) it(text.slice(0, 70), () => assert.deepEqual(ctx(text).trackingIds, ids));

  it('keeps one entry per tracking id, in its longest form', () => {
    const text = 'id 8d08ff1144d6450680295a10d760244f-G:9 and later Tracking ID:8d08ff1144d6450680295a10d760244f-G:9-TimeStamp:10/15/2018 03:54:24';
    assert.deepEqual(ctx(text).trackingIds, ['8d08ff1144d6450680295a10d760244f-G:9-TimeStamp:10/15/2018 03:54:24']);
  });
});

describe('protocols, hub names, ARM resource ids, correlation ids', () => {
  it('names the transports seen', () => {
    assert.deepEqual(ctx('TransportType.Mqtt_WebSocket_Only').protocols, ['MQTT', 'WebSockets']);
    assert.deepEqual(ctx('at AmqpTransportHandler.OpenAsync').protocols, ['AMQP']);
    assert.deepEqual(ctx('new DeviceClient(Http1)').protocols, ['HTTP']);
    assert.deepEqual(ctx('org.eclipse.paho.client.mqttv3.MqttException').protocols, ['MQTT']);
    assert.deepEqual(ctx('see https://aka.ms/iothub404103').protocols, [], 'a URL is not the HTTP transport');
  });

  it('finds hub names given without a host', () => {
    assert.deepEqual(ctx('az iot hub monitor-events --hub-name "ops-hub" -d x').hubNames, ['ops-hub']);
    assert.deepEqual(ctx('az iot hub show -n contoso-hub -g rg').hubNames, ['contoso-hub']);
    assert.deepEqual(ctx('(Certificate Name "c" / Iot Hub Name "iothcexample" / Resource Group "rg")').hubNames, ['iothcexample']);
  });

  it('finds hub ARM resource ids case-insensitively, cut at the hub name', () => {
    const id = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/ops-hub';
    assert.deepEqual(ctx(`POST ${id}/failover?api-version=2023-06-30 and ${id.toLowerCase()}`).hubResourceIds, [id]);
  });

  it('finds ARM correlation ids', () => {
    assert.deepEqual(ctx('please include this correlation identifier: 763E3B2C-05A1-4F93-97C6-9436D6223D1F, timestamp').correlationIds, ['763e3b2c-05a1-4f93-97c6-9436d6223d1f']);
  });
});

describe('records', () => {
  it('starts a record at log lines and blank lines, keeps traces and HTTP bodies together', () => {
    const text = [
      '2025-01-01 00:00:00.000 +00:00 [ERR] failed',
      'Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: x',
      '   at Foo()',
      '2025-01-01 00:00:01.000 +00:00 [INF] ok',
      '',
      'HTTP/1.1 429 Too Many Requests',
      'iothub-errorcode: ThrottlingException',
      '',
      '{"Message":"ErrorCode:ThrottlingException;x"}',
      '',
      'next paragraph',
    ].join('\n');
    const records = splitRecords(text).map((r) => text.slice(r.start, r.end).split('\n')[0]);
    assert.deepEqual(records, ['2025-01-01 00:00:00.000 +00:00 [ERR] failed', '2025-01-01 00:00:01.000 +00:00 [INF] ok', 'HTTP/1.1 429 Too Many Requests', 'next paragraph']);
    assert.equal(diagnose(text).findings.find((f) => f.code === 429001)?.count, 1, 'header, status and body are one error');
  });
});
