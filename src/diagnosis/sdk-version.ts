// Which SDK (or tool) and version a paste shows: user agents (azure-iot-device/1.17.3 (node v18 ...),
// .NET/1.42.3 (...), iothubclient/1.3.6, azure-iot-device-iothub-py/2.12.0(...)), package lists and manifests
// ("azure-iot-device": "1.7.4", azure-iot-hub 2.6.0, com.microsoft.azure.sdk.iot:iot-device-client:1.9.0,
// iot-device-client-1.9.0.jar), and what tools print about themselves ("IoT Hub SDK for C, version 1.1.23",
// "Extension Name: azure-iot. Version: 0.10.3."). User-agent formats: /work/staging research, see sdk-retry-facts.ts.
// A version must be written exactly: a range (^1.7.4, ~1.7) is not a version.
import type { SdkLanguage, SdkSeen } from './types.ts';

interface KnownPackage {
  /** How the paste writes it (matched case-insensitively, as a whole name). */
  written: string;
  /** Its registry name. */
  name: string;
  language: SdkLanguage | null;
  /** Lower is preferred when a paste shows several: IoT Hub SDKs, then DPS clients, then other services' SDKs, then tools. */
  rank: 0 | 1 | 2 | 3;
}

const pkg = (written: string, name: string, language: SdkLanguage | null, rank: KnownPackage['rank']): KnownPackage => ({ written, name, language, rank });

const PACKAGES: readonly KnownPackage[] = [
  // Node (npm); azure-iot-device is also the Python package: see languageOf()
  pkg('azure-iot-device', 'azure-iot-device', 'node', 0),
  pkg('azure-iothub', 'azure-iothub', 'node', 0),
  // Python (PyPI): the device SDK's user agents, and the service SDK
  pkg('azure-iot-device-iothub-py', 'azure-iot-device', 'python', 0),
  pkg('py-azure-iot-device', 'azure-iot-device', 'python', 0),
  pkg('azure-iot-hub', 'azure-iot-hub', 'python', 0),
  // .NET (NuGet); a device client since 1.19.0 sends ".NET/<version> (...)"
  pkg('Microsoft.Azure.Devices.Client', 'Microsoft.Azure.Devices.Client', 'dotnet', 0),
  pkg('Microsoft.Azure.Devices', 'Microsoft.Azure.Devices', 'dotnet', 0),
  pkg('.NET', 'Microsoft.Azure.Devices.Client', 'dotnet', 0),
  // Java (Maven)
  pkg('com.microsoft.azure.sdk.iot.iot-device-client', 'iot-device-client', 'java', 0),
  pkg('iot-device-client', 'iot-device-client', 'java', 0),
  pkg('com.microsoft.azure.sdk.iot.iot-service-client', 'iot-service-client', 'java', 0),
  pkg('iot-service-client', 'iot-service-client', 'java', 0),
  // C: its MQTT/HTTP user agent, the version it logs, its repositories' names in build paths
  pkg('iothubclient', 'azure-iot-sdk-c', 'c', 0),
  pkg('IoT Hub SDK for C', 'azure-iot-sdk-c', 'c', 0),
  pkg('azure-iot-sdk-c', 'azure-iot-sdk-c', 'c', 0),
  pkg('azure-iot-sdk', 'azure-iot-sdk-c', 'c', 0),
  // its provisioning client, whose version is the C SDK's: what its samples print (Prov_Device_LL_GetVersionString). Its
  // HTTP user agent "prov_device_client/1.0" is a constant (prov_transport_http_client.c since 2017), not a version.
  pkg('Provisioning API Version', 'azure-iot-sdk-c provisioning client (prov_device_client)', 'c', 1),
  // Device Provisioning Service clients
  pkg('Microsoft.Azure.Devices.Provisioning.Client', 'Microsoft.Azure.Devices.Provisioning.Client', 'dotnet', 1),
  pkg('provisioning-device-client', 'provisioning-device-client', 'java', 1),
  pkg('azure-iot-device-provisioning-py', 'azure-iot-device', 'python', 1),
  pkg('azure-iot-provisioning-device', 'azure-iot-provisioning-device', 'node', 1),
  // Other services' clients
  pkg('Microsoft.Azure.ServiceBus.EventProcessorHost', 'Microsoft.Azure.ServiceBus.EventProcessorHost', 'dotnet', 2),
  pkg('Microsoft.Azure.EventHubs', 'Microsoft.Azure.EventHubs', 'dotnet', 2),
  pkg('Azure.Messaging.EventHubs', 'Azure.Messaging.EventHubs', 'dotnet', 2),
  pkg('Azure.Messaging.ServiceBus', 'Azure.Messaging.ServiceBus', 'dotnet', 2),
  pkg('azure-eventhub', 'azure-eventhub', 'python', 2),
  pkg('@azure/event-hubs', '@azure/event-hubs', 'node', 2),
  // Tools
  pkg('azure-iot', 'azure-iot (az CLI extension)', null, 3),
  pkg('azure-cli-iot-ext', 'azure-cli-iot-ext (az CLI extension)', null, 3),
  pkg('Azure IoT Explorer', 'Azure IoT Explorer', null, 3),
];

const byWritten = new Map(PACKAGES.map((p) => [p.written.toLowerCase(), p]));

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

// Longest first, so "azure-iot-device-iothub-py" is tried before "azure-iot-device" and "azure-iot".
const NAMES = new RegExp(
  String.raw`(?<![\w.@-])(?:${[...PACKAGES]
    .map((p) => p.written)
    .sort((a, b) => b.length - a.length)
    .map(escapeLiteral)
    .join('|')})(?!\w|-\D)`,
  'gi',
);

/**
 * What may stand between a name and its version: "/" (user agents, %2F when URL-encoded), "==" and "=", "-" (jar
 * names), ":" (Maven coordinates, and "Provisioning API Version: "), "@" (npm: `npm ls`, package@version), '": "'
 * (package.json), '",\n"version": "' (az extension list), ' Version="' (a .csproj PackageReference, and ' version="' in
 * packages.config), "</artifactId><version>", " (" (an issue template's "Microsoft.Azure.Devices.Client (1.40.0)"), and
 * spaces (a `pip list` column), a comma or a full stop with an optional "version"/"v", and a package manager's
 * option (`dotnet add package X --version 1.41.2`, `Install-Package X -Version 1.41.2`) or a PackageReference's nested
 * '"><Version>'. Bounded repeats: no two unbounded runs of spaces side by side.
 * A pre-release is kept whole: NuGet and Maven "-preview-004", "-preview.1", PyPI "b2", "rc1", ".dev3".
 */
const VERSION_AFTER =
  /(?:\/|%2[Ff]|={1,2}|-|:[ \t]{0,3}|@|"\s{0,3}:\s{0,3}"|"\s{0,3},\s{0,8}"version"\s{0,3}:\s{0,3}"|"\s{1,3}[Vv]ersion="|"\s{0,3}>\s{0,40}<[Vv]ersion>|[ \t]{1,3}--?[Vv]ersion[ \t]{1,3}|<\/artifactId>\s{0,40}<version>|[ \t]{0,3}\([ \t]{0,3}v?|(?:[ \t]{1,30}|,[ \t]{1,3}|\.[ \t]{1,3})(?:[Vv]ersion[ \t]{0,3}[:=]?[ \t]{0,3})?v?)(\d{1,4}\.\d{1,4}\.\d{1,6}(?:-(?:preview|beta|alpha|rc|pre)[\w.-]{0,20}|(?:a|b|rc)\d{1,3}(?:\.dev\d{1,4})?|\.dev\d{1,4})?)(?![\w]|\.\d)/y;

/** A PackageReference (or packages.config entry) that writes its version before the name: '<PackageReference Version="1.41.2" Include="'. */
const VERSION_BEFORE = /[Vv]ersion="(\d{1,4}\.\d{1,4}\.\d{1,6}(?:-[\w.-]{1,24})?)"\s{1,3}(?:Include|id)="$/;

/** Where the .NET device client's ".NET/1.42.3 (" is a user agent, not a runtime version. */
const DOTNET_USER_AGENT = /^\/(1\.\d{1,3}\.\d{1,4}) \(/;

const PYTHON_CONTEXT = /\bpip\b|site-packages|Traceback \(most recent call last\)|\.py\b|==\d|\bpython/i;

/** A PyPI pre-release ("3.0.0b2", "2.0.0rc5", "2.1.0.dev1"): npm writes "-beta.2". */
const PEP440_PRERELEASE = /\d(?:a|b|rc)\d|\.dev\d/;

function languageOf(p: KnownPackage, text: string, after: string, version: string): SdkLanguage | null {
  if (p.written.toLowerCase() !== 'azure-iot-device') return p.language;
  // The same name on npm and PyPI: a Node user agent says "(node v…"; pip and tracebacks say Python.
  if (/^\/[\d.]+ \(node /.test(after)) return 'node';
  return after.startsWith('==') || PEP440_PRERELEASE.test(version) || PYTHON_CONTEXT.test(text) ? 'python' : 'node';
}

const MAX_NAMES_READ = 2000;

/** The SDK (or tool) the paste shows with its version: the most relevant kind, and of it the last one written. */
export function findSdk(text: string): SdkSeen | null {
  let best: { rank: number; seen: SdkSeen } | null = null;
  NAMES.lastIndex = 0;
  let read = 0;
  for (let m = NAMES.exec(text); m !== null && read < MAX_NAMES_READ; m = NAMES.exec(text), read += 1) {
    const p = byWritten.get(m[0].toLowerCase());
    if (p === undefined) continue;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 80);
    let version: string | undefined;
    if (p.written === '.NET') {
      version = DOTNET_USER_AGENT.exec(after)?.[1];
    } else {
      VERSION_AFTER.lastIndex = 0;
      version = VERSION_AFTER.exec(after)?.[1] ?? VERSION_BEFORE.exec(text.slice(Math.max(0, m.index - 60), m.index))?.[1];
    }
    if (version === undefined) continue;
    if (best === null || p.rank <= best.rank) best = { rank: p.rank, seen: { name: p.name, version, language: languageOf(p, text, after, version) } };
  }
  return best?.seen ?? null;
}
