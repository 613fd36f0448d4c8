// Whether a given SDK version retries a given class of error by default: a small table of facts, each read in the
// SDK's own source at release tags (commits and files named per row), checked on SDK_RETRY_FACTS_CHECKED.
// A version outside every range, or an SDK/error pair no row covers, is "unknown": never a guess.
// Research notes: azure-iot-sdk-node, -csharp, -java, -python, -c, azure-iot-hub-python, msrest-for-python.
import type { Finding, SdkLanguage, SdkSeen } from './types.ts';

export const SDK_RETRY_FACTS_CHECKED = '2026-12-07';

/** The error classes the table speaks of (what a finding's HTTP status or category makes it). */
export type RetryErrorClass =
  | 'throttling' // 429
  | 'server-error' // 500
  | 'server-busy' // 503
  | 'bad-gateway' // 502
  | 'gateway-timeout' // 504
  | 'request-timeout' // 408
  | 'connection' // a dropped or failed connection, a timeout waiting for the service
  | 'unauthorized' // 401, refused credentials
  | 'quota' // 403 quota
  | 'caller-error'; // 400, 404, 409, 412, 413

export interface RetryFact {
  /** Registry name of the package (SdkSeen.name) and its language (azure-iot-device is on npm and PyPI). */
  sdk: string;
  language: SdkLanguage;
  /** Inclusive version range; null: open on that side; "1.18.x": every 1.18 release. */
  from: string | null;
  to: string | null;
  /** null: every error class (an SDK version with no retry at all). */
  errorClass: RetryErrorClass | null;
  retried: boolean;
  /** Repository, file or commit where it was read. */
  source: string;
}

const NODE_FILTER = 'Azure/azure-iot-sdk-node common/core/src/retry_error_filter.ts (InternalServerError true since commit 6eecb1b97, tag 2017-10-24)';
const DOTNET_HANDLER = 'Azure/azure-iot-sdk-csharp iothub/device/src/Transport/RetryDelegatingHandler.cs (tags 2016-11-30 to 2018-10-9)';
const DOTNET_PIPELINE = 'Azure/azure-iot-sdk-csharp Transport/RetryDelegatingHandler.cs @2019-1-4 (commit 731ec85ec) and Pipeline/RetryDelegatingHandler.cs on main';
const JAVA_EXCEPTIONS = 'Azure/azure-iot-sdk-java device/exceptions/ThrottledException.java, ServerBusyException.java (isRetryable) @2018-4-13, @2022-03-04, main';
const MSREST_POLICY = 'Azure/msrest-for-python msrest/universal_http/requests.py ClientRetryPolicy (0.7.1); no override in azure-iot-hub src';

const LANGUAGE_OF = {
  'azure-iot-device@node': 'node',
  'Microsoft.Azure.Devices.Client': 'dotnet',
  'Microsoft.Azure.Devices': 'dotnet',
  'iot-device-client': 'java',
  'iot-service-client': 'java',
  'azure-iot-device@python': 'python',
  'azure-iot-hub': 'python',
  'azure-iot-sdk-c': 'c',
} as const satisfies Record<string, SdkLanguage>;
type TableSdk = keyof typeof LANGUAGE_OF;

/** `sdk` is the registry name, with "@node" / "@python" where the name is on both registries. */
const fact = (sdk: TableSdk, from: string | null, to: string | null, errorClass: RetryErrorClass | null, retried: boolean, source: string): RetryFact => ({
  sdk: sdk.replace(/@.*$/, ''),
  language: LANGUAGE_OF[sdk],
  from,
  to,
  errorClass,
  retried,
  source,
});

export const SDK_RETRY_FACTS: readonly RetryFact[] = [
  // Node device SDK: no retry before 1.2.0; since, DefaultErrorFilter decides.
  fact('azure-iot-device@node', null, '1.1.19', null, false, 'Azure/azure-iot-sdk-node device/core/src/client.ts @2017-10-9 (no retry code)'),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'throttling', true, `${NODE_FILTER}; ThrottlingError with 10 to 60 s backoff`),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'server-error', true, NODE_FILTER),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'server-busy', true, NODE_FILTER),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'connection', true, `${NODE_FILTER}; NotConnectedError and TimeoutError`),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'gateway-timeout', false, NODE_FILTER),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'bad-gateway', false, NODE_FILTER),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'request-timeout', false, `${NODE_FILTER}; HTTP 408 is DeviceTimeoutError`),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'unauthorized', false, NODE_FILTER),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'quota', false, NODE_FILTER),
  fact('azure-iot-device@node', '1.2.0', '1.18.4', 'caller-error', false, NODE_FILTER),

  // .NET device SDK
  fact('Microsoft.Azure.Devices.Client', '1.1.1', '1.18.x', 'server-error', true, DOTNET_HANDLER),
  fact('Microsoft.Azure.Devices.Client', '1.1.1', '1.18.x', 'server-busy', true, DOTNET_HANDLER),
  fact('Microsoft.Azure.Devices.Client', '1.1.1', '1.18.x', 'quota', true, DOTNET_HANDLER),
  fact('Microsoft.Azure.Devices.Client', '1.1.1', '1.18.x', 'connection', true, DOTNET_HANDLER),
  fact('Microsoft.Azure.Devices.Client', '1.1.1', '1.18.x', 'throttling', true, `${DOTNET_HANDLER}; a fixed 10 to 60 s policy`),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'throttling', true, DOTNET_PIPELINE),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'server-error', true, DOTNET_PIPELINE),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'server-busy', true, DOTNET_PIPELINE),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'quota', true, DOTNET_PIPELINE),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'connection', true, DOTNET_PIPELINE),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'unauthorized', false, `${DOTNET_PIPELINE} (TransientErrorStrategy: IotHubException.IsTransient only)`),
  fact('Microsoft.Azure.Devices.Client', '1.19.0', '1.42.3', 'caller-error', false, `${DOTNET_PIPELINE} (TransientErrorStrategy: IotHubException.IsTransient only)`),
  // .NET service SDK: no retry policy in iothub/service/src (read on main, 1.41.0)
  fact('Microsoft.Azure.Devices', '1.41.0', '1.41.0', null, false, 'Azure/azure-iot-sdk-csharp iothub/service/src on main (tag 2025_12_11): no retry policy'),

  // Java device SDK: ThrottledException and ServerBusyException retryable since 1.10.0; HTTP 500 only since 2.1.5.
  fact('iot-device-client', '1.10.0', '2.5.1', 'throttling', true, JAVA_EXCEPTIONS),
  fact('iot-device-client', '1.10.0', '2.5.1', 'server-busy', true, JAVA_EXCEPTIONS),
  fact('iot-device-client', '1.10.0', '2.1.4', 'server-error', false, 'Azure/azure-iot-sdk-java InternalServerErrorException.java (isRetryable never set until 2.1.5); issue #1672 on 2.1.4'),
  fact('iot-device-client', '2.1.5', '2.5.1', 'server-error', true, 'Azure/azure-iot-sdk-java PR #1675, commit 80a68bbb1 (tag 2023-03-10)'),
  fact('iot-device-client', '1.10.0', '2.5.1', 'connection', true, 'Azure/azure-iot-sdk-java DeviceClientConfig.java @2018-4-13 (commit c252999fd), IotHubTransport.java on main'),
  fact('iot-device-client', '2.5.1', '2.5.1', 'unauthorized', false, 'Azure/azure-iot-sdk-java IotHubStatusCode.getConnectionStatusException, IotHubTransport.java on main'),
  fact('iot-device-client', '2.5.1', '2.5.1', 'quota', false, 'Azure/azure-iot-sdk-java IotHubStatusCode.getConnectionStatusException, IotHubTransport.java on main'),
  fact('iot-device-client', '2.5.1', '2.5.1', 'caller-error', false, 'Azure/azure-iot-sdk-java IotHubStatusCode.getConnectionStatusException, IotHubTransport.java on main'),
  fact('iot-service-client', '2.0.0', '2.1.10', null, false, 'Azure/azure-iot-service-sdk-java service/iot-service-client/src/main: no retry policy'),

  // Python device SDK v2: only the connection is retried (MQTT only; no retry on HTTP statuses seen).
  fact('azure-iot-device@python', '2.0.0', '2.14.0', 'connection', true, 'Azure/azure-iot-sdk-python common/pipeline/pipeline_stages_base.py ReconnectStage (fixed 10 s; configurable since 2.6.0)'),
  fact('azure-iot-device@python', '2.0.0', '2.14.0', 'unauthorized', false, 'Azure/azure-iot-sdk-python pipeline_stages_base.py: only transient connect errors are retried'),
  // Python service SDK: msrest's default policy (408 and 5xx except 501/505, 3 tries); 429 is not in its list.
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'server-error', true, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'server-busy', true, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'bad-gateway', true, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'gateway-timeout', true, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'request-timeout', true, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'throttling', false, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'connection', true, MSREST_POLICY),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'unauthorized', false, `${MSREST_POLICY}: 401 is not in its status list`),
  fact('azure-iot-hub', '2.0.0', '2.7.0', 'caller-error', false, `${MSREST_POLICY}: 4xx other than 408 are not in its status list`),

  // C SDK: connection loss retried forever by default over MQTT and AMQP (exponential backoff with jitter).
  fact('azure-iot-sdk-c', '1.0.0', '1.14.0', 'connection', true, 'Azure/azure-iot-sdk-c iothub_client/src/iothubtransport_mqtt_common.c, iothubtransport_amqp_common.c, iothub_client_retry_control.c'),
];

/** Which class of error a finding is, for the table; null when the table has nothing to say of it. */
export function retryErrorClass(finding: Pick<Finding, 'httpStatus' | 'family'>): RetryErrorClass | null {
  if (finding.family === 'not-iothub') return 'connection';
  switch (finding.httpStatus) {
    case 429:
      return 'throttling';
    case 500:
      return 'server-error';
    case 503:
      return 'server-busy';
    case 502:
      return 'bad-gateway';
    case 504:
      return 'gateway-timeout';
    case 408:
      return 'request-timeout';
    case 401:
      return 'unauthorized';
    case 403:
      return 'quota';
    case 400:
    case 404:
    case 409:
    case 412:
    case 413:
      return 'caller-error';
    default:
      return null;
  }
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-(.+))?$/;

/** Compares two versions (major.minor.patch, a pre-release sorting before its release); null if either is not one. */
export function compareVersions(a: string, b: string): number | null {
  const x = VERSION.exec(a);
  const y = VERSION.exec(b);
  if (x === null || y === null) return null;
  for (let i = 1; i <= 3; i += 1) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return Math.sign(d);
  }
  if (x[4] === y[4]) return 0;
  if (x[4] === undefined) return 1;
  if (y[4] === undefined) return -1;
  return x[4] < y[4] ? -1 : 1;
}

function atMost(version: string, to: string): boolean | null {
  if (!to.endsWith('.x')) {
    const c = compareVersions(version, to);
    return c === null ? null : c <= 0;
  }
  // "1.18.x": below 1.19.0
  const [major, minor] = to.split('.').map(Number);
  const c = compareVersions(version, `${major ?? 0}.${(minor ?? 0) + 1}.0`);
  return c === null ? null : c < 0;
}

function inRange(version: string, f: RetryFact): boolean {
  const low = f.from === null ? 1 : compareVersions(version, f.from);
  const high = f.to === null ? true : atMost(version, f.to);
  return low !== null && low >= 0 && high === true;
}

export type RetryAnswer = { kind: 'yes' | 'no'; fact: RetryFact } | { kind: 'unknown' };

/** Whether this SDK version retries this class of error by default, from the table; "unknown" when no row covers it. */
export function sdkRetries(sdk: SdkSeen, errorClass: RetryErrorClass | null): RetryAnswer {
  if (errorClass === null) return { kind: 'unknown' };
  const rows = SDK_RETRY_FACTS.filter(
    (f) => f.sdk === sdk.name && f.language === sdk.language && inRange(sdk.version, f) && (f.errorClass === errorClass || f.errorClass === null),
  );
  // A row for the class itself is more precise than one for every class.
  const row = rows.find((f) => f.errorClass === errorClass) ?? rows[0];
  if (row === undefined) return { kind: 'unknown' };
  return { kind: row.retried ? 'yes' : 'no', fact: row };
}
