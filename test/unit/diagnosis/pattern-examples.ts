// Texts shared by the pattern tests: the paste corpus, and one match of every pattern at every lead its
// keywords declare (each form of text that can come before a keyword).
import { readdirSync, readFileSync } from 'node:fs';

/** The real pastes of test/fixtures (the curated corpus and the dev corpus). */
export function pasteCorpus(): string[] {
  const pasteDir = new URL('../../fixtures/pastes/', import.meta.url);
  return [
    ...readdirSync(pasteDir)
      .filter((name) => !name.endsWith('.json'))
      .map((name) => readFileSync(new URL(name, pasteDir), 'utf8')),
    ...(JSON.parse(readFileSync(new URL('../../fixtures/pasted-errors.dev.json', import.meta.url), 'utf8')) as { text: string }[]).map((entry) => entry.text),
  ];
}

const GUID = '12345678-1234-1234-1234-123456789abc';
const HEX = '0123456789abcdef0123456789ABCDEF';

/** A match at every lead the patterns declare: each form of text that can come before a keyword. */
export const EXAMPLES: readonly string[] = [
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
  'sig%253D', '%2526sig%253D', 'AZURE_CLIENT_SECRET=', '"clientSecret": "', 'client_secret=', 'client-secret: ', '--client-secret ',
  'on device rpi-4:', 'Failed to update device d-14', 'az iot device send-d2c-message -n hub -d d-15', 'iothub-explorer create d-16', 'for client gw-1/m1',
  'from device/module gw-2/m2', 'reg.get_device("d-17")', "GetTwinAsync('d-18', x)", 'h.azure-devices.net/d-19/api-version=2016-11-14',
  'Unable to find IoT Hub: hub-11 in current subscription 1', 'Unable to discover a priviledged policy for IoT Hub: hub-12, in subscription',
  `${HEX}-G2:-TimeStamp:2024-02-27T17:27:48.272248437+00:00`, `Tracking ID:${HEX}-G:9-TimeStamp:12/03/2019 15:00:09-G:11-TimeStamp:12/03/2019 15:00:09`,
  "invalid status code 'Not Found'", "with status: 'Unauthorized'", 'Error: Bad Request', 'UnauthorizedError: Unauthorized', 'server reply code is 401',
  'unexpected HTTP status code (404)', 'response code was 404', 'HTTP Error 411.', '409 Client Error', '503 Server Error', "'too many 504 error responses'",
  'Status Code:\n2024-01-01T00:00:00.1234567Z Conflict', 'status-code: 404', 'Connection Not Accepted: 0x5: Not Authorized', 'CONNACK | RETURN_CODE: 0x5',
  'Timed out waiting for the response from device', 'Timed out waiting for device to connect', 'the requested device is not online',
  'DeviceNotFoundException: Not registered', 'Device Queue depth cannot exceed 50', 'exceeded the queue limit of 50', 'Number of active file upload requests cannot exceed',
  'Another AMQP Client has opened a Receive Link', "device with ID 'd-20'", 'connection was aborted', 'ErrorCodes.UnauthorizedAccess',
  'Connection unable to be opened in time', 'Error: io_open failed', 'Failed opening the underlying I/O', 'failure connecting to address h.azure-devices.net',
  'lookup_address_and_connect_socket failed', 'mqtt_client timed out waiting for CONNACK', 'socket.timeout: timed out', 'Transport timeout on connection operation', 'Timed out connecting to provisioning service', 'DPS client error', 'provisioning service timed out', 'failed: 401', 'failed with status 403',
  'The connection string is missing the property: HostName', 'IoT Hub connection string has missing property: HostName', 'DeviceId must be specified in connection string',
  'A module Id was specified in the connection string', 'Invalid Connection String - Incomplete', "Couldn't find HostName or DeviceId in connection string",
  'Both x509 and SharedAccessKey in connection string were set, they are mutually exclusive', 'Tokenizing failed on connectionString',
  'Func:IoTHubClient_LL_CreateFromConnectionString Line:672 deviceId is not found', "Credential of device 'd-21' is not acceptable",
  'Both deviceKey and deviceSasToken are defined', "Primary key of device 'd-22' was marked as invalid", "Secondary key of device 'd-23' was marked as invalid",
  'AMQP transport authentication timed out.', 'Authentication timed-out [d-24]', "Device 'd-25' authentication did not complete starting within expected timeout (30)",
  'Module gw-3/m3 is not connected', "Device 'd-28' is not online", 'device d-29 is offline', 'Device d-30 is not connected', 'The daemon could not start up successfully: Could not load settings', 'A module runtime error occurred.',
  'The workload service encountered an error', 'The management service encountered an error', 'The watchdog encountered an error', 'The symmetric key string is malformed',
  'The certificate management expiration timer encountered a failure.',
  "The client 'me@x.com' with object id 'abc' does not have authorization to perform action 'Microsoft.Devices/IotHubs/read'", 'Target module gw-4/m4 is not connecte', 'Unable to invoke method as client gw-5 is not connected.',
  'Unable to invoke method on client gw-6/m6 because no subscription for methods found.', 'Max number of Iot Hubs exceeded for sku = Free',
  'No IoT Hub found with name hub-13 in current subscription.', 'No IoT Hub found in current subscription.', 'connect ETIMEDOUT 10.0.0.7:8883',
  'SEVERE: d-26: Timed out as no activity, keepAlive=230,000',
  'dotnet add package Microsoft.Azure.Devices.Client --version 1.41.2', 'Install-Package Microsoft.Azure.Devices.Client -Version 1.41.2',
  '<PackageReference Version="1.41.2" Include="Microsoft.Azure.Devices.Client" />', '<PackageReference Include="Microsoft.Azure.Devices.Client">  <Version>1.41.2</Version>',
  'UserAgent: Microsoft.Azure.Devices.Client/1.2.3-preview.1', 'azure-iothub/1.14.4 (node', 'Provisioning API Version: 1.2.12', 'the linked IoT hub', 'enrollment group', 'registration_id = "d-27"', 'id_scope = "0ne0001"',
  'az login --service-principal -u app -p ', 'az login -u me --password=', '"value": "', '\\"value\\":\\"', 'key1  FULL  ', 'kerb2\tRead\t', 'key2 ',
];
