// What says which Azure service a paste is about: the names, hosts, SDK packages and error texts of the
// services whose errors look like IoT Hub's (Event Hubs, Service Bus, Storage, the Device Provisioning
// Service), and those of IoT Hub itself. Each signal is a pattern with the keywords it starts at (see
// triggers.ts) and a weight: 3 names the service alone, 2 nearly, 1 only hints at it.
import type { TriggeredPattern } from './triggers.ts';
import type { LookalikeService } from './types.ts';

export type SignalService = LookalikeService | 'iothub';

export interface ServiceSignal extends TriggeredPattern {
  service: SignalService;
  weight: 1 | 2 | 3;
}

const AT = [0] as const;

const signal = (service: SignalService, weight: 1 | 2 | 3, pattern: RegExp, starts: Readonly<Record<string, readonly number[]>>): ServiceSignal => ({
  service,
  weight,
  pattern,
  starts,
});

export const SERVICE_SIGNALS: readonly ServiceSignal[] = [
  // Device Provisioning Service
  signal('dps', 3, /azure-devices-provisioning\.net/gi, { 'azure-devices-provisioning': AT }),
  signal('dps', 3, /\bprov_device_|provisioning_(?:device_)?client/gi, { prov_device_: AT, provisioning_client: AT, provisioning_device_client: AT }),
  signal('dps', 3, /iot[.\\/]device[.\\/]provisioning|iot\.provisioning|Devices\.Provisioning/gi, {
    'iot.device.provisioning': AT,
    'iot\\device\\provisioning': AT,
    'iot/device/provisioning': AT,
    'iot.provisioning': AT,
    'devices.provisioning': AT,
  }),
  signal('dps', 3, /Provisioning(?:Device|Service)Client|ProvisioningTransportHandler|provisioning-device-client|azure-iot-provisioning/gi, {
    provisioningdeviceclient: AT,
    provisioningserviceclient: AT,
    provisioningtransporthandler: AT,
    'provisioning-device-client': AT,
    'azure-iot-provisioning': AT,
  }),
  signal('dps', 3, /\bIotDps\w*|DeviceProvisioningServices|provisioningServices\b/gi, { iotdps: AT, deviceprovisioningservices: AT, provisioningservices: AT }),
  signal('dps', 2, /\bprovisioning service\b/gi, { 'provisioning service': AT }),
  // "DPS" as a word (upper case: "dps-edge-01" is a device id), and the IoT Edge daemon's "dps::registration"
  signal('dps', 2, /\bDPS\b(?!-)|\bdps::/g, { dps: AT }),
  signal('dps', 2, /\bregister request returned\b|\bRegistrationOperationStatus|\bassignedHub\b/gi, {
    'register request returned': AT,
    registrationoperationstatus: AT,
    assignedhub: AT,
  }),
  // DPS's own vocabulary (IoT Hub has none of these): the hubs a DPS instance is linked to and its enrollments; the
  // registration id a device registers with and the ID scope of the instance. A DPS registration that relays an IoT Hub
  // code ("iothub not found", 401001, when the linked hub's entry is wrong) is still about the DPS instance.
  signal('dps', 2, /\blinked (?:iot ?)?hubs?\b|\benrollments?(?:[ _-]?groups?)?\b/gi, { 'linked hub': AT, 'linked iot': AT, enrollment: AT }),
  signal('dps', 2, /\bregistration[ _-]?id\b|\bid[ _-]?scope\b/gi, {
    'registration id': AT,
    registration_id: AT,
    'registration-id': AT,
    registrationid: AT,
    'id scope': AT,
    id_scope: AT,
    'id-scope': AT,
    idscope: AT,
  }),

  // Event Hubs (also IoT Hub's built-in Event Hub-compatible endpoint, which is Event Hubs)
  signal('event-hubs', 2, /event[ _-]?hubs?\b|eventhub/gi, { eventhub: AT, 'event hub': AT, 'event-hub': AT, event_hub: AT }),
  signal('event-hubs', 3, /\bEventProcessor(?:Host|Client)\b|\bEventData\b|\bReceiverDisconnectedException\b|\biothub-ehub-/gi, {
    eventprocessor: AT,
    eventdata: AT,
    receiverdisconnected: AT,
    'iothub-ehub-': AT,
  }),
  signal('event-hubs', 2, /\bconsumergroups?\b|\$Default\b|\bconsumer group\b/gi, { consumergroup: AT, $default: AT, 'consumer group': AT }),
  signal('event-hubs', 1, /\bepoch\b/gi, { epoch: AT }),
  // The namespace host is shared by Event Hubs and Service Bus (its keyword is the Service Bus patterns' one).
  signal('event-hubs', 1, /servicebus\.windows\.net/gi, { servicebus: AT }),

  // Service Bus ("Microsoft.Azure.ServiceBus.EventProcessorHost" is the old Event Hubs processor)
  signal(
    'service-bus',
    3,
    /ServiceBus(?:Exception|Client|Sender|Receiver|Processor|Administration)|(?<=Messaging\.|azure[._-]|\baz )ServiceBus\b|(?<=Microsoft\.Azure\.)ServiceBus\b(?!\.EventProcessorHost)|\bservice-bus\b/gi,
    { servicebus: AT, 'service-bus': AT },
  ),
  signal('service-bus', 3, /aka\.ms\/sbResourceMgrExceptions|LinkId=761101|MessagingEntityNotFound|:(?:Topic|Queue):|\b(?:Queue|Topic|Subscription)Client\b/gi, {
    'aka.ms/sbresourcemgr': AT,
    'linkid=761101': AT,
    messagingentitynotfound: AT,
    ':topic:': AT,
    ':queue:': AT,
    queueclient: AT,
    topicclient: AT,
    subscriptionclient: AT,
  }),
  signal('service-bus', 1, /servicebus\.windows\.net/gi, { servicebus: AT }),

  // Storage
  signal('storage', 3, /Windows-Azure-(?:Blob|File|Queue|Table)|BlobStorageException|StorageSharedKeyCredential|AuthorizationPermissionMismatch/gi, {
    'windows-azure-': AT,
    blobstorageexception: AT,
    storagesharedkeycredential: AT,
    authorizationpermissionmismatch: AT,
  }),
  signal('storage', 3, /com\.azure\.storage|Azure\.Storage\b|azure[.-]storage|WindowsAzure\.Storage|\bStorageException\b/gi, {
    'com.azure.storage': AT,
    'azure.storage': AT,
    'azure-storage': AT,
    'windowsazure.storage': AT,
    storageexception: AT,
  }),
  // Storage's own messages: "The specified container does not exist.", "Server failed to authenticate the request. Make sure ..."
  signal('storage', 3, /\bThe specified (?:container|blob|queue|share|table) does not exist\b|\bServer failed to authenticate the request\. Make sure the value of Authorization header/gi, {
    'the specified container': AT,
    'the specified blob': AT,
    'the specified queue': AT,
    'the specified share': AT,
    'the specified table': AT,
    'server failed to authenticate the request': AT,
  }),
  signal('storage', 2, /x-ms-error-code|\.(?:blob|queue|table|file)\.core\.windows\.net|Microsoft\.Storage\//gi, {
    'x-ms-error-code': AT,
    '.blob.core.': AT,
    '.queue.core.': AT,
    '.table.core.': AT,
    '.file.core.': AT,
    'microsoft.storage/': AT,
  }),

  // IoT Hub itself: its SDKs' clients and namespaces, its tools, IoT Edge's hub and agent
  signal('iothub', 2, /Microsoft\.Azure\.Devices\.(?:Client|Common)|com\.microsoft\.azure\.sdk\.iot\.(?:device|service)|azure\.iot\.device\.iothub|azure\.iot\.hub/gi, {
    'microsoft.azure.devices.client': AT,
    'microsoft.azure.devices.common': AT,
    'com.microsoft.azure.sdk.iot.device': AT,
    'com.microsoft.azure.sdk.iot.service': AT,
    'azure.iot.device.iothub': AT,
    'azure.iot.hub': AT,
  }),
  signal('iothub', 2, /\biothub_client|\bIoTHub(?:Device|Module)?Client\b|\bIoTHubRegistryManager\b|\b(?:Device|Module)Client\b|\bRegistryManager\b|\bedge(?:Hub|Agent)\b/gi, {
    iothub_client: AT,
    iothubclient: AT,
    iothubdeviceclient: AT,
    iothubmoduleclient: AT,
    iothubregistrymanager: AT,
    deviceclient: AT,
    moduleclient: AT,
    registrymanager: AT,
    edgehub: AT,
    edgeagent: AT,
  }),
  signal('iothub', 2, /\baz iot (?:hub|device|edge)\b/g, { 'az iot ': AT }),
];
