// The SDK and version a paste shows (sdk-version.ts), and whether that version retries the error class found
// (sdk-retry-facts.ts): the user-agent and manifest forms each SDK prints, and the dated table's answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { findSdk } from '#src/diagnosis/sdk-version.ts';
import { compareVersions, retryErrorClass, sdkRetries, SDK_RETRY_FACTS, SDK_RETRY_FACTS_CHECKED, type RetryErrorClass } from '#src/diagnosis/sdk-retry-facts.ts';
import type { SdkSeen } from '#src/diagnosis/types.ts';

describe('the SDK and version a paste shows', () => {
  const cases: [string, SdkSeen][] = [
    ['"com.microsoft:client-version":"azure-iot-device/1.17.3 (node v18.19.0; Ubuntu 22.04; x64)"', { name: 'azure-iot-device', version: '1.17.3', language: 'node' }],
    ['"dependencies": { "azure-iot-device": "1.7.4", "azure-iot-device-mqtt": "1.7.4" }', { name: 'azure-iot-device', version: '1.7.4', language: 'node' }],
    ['User-Agent: .NET/1.42.3 (.NET 8.0.11; Ubuntu 22.04.5 LTS; X64)', { name: 'Microsoft.Azure.Devices.Client', version: '1.42.3', language: 'dotnet' }],
    ['User-Agent: Microsoft.Azure.Devices.Client/1.17.2 (.NET Framework 4.7; Windows 10; X64)', { name: 'Microsoft.Azure.Devices.Client', version: '1.17.2', language: 'dotnet' }],
    ['<PackageReference Include="Microsoft.Azure.Devices.Client" Version="1.36.0" />', { name: 'Microsoft.Azure.Devices.Client', version: '1.36.0', language: 'dotnet' }],
    ['- SDK version used: Microsoft.Azure.Devices 1.40.0', { name: 'Microsoft.Azure.Devices', version: '1.40.0', language: 'dotnet' }],
    ['com.microsoft.azure.sdk.iot.iot-device-client/1.34.3 (11.0.2; Linux; amd64)', { name: 'iot-device-client', version: '1.34.3', language: 'java' }],
    ['implementation "com.microsoft.azure.sdk.iot:iot-device-client:2.1.4"', { name: 'iot-device-client', version: '2.1.4', language: 'java' }],
    ['<artifactId>iot-device-client</artifactId>\n  <version>2.1.5</version>', { name: 'iot-device-client', version: '2.1.5', language: 'java' }],
    ['Loaded iot-device-client-1.9.0.jar', { name: 'iot-device-client', version: '1.9.0', language: 'java' }],
    ['DeviceClientType=azure-iot-device-iothub-py%2F2.12.0%283.10.12%3BLinux', { name: 'azure-iot-device', version: '2.12.0', language: 'python' }],
    ['$ pip freeze\nazure-iot-device==2.14.0', { name: 'azure-iot-device', version: '2.14.0', language: 'python' }],
    ['- list of installed packages: azure-iot-hub 2.6.0', { name: 'azure-iot-hub', version: '2.6.0', language: 'python' }],
    ['USERNAME: h.azure-devices.net/d1/?api-version=2020-09-30&DeviceClientType=iothubclient%2F1.3.6%20(native%3B%20Linux%3B%20x86_64)', { name: 'azure-iot-sdk-c', version: '1.3.6', language: 'c' }],
    ['Info: IoT Hub SDK for C, version 1.1.23', { name: 'azure-iot-sdk-c', version: '1.1.23', language: 'c' }],
    ['Extension Name: azure-iot. Version: 0.10.3.', { name: 'azure-iot (az CLI extension)', version: '0.10.3', language: null }],
  ];
  for (const [text, seen] of cases) it(`${text.slice(0, 70)} → ${seen.name} ${seen.version}`, () => assert.deepEqual(findSdk(text), seen));

  it('prefers an IoT Hub SDK to a tool, and the last version written of it ("upgraded to")', () => {
    assert.deepEqual(findSdk('az extension azure-iot 0.21.0, device on azure-iot-device/1.18.4 (node v20.1.0; Linux; x64)')?.name, 'azure-iot-device');
    assert.equal(findSdk('we were on iot-device-client 2.1.4, now upgraded to iot-device-client 2.1.5')?.version, '2.1.5');
  });

  it('takes no range for a version, nor a transport package for the device SDK, nor a four-part assembly version', () => {
    assert.equal(findSdk('"azure-iot-device": "^1.7.4"'), null);
    assert.equal(findSdk('azure-iot-device-mqtt/1.16.4'), null);
    assert.equal(findSdk('Microsoft.Azure.Devices.Client, Version=1.0.0.0, Culture=neutral'), null);
    assert.equal(findSdk('.NET/6.0.25 runtime'), null);
    assert.equal(findSdk('see https://github.com/Azure/azure-iot-sdk-c/issues/1234'), null);
  });

  it('is part of the diagnosis', () => {
    assert.deepEqual(diagnose('azure-iot-device/1.17.3 (node v18.19.0; Linux; x64) ServiceUnavailableError: Service Unavailable').sdk, {
      name: 'azure-iot-device',
      version: '1.17.3',
      language: 'node',
    });
    assert.equal(diagnose('500001 ServerError').sdk, null);
  });
});

describe('whether that SDK version retries the error by default', () => {
  const ask = (name: string, version: string, language: SdkSeen['language'], errorClass: RetryErrorClass | null) => sdkRetries({ name, version, language }, errorClass).kind;

  it('answers from the table for the versions it covers', () => {
    assert.equal(ask('azure-iot-device', '1.1.19', 'node', 'server-busy'), 'no', 'no retry before 1.2.0');
    assert.equal(ask('azure-iot-device', '1.17.3', 'node', 'server-error'), 'yes');
    assert.equal(ask('azure-iot-device', '1.17.3', 'node', 'gateway-timeout'), 'no');
    assert.equal(ask('Microsoft.Azure.Devices.Client', '1.18.2', 'dotnet', 'throttling'), 'yes');
    assert.equal(ask('Microsoft.Azure.Devices.Client', '1.42.3', 'dotnet', 'unauthorized'), 'no');
    assert.equal(ask('iot-device-client', '2.1.4', 'java', 'server-error'), 'no', 'issue #1672');
    assert.equal(ask('iot-device-client', '2.1.5', 'java', 'server-error'), 'yes', 'PR #1675');
    assert.equal(ask('azure-iot-device', '2.12.0', 'python', 'connection'), 'yes');
    assert.equal(ask('azure-iot-hub', '2.6.0', 'python', 'throttling'), 'no');
    assert.equal(ask('azure-iot-hub', '2.6.0', 'python', 'server-busy'), 'yes');
    assert.equal(ask('azure-iot-sdk-c', '1.3.6', 'c', 'connection'), 'yes');
  });

  it('says unknown outside the checked versions, for a pair no row covers, and for a tool', () => {
    assert.equal(ask('azure-iot-device', '1.18.5', 'node', 'server-error'), 'unknown', 'newer than the table');
    assert.equal(ask('Microsoft.Azure.Devices.Client', '1.0.0', 'dotnet', 'server-error'), 'unknown', 'older than the table');
    assert.equal(ask('iot-device-client', '1.9.0', 'java', 'throttling'), 'unknown', 'no retry policy class before 1.10.0');
    assert.equal(ask('azure-iot-device', '2.12.0', 'python', 'server-error'), 'unknown', 'HTTP retries of the Python device SDK are not verified');
    assert.equal(ask('azure-iot-sdk-c', '1.3.6', 'c', 'unauthorized'), 'unknown');
    assert.equal(ask('azure-iot-device', '1.17.3', 'python', 'server-error'), 'unknown', 'the Node rows are not the Python package');
    assert.equal(ask('azure-iot (az CLI extension)', '0.10.3', null, 'server-error'), 'unknown');
    assert.equal(ask('azure-iot-device', '1.17.3', 'node', null), 'unknown');
  });

  it('reads the class of the headline finding', () => {
    assert.equal(retryErrorClass({ httpStatus: 429, family: 'iothub-code' }), 'throttling');
    assert.equal(retryErrorClass({ httpStatus: 500, family: 'http-class' }), 'server-error');
    assert.equal(retryErrorClass({ httpStatus: 403, family: 'iothub-code' }), 'quota');
    assert.equal(retryErrorClass({ httpStatus: null, family: 'not-iothub' }), 'connection');
    assert.equal(retryErrorClass({ httpStatus: null, family: 'http-class' }), null);
  });

  it('is a dated table with a source for every row and well-formed ranges', () => {
    assert.match(SDK_RETRY_FACTS_CHECKED, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(SDK_RETRY_FACTS.length >= 30);
    for (const row of SDK_RETRY_FACTS) {
      assert.ok(row.source.length > 20, `${row.sdk}: source`);
      if (row.from !== null && row.to !== null && !row.to.endsWith('.x')) assert.ok((compareVersions(row.from, row.to) ?? 1) <= 0, `${row.sdk} ${row.from}..${row.to}`);
    }
    assert.equal(compareVersions('2.0.0-preview008', '2.0.0'), -1);
    assert.equal(compareVersions('1.10.0', '1.9.9'), 1);
    assert.equal(compareVersions('1.x', '1.0.0'), null);
  });
});
