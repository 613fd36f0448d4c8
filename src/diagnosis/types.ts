// The diagnosis model: what the pure core produces from a paste. Plain data, no I/O.

export type VerdictKind = 'transient-service' | 'client-config' | 'device-offline' | 'not-iothub' | 'unknown';

/** How a finding was recognised; shown on the card as evidence and used in tests. */
export type EvidenceKind =
  | 'code' // a 6-digit IoT Hub code (errorCode field, "ErrorCode:", bare number next to a name)
  | 'name' // an IoT Hub error name (ErrorCode:IotHubUnauthorizedAccess)
  | 'arm-code' // IH412001
  | 'aka-link' // aka.ms/iothub404103
  | 'header' // iothub-errorcode: DeviceNotOnline
  | 'sdk-exception' // ServerErrorException, IotHubCommunicationException, Node ThrottlingError, Java THROTTLED ...
  | 'mqtt-connack' // Connection refused: Server unavailable / CONNACK 5
  | 'amqp-condition' // amqp:resource-locked, com.microsoft:device-container-throttled
  | 'message' // a message the service writes for one code: "Timed out waiting for the response from device"
  | 'http-status' // HttpStatusCode: Unauthorized, StatusCode=412
  | 'network'; // socket / DNS / TLS failures that are not a hub fault

export type FindingFamily =
  | 'iothub-code' // a known 6-digit catalog code
  | 'http-class' // only an HTTP class is known (e.g. 500 from ServerErrorException)
  | 'not-iothub'; // client-side / network / local problem

export interface Finding {
  /** 6-digit IoT Hub code, or null when only a class/name is known. */
  code: number | null;
  /** IoT Hub error name, or the SDK/protocol name seen; null if unknown. */
  name: string | null;
  /** HTTP status class; null if unknown. */
  httpStatus: number | null;
  /** true / false / null (unknown). */
  transient: boolean | null;
  /** Occurrences in the paste. */
  count: number;
  family: FindingFamily;
  /** What matched, deduplicated, at most a few, already redacted. */
  evidence: { kind: EvidenceKind; text: string }[];
  /** Earliest and latest timestamps seen on the lines of this finding (ISO 8601), when any. */
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface ExtractedContext {
  hubHostNames: string[];
  deviceIds: string[];
  moduleIds: string[];
  trackingIds: string[];
  /** ISO 8601 where the source format could be parsed, else the text as seen. */
  timestamps: string[];
  protocols: string[];
  /** Hub names seen without a host name (az --hub-name, "Iot Hub Name"). */
  hubNames: string[];
  /** ARM resource ids of IoT hubs seen in the paste. */
  hubResourceIds: string[];
  /** ARM correlation ids (control-plane errors). */
  correlationIds: string[];
}

export type SecretKind =
  | 'shared-access-key'
  | 'sas-signature'
  | 'primary-key'
  | 'secondary-key'
  | 'storage-account-key'
  | 'bearer-token'
  | 'connection-string-password'
  | 'client-secret'
  | 'private-key';

export interface SecretReport {
  count: number;
  kinds: SecretKind[];
}

export interface TimeSpan {
  from: string;
  to: string;
}

/** Azure services whose errors look like IoT Hub's (same SDK families, same hosts' look) but are not. */
export type LookalikeService = 'event-hubs' | 'service-bus' | 'storage' | 'dps';

export type SdkLanguage = 'node' | 'python' | 'dotnet' | 'java' | 'c';

/** An SDK package (or client, or tool) and the version the paste shows for it. */
export interface SdkSeen {
  /** Package name as its registry knows it (azure-iot-device, Microsoft.Azure.Devices.Client, iot-device-client ...). */
  name: string;
  version: string;
  /** Which SDK family; null for tools (az CLI extension, IoT Explorer). */
  language: SdkLanguage | null;
}

export interface Diagnosis {
  /** One per distinct error recognised, most severe first. */
  findings: Finding[];
  context: ExtractedContext;
  secrets: SecretReport;
  verdict: { kind: VerdictKind };
  /** The other Azure service the paste is about when it is not IoT Hub (verdict not-iothub), else null. */
  service: LookalikeService | null;
  /** The IoT SDK and version the paste shows, when it shows one with its version. */
  sdk: SdkSeen | null;
  /** Time span covered by the timestamps of the paste, when there are at least two. */
  timeSpan: TimeSpan | null;
  /** Size of the input in characters, and whether the scan stopped at the size bound. */
  inputChars: number;
  truncated: boolean;
}

/** The command-line contract of design.md (`iothub-oncall diagnose --json`). Keep exactly this shape. */
export interface CliDiagnosis {
  findings: Pick<Finding, 'code' | 'name' | 'httpStatus' | 'transient' | 'count'>[];
  context: Pick<ExtractedContext, 'hubHostNames' | 'deviceIds' | 'moduleIds' | 'trackingIds' | 'timestamps' | 'protocols'>;
  secrets: SecretReport;
  verdict: { kind: VerdictKind };
}
