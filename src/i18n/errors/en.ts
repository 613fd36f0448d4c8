// English explanations of every IoT Hub error code in the catalog, for an engineer on call.
// Written from the catalog's facts, in our own words. Families share sentences through the helpers
// below; each code still says what is specific to it.

import type { ErrorText, ErrorTextCatalog } from './types.ts';
import { freezeTexts } from './freeze.ts';
import { sdkRetryNote } from './sdk-retry.ts';

const OBSOLETE = 'Current SDKs mark this code as obsolete, so it most likely comes from an old SDK, tool or log.';
const RARE = 'This code is rarely seen in everyday IoT Hub use.';
const SUPPORT_IF_PERSISTS = 'If it persists, open an Azure support request with the tracking id and the UTC time of the error.';
const NO_BLIND_RETRY = 'Fix the caller first: sending the same request again will fail the same way.';
const ROUTING_LOGS = 'Watch the routing resource logs to confirm that delivery resumes.';

function note(first: string, httpStatus?: number): string {
  const sdk = httpStatus === undefined ? undefined : sdkRetryNote('en', httpStatus);
  return sdk === undefined ? first : `${first} ${sdk}`;
}

/** The service-side guidance shared by 500xxx, 503xxx and other hub-side faults. */
function serviceFault(title: string, cause: string, httpStatus: number, first?: string): ErrorText {
  const actions = [
    first ?? 'Retry from the device with exponential backoff and jitter, and check that your SDK retries this error (see the note).',
    'If the errors go on for more than a few minutes, check Azure Resource Health for this hub and the Azure status page for IoT Hub in its region.',
    'Consider a manual failover only if Resource Health shows the hub Unavailable or Degraded: a failover means downtime and some data loss.',
    'If it continues, open an Azure support request with the tracking id and the UTC timestamp of the errors.',
  ];
  return { title, cause, actions, transientNote: note('Transient, on the service side: retrying is the right first move.', httpStatus) };
}

function throttled(title: string, cause: string, actions: string[]): ErrorText {
  return {
    title,
    cause: `${cause} Nothing is broken: the hub is protecting itself from more traffic than its tier and units allow.`,
    actions,
    transientNote: note('Transient: requests succeed again once the rate drops.', 429),
  };
}

const BACK_OFF = 'Back off: let the SDK retry with its throttling delay instead of retrying in a tight loop.';
const SCALE_UP = 'If the load is legitimate, add units or move the hub to a higher tier.';

function pnpPayload(title: string, specific: string, check: string): ErrorText {
  return {
    title,
    cause: `${specific} The fix is on the caller's side.`,
    actions: [check, "Compare it with the DTDL model the device announces (its model id).", 'Fix the payload and send it again.'],
  };
}

function pnpInternal(title: string, step: string): ErrorText {
  return {
    title,
    cause: `The hub hit an internal error while ${step} for a Plug and Play device. It may be a passing service fault or be triggered by unusual model or component data.`,
    actions: [
      'Retry later with backoff.',
      "Check the device's model id and component names against its DTDL model.",
      SUPPORT_IF_PERSISTS,
    ],
    transientNote: 'Not known to be transient: one retry is worth trying, repeated failures need support.',
  };
}

function identityInternal(title: string, cause: string, check: string): ErrorText {
  return {
    title,
    cause: `${cause} The hub needs its managed identity to reach endpoints such as Storage, Event Hubs or Service Bus.`,
    actions: [check, "Check the identity's role assignments on the target resource.", 'Retry; if the settings are right and it persists, contact Azure support with the tracking id.'],
    transientNote: 'Sometimes transient: retry once, then check the identity configuration.',
  };
}

function rareLookup(title: string, cause: string): ErrorText {
  return {
    title,
    cause: `${cause} ${RARE}`,
    actions: ['Check the host name, region and ids the caller uses.', SUPPORT_IF_PERSISTS],
  };
}

const texts: Record<number, ErrorText> = {
  400000: {
    title: 'Bad request',
    cause: "IoT Hub rejected the request as malformed or invalid without giving a more specific code. The problem is in what the caller sent, not in the service.",
    actions: [
      'Read the message text that came with the error: it usually names the bad field.',
      'Check the request body, headers and API version against the IoT Hub REST reference.',
      NO_BLIND_RETRY,
    ],
  },
  400001: {
    title: 'API or protocol version not supported',
    cause: "The SDK or client asked for an API version this hub endpoint does not accept, for example a version not yet rolled out to the hub's region. Caller side.",
    actions: [
      'Check which api-version the client sends (SDK release, or the api-version query parameter).',
      'Move to an SDK release that uses a generally available API version, or pin a supported one.',
      "If you need a preview API version, use a hub in a region where it is available.",
    ],
  },
  400002: {
    title: 'Device returned an invalid number of results',
    cause: `The hub considered the number of results returned by the device to be wrong. ${OBSOLETE}`,
    actions: [
      'Check that the device code returns the expected number of results for the operation.',
      'Update old device and service SDKs.',
      SUPPORT_IF_PERSISTS,
    ],
  },
  400003: {
    title: 'Operation not valid for this hub or identity',
    cause: 'The hub understood the request but refused it as an invalid operation, for example an AMQP message whose To property does not carry the device id. Caller side.',
    actions: [
      'Read the detail text of the error: it states what the hub refused.',
      "Check that the operation is supported for this kind of identity (device or module) and for the hub's tier.",
      NO_BLIND_RETRY,
    ],
  },
  400004: {
    title: 'Invalid argument in the request',
    cause: 'A value in the request could not be parsed or failed validation, such as an invalid character in a twin property name or a direct method timeout outside 5 to 300 seconds. Caller side.',
    actions: [
      'Read the error message: it usually names the argument and the allowed range.',
      'Fix the value in the calling code or payload.',
      'Send the corrected request.',
    ],
  },
  400005: {
    title: 'Required value missing',
    cause: "A required argument or payload field was null or absent, so the request is incomplete. Caller side.",
    actions: [
      'Find which field is empty (the error message often names it).',
      'Make sure the calling code sets every required value, including the message body.',
      'Send the request again once it is complete.',
    ],
  },
  400006: {
    title: 'Request format not valid',
    cause: 'The hub could not read the request because its format is wrong, typically malformed JSON in a twin update or a registry call. Caller side.',
    actions: [
      'Validate the JSON body (quotes, commas, nesting) with a JSON parser.',
      'Check the Content-Type header and that property names follow IoT Hub naming rules.',
      'Fix the serialization in the caller and send it again.',
    ],
  },
  400007: {
    title: 'Stored device data could not be serialized',
    cause: `The hub could not serialize or deserialize a stored device entity. ${OBSOLETE}`,
    actions: [
      'Check the format of the device data the request sends (twin, tags, properties).',
      'Update old SDKs and tools.',
      SUPPORT_IF_PERSISTS,
    ],
  },
  400008: {
    title: 'Blob container not valid for import or export',
    cause: `The blob container given to a bulk import or export job was rejected. ${OBSOLETE}`,
    actions: [
      'Check the container name and that the container exists.',
      'Check that the container SAS URI has not expired and grants the permissions the job needs.',
      'Run the job again with the corrected container URI.',
    ],
  },
  400009: {
    title: 'Bulk import finished with warnings',
    cause: `A bulk device import reported warnings for some entries. ${OBSOLETE}`,
    actions: [
      "Open the error log the import job wrote to its output container and read the per-device warnings.",
      'Fix the listed devices in the import file.',
      'Import those devices again.',
    ],
  },
  400010: {
    title: 'Schema version not valid',
    cause: `The request used a schema version the hub does not accept. ${OBSOLETE}`,
    actions: [
      'Update the SDK or tool that sent the request.',
      'If you build requests by hand, use a schema and API version the hub supports.',
    ],
  },
  400011: {
    title: 'Same device id listed twice in a bulk request',
    cause: 'A bulk registry request contained the same device id more than once, so the hub rejected it. Caller side.',
    actions: ['Remove the duplicate device ids from the batch.', 'Send the corrected batch again.'],
  },
  400012: {
    title: 'Request body could not be deserialized',
    cause: `The hub could not turn the request body back into data it understands. ${OBSOLETE}`,
    actions: [
      'Check that the body is well-formed and matches the expected schema.',
      'Update old SDKs, then send the request again.',
    ],
  },
  400013: {
    title: 'Bulk registry operation failed',
    cause: 'The hub found a problem with the input of a bulk registry operation, so some or all devices in the batch were not processed. Caller side.',
    actions: [
      'Read the per-device errors in the bulk operation response.',
      'Fix the failing entries (ids, keys, ETags, duplicates).',
      'Resubmit only the entries that failed.',
    ],
  },
  400014: {
    title: 'File upload storage not configured',
    cause: 'A device started a file upload, but the hub has no storage account set up for file uploads. This is a hub configuration issue, not a service fault.',
    actions: [
      "In the hub's File upload settings, choose a storage account and container.",
      'Make sure the hub can reach and write to that account.',
      'Have the device retry the upload.',
    ],
  },
  400015: {
    title: 'File upload correlation id not valid',
    cause: 'The device completed a file upload with a correlation id the hub does not recognise. It must be the id the hub returned with the upload SAS URI; caller side.',
    actions: [
      'Send the upload-complete notification with the exact correlation id received with the SAS URI.',
      'Check that the device does not mix ids between concurrent uploads.',
      'Start a new upload if the id was lost.',
    ],
  },
  400016: {
    title: 'File upload correlation id expired',
    cause: 'The device notified the hub of a finished upload too late: the correlation id it used has expired.',
    actions: [
      'Request a new SAS URI and correlation id, then upload the file again.',
      'Send the completion notification as soon as the blob upload finishes.',
    ],
  },
  400017: {
    title: 'Storage endpoint not valid',
    cause: "The hub rejected a storage endpoint in its routing or file upload configuration. This is a configuration problem on the hub, not a service fault.",
    actions: [
      'Check the storage endpoint settings: account, container and authentication.',
      'Check that the storage account still exists and is reachable from the hub.',
      'Save the corrected endpoint and retry.',
    ],
  },
  400018: {
    title: 'Messaging endpoint not valid',
    cause: "A routing (messaging) endpoint in the hub's configuration is not valid. Configuration problem on the hub.",
    actions: [
      'Review the custom endpoints under Message routing: target resource, name and authentication.',
      'Check that the Event Hubs, Service Bus or Storage resource still exists.',
      'Fix and save the endpoint.',
    ],
  },
  400019: {
    title: 'File upload completion status not valid',
    cause: 'The device sent a file upload completion notification the hub could not accept, for example with a missing or malformed status. Caller side.',
    actions: [
      'Send the completion notification with the correlation id, the success flag and a status code.',
      'Update the device SDK, or fix the notification if you build it yourself.',
    ],
  },
  400020: {
    title: 'Storage refused the file upload',
    cause: 'While creating the blob for a file upload, Azure Storage refused the request as forbidden, unauthorised, not found or bad. One preview .NET SDK uses this number for a suspended hub instead, where billing is the usual cause.',
    actions: [
      'Check that the file upload storage account and container exist.',
      "Check the hub's access to them (connection string, or the managed identity's role).",
      "If the hub shows as suspended, check the subscription's billing and spending limit.",
    ],
  },
  400021: {
    title: 'Request cancelled before completion',
    cause: 'The request was cancelled before the hub completed it. It usually does not come from the request content.',
    actions: [
      'Retry the request with backoff.',
      'If it repeats, check whether the caller cancels requests itself (short timeouts, cancellation tokens).',
    ],
    transientNote: 'Transient: a retry normally succeeds.',
  },
  400022: {
    title: 'Storage endpoint property not valid',
    cause: 'A property of a storage endpoint, such as the file name format, batching settings or encoding, has a value the hub refuses. Configuration problem on the hub.',
    actions: [
      'Check each property of the storage endpoint against the allowed values.',
      'Save the corrected endpoint.',
    ],
  },
  400023: {
    title: 'ETag does not match the current resource',
    cause: 'The request carried an ETag that is no longer current: someone else changed the resource since you read it. This is optimistic concurrency at work, on the caller side.',
    actions: [
      'Read the resource again to get the current ETag.',
      'Re-apply your change to the fresh copy and send it with the new ETag.',
    ],
  },
  400024: {
    title: 'Request timed out on the hub',
    cause: 'The hub could not finish the request in time. This is usually transient.',
    actions: [
      'Retry with exponential backoff.',
      'If timeouts are frequent, check Resource Health for the hub and the latency between the caller and the hub.',
    ],
    transientNote: 'Transient: retry; repeated timeouts are worth a look at the hub health.',
  },
  400025: {
    title: 'Operation not supported on this replica',
    cause: `The hub refused to run the operation on the replica it reached. ${RARE}`,
    actions: [
      'Read the error detail for the operation it names.',
      "Check that the caller uses the hub's normal host name.",
      SUPPORT_IF_PERSISTS,
    ],
  },
  400026: {
    title: 'Message is empty (null)',
    cause: 'The client sent a null message. Caller side.',
    actions: [
      'Make sure the code builds a message object before sending it.',
      'Look for code paths that return nothing for some inputs.',
    ],
  },
  400027: {
    title: 'Connection closed: same identity connected again',
    cause: 'Another client connected with the same device or module identity, and the hub closed this connection because an identity can hold only one connection at a time. AMQP and MQTT only; caller side.',
    actions: [
      'Find what else uses this identity: a second container, a duplicated deployment, a test tool or a copied connection string.',
      'Give each running client its own device or module identity.',
      'Make sure the app opens a new connection only after the previous one is closed.',
    ],
  },
  400028: {
    title: 'Device scope not valid',
    cause: 'The device scope, which links a device to its IoT Edge parent, is not valid for this operation. Caller side.',
    actions: [
      "Check the device's parent in the registry and that the parent is an IoT Edge device.",
      'Set the scope from the parent device, then retry.',
    ],
  },
  400029: {
    title: 'Connection closed during a service upgrade',
    cause: 'The hub closed existing connections while its platform was being upgraded. Service side, and expected from time to time.',
    actions: [
      'Let the client reconnect: a retry should succeed right away.',
      "Make sure the client's retry policy is not turned off.",
    ],
    transientNote: 'Transient: the SDKs reconnect on their own.',
  },
  400030: {
    title: 'Connection refused during a service upgrade',
    cause: 'While its platform was being upgraded, the hub rejected new connections and immediate retries. Service side and short-lived.',
    actions: [
      'Retry with exponential backoff and jitter, not immediately.',
      'If a whole fleet reconnects at once, spread the retries so they do not land together.',
    ],
    transientNote: 'Transient: connections succeed once the upgrade step is over; avoid a tight retry loop.',
  },
  400031: {
    title: 'Endpoint authentication type not valid',
    cause: 'A routing or file upload endpoint is set to an authentication type the hub cannot use for it (key-based or identity-based). Configuration problem on the hub.',
    actions: [
      "Check the endpoint's authentication type.",
      "If it is identity-based, make sure the hub's managed identity is enabled and has a role on the target.",
      'Save the endpoint again with the right type.',
    ],
  },
  400032: {
    title: 'Managed identity not enabled on the hub',
    cause: 'The configuration asks the hub to use a managed identity, but that identity is not enabled on the hub.',
    actions: [
      'Enable the system-assigned identity on the hub, or attach the user-assigned identity the endpoint refers to.',
      'Grant that identity the role it needs on the target resource.',
      'Retry the configuration change.',
    ],
  },
  400033: {
    title: 'Storage container disabled',
    cause: "The hub's resource logs report that a storage container used for routing or file upload is disabled. The hub cannot write there until it is fixed.",
    actions: [
      'Check the storage account and container behind the routing endpoint or the file upload setting.',
      'Make sure the container exists and the account accepts writes from the hub.',
      ROUTING_LOGS,
    ],
  },
  400035: {
    title: 'Shared access policy key not valid',
    cause: 'The key supplied for a shared access policy was rejected as not valid. Caller side.',
    actions: [
      'Check that the key was copied whole, without extra characters.',
      'Regenerate the key if in doubt, then update every client that uses it.',
    ],
  },
  400036: {
    title: 'Bulk device key regeneration failed',
    cause: 'A bulk operation to regenerate device keys failed for some or all of the devices.',
    actions: [
      'Read the per-device results in the response.',
      'Retry the devices that failed.',
      'Make sure the devices receive their new keys, or they will fail to authenticate.',
    ],
  },
  400100: {
    title: 'Route test input not valid',
    cause: 'The input given to a route test (sample message, properties or route query) could not be used. Caller side; live traffic is not affected.',
    actions: ['Check the sample message, its properties and the route query used in the test.', 'Run the test again.'],
  },
  400101: {
    title: 'Route data source not valid',
    cause: 'A message route names a data source the hub does not accept for it.',
    actions: [
      'Pick a supported source for the route, such as device telemetry, twin change events or device lifecycle events.',
      'Save the route again.',
    ],
  },
  400102: {
    title: 'Message routing not enabled',
    cause: 'The operation needs message routing, but routing is not enabled for this hub or data source.',
    actions: ['Enable routing for the hub and create the route the operation needs.', 'Retry the operation.'],
  },
  400103: {
    title: 'Content type or encoding not valid for routing',
    cause: 'A message has a content type or content encoding the hub cannot use. To route on the message body, IoT Hub needs the content type application/json and a UTF-8, UTF-16 or UTF-32 encoding.',
    actions: [
      'Set the contentType system property of device messages to application/json.',
      'Set contentEncoding to utf-8 (or utf-16, utf-32).',
      'Redeploy the device code and check that routing on the body works.',
    ],
  },
  400301: {
    title: 'Module-to-module registration not supported',
    cause: `The request tried to register a module to another module, which IoT Hub does not support. ${OBSOLETE}`,
    actions: [
      'Register modules under a device identity.',
      'For messages between modules on IoT Edge, use edgeHub routes in the deployment.',
    ],
  },
  400302: {
    title: 'Routing not enabled for this hub tenant',
    cause: `The operation needs routing that is not enabled for this hub. ${RARE}`,
    actions: ["Check the hub's message routing settings.", SUPPORT_IF_PERSISTS],
  },
  400401: {
    title: 'Configuration target condition not valid',
    cause: 'The target condition of an automatic device or IoT Edge configuration cannot be parsed or used. Caller side.',
    actions: [
      'Check the target condition syntax: tag and property names, quotes, operators.',
      'Try the condition as a device query first.',
      'Save the configuration again.',
    ],
  },
  400402: {
    title: 'Configuration content not valid',
    cause: 'The content of an automatic device or IoT Edge configuration, meaning the properties or module settings it applies, is not valid.',
    actions: ['Validate the configuration content JSON against the expected schema.', 'Fix it and submit the configuration again.'],
  },
  400403: {
    title: 'Configuration content cannot be changed',
    cause: 'The content of an existing automatic configuration is immutable: only settings such as its target condition or priority can be updated.',
    actions: [
      'Create a new configuration with the new content.',
      'Give it a higher priority, then delete the old one once the rollout is done.',
    ],
  },
  400404: {
    title: 'Configuration metric query not valid',
    cause: 'A custom metric query in an automatic configuration cannot be parsed or run.',
    actions: ['Check the metric query syntax by trying it as a device twin query.', 'Save the configuration again.'],
  },
  400501: pnpPayload(
    'Plug and Play interface definition not valid',
    'The hub could not accept a Plug and Play interface definition sent with the request.',
    'Check the interface and component names used in the request.',
  ),
  400502: pnpPayload(
    'Plug and Play desired properties not valid',
    'The desired properties sent to a Plug and Play device do not fit its model: unknown property, wrong component or wrong type.',
    "Check each desired property's name, component and type.",
  ),
  400503: pnpPayload(
    'Plug and Play reported properties not valid',
    'The device reported properties that do not fit its Plug and Play model.',
    "Check the device's reported property names, component markers and value types.",
  ),
  400504: pnpPayload(
    'Plug and Play writable property reply not valid',
    "The device's reply to a writable property update is not in the form Plug and Play expects.",
    'Make the device acknowledge with the value, an ac status code, the av version and an optional ad description.',
  ),
  400505: pnpPayload(
    'Digital twin JSON patch not valid',
    'The JSON Patch document sent to the digital twin API is not valid.',
    'Check that it is a JSON array of operations, each with op, path and value.',
  ),
  400506: pnpPayload(
    'Digital twin payload not valid',
    'The body sent to the digital twin API is not a valid digital twin payload.',
    "Check the payload's structure and value types.",
  ),
  400507: pnpPayload(
    'Digital twin patch not valid',
    'The digital twin patch uses operations or values the hub does not accept.',
    'Use only add, replace and remove operations, with values of the right type.',
  ),
  400508: pnpPayload(
    'Digital twin patch path not valid',
    'A path in the digital twin patch points to a property or component that does not exist, or is written wrongly.',
    'Check each path (component, then property name) against the names defined in the model.',
  ),
  401000: {
    title: 'Not authorized',
    cause: "The hub did not accept the caller's credentials and gave no more specific reason. Caller side: the credential, its permissions or its validity.",
    actions: [
      'Check the credential in use: connection string, SAS token, X.509 certificate or Microsoft Entra token.',
      'Check that it has not expired and that the device clock is right.',
      'Check that the policy or role grants the operation attempted.',
    ],
  },
  401001: {
    title: 'IoT hub not found',
    cause: 'The host name in the request does not match an existing IoT hub, although the service reports it as an authorization error. Caller side: usually a typo or a deleted hub.',
    actions: [
      "Compare the host name in the connection string with the hub's host name in the portal.",
      'Check that the hub still exists in the expected subscription.',
      'Fix the connection string and restart the client.',
    ],
  },
  401002: {
    title: 'Access denied: token, key or policy rejected',
    cause: 'The hub could not authenticate the request: the SAS token has expired, its signature does not match the current key, or the policy does not grant the operation. Caller side.',
    actions: [
      'Regenerate the SAS token or connection string from the current key, in case keys were rotated.',
      'Check that the policy or device credential has the permission the operation needs.',
      'Check the device clock: a clock far off makes valid tokens look expired.',
      'Query the Connections resource logs for the failing identity.',
    ],
  },
  401003: {
    title: 'Device not authorized or its token expired',
    cause: "Most often the device's SAS token expired and the hub dropped the MQTT connection; the SDK then renews the token and reconnects, so this code followed by a reconnect about once an hour is normal. Otherwise authentication really failed: expired token or certificate, wrong thumbprint, missing permission, or a device clock more than a few minutes off.",
    actions: [
      'If it recurs at a regular interval and the device reconnects each time, no action is needed.',
      'Otherwise check the expiry of the token or certificate, the registered thumbprint and the credential format.',
      'For Microsoft Entra principals, check that the principal has an IoT Hub data role on the hub.',
      'Sync the device clock with NTP.',
      'Query the Connections resource logs at level Error for this device.',
    ],
    transientNote: 'Often harmless: periodic SAS token renewal. Refusals that keep coming are a credential problem that retries will not fix.',
  },
  401004: rareLookup('Elastic pool not found', 'The service could not find the elastic pool the request refers to.'),
  401100: {
    title: 'IoT Edge system module not allowed to make this change',
    cause: 'An IoT Edge system module (edgeAgent or edgeHub) tried to modify a resource it is not authorized to change.',
    actions: [
      'Find which resource the module tried to change in the IoT Edge logs.',
      'Make that change from the back end or the deployment manifest instead.',
    ],
  },
  403000: {
    title: 'Forbidden',
    cause: 'The hub refused the request: the caller is known, but the operation is not allowed or a limit has been reached. No more specific code was given.',
    actions: [
      'Read the error message for the limit or permission concerned.',
      "Check the caller's permissions and the hub's quotas and tier.",
      NO_BLIND_RETRY,
    ],
  },
  403001: {
    title: 'IoT hub suspended',
    cause: 'The hub is suspended, most often because the subscription reached its spending limit or has a billing problem, and it rejects traffic until reactivated. One preview .NET SDK uses this number for a job quota error instead (another job already running).',
    actions: [
      "Check the hub's status in the portal and the subscription's billing and spending limit.",
      'Resolve the billing issue, then confirm the hub is Active again.',
      'If billing is fine and the hub stays suspended, contact Azure support.',
    ],
  },
  403002: {
    title: 'Daily message quota used up',
    cause: 'The hub has used all the messages its tier and units allow for the day, so it refuses more. Some SDKs retry it as if it were transient, but the quota only resets at 00:00 UTC.',
    actions: [
      "Compare the metric 'Total number of messages used' with the tier's daily allowance.",
      'To restore service now, add units or move the hub to a higher tier.',
      'Otherwise wait for the daily reset at 00:00 UTC.',
      'Add an alert on message usage and find which operations consume the most messages.',
    ],
    transientNote: 'Not really transient: SDK retries (the .NET SDKs treat it as retryable) keep failing until the quota resets at 00:00 UTC or capacity is added.',
  },
  403003: {
    title: 'Too many jobs running at once',
    cause: 'The hub already runs as many jobs as its tier allows: one on Free and S1, five on S2, ten on S3, and a single import or export job at a time on every tier.',
    actions: [
      'List the running jobs and wait for one to finish, or cancel one you no longer need.',
      'Schedule the job again.',
      'If you often need parallel jobs, consider a higher tier.',
    ],
  },
  403004: {
    title: 'Device cloud-to-device queue is full',
    cause: 'The device already has 50 cloud-to-device messages waiting, the per-device limit, so the hub refuses new ones. Typically the device does not complete its messages, often an HTTPS-polling device. The .NET device SDK also reports the AMQP resource-limit condition with this exception, where it actually means a quota was exceeded.',
    actions: [
      'Make the device complete, reject or abandon each message promptly.',
      'Prefer AMQP or MQTT over HTTPS polling for cloud-to-device messages.',
      'Send fewer messages or give them a shorter expiry.',
      "Purge the device's queue from the back end if it is full of stale messages.",
    ],
  },
  403005: {
    title: 'Too many AMQP security tokens on one connection',
    cause: `The AMQP connection holds more claims-based security (CBS) tokens than the hub allows, typically when one connection multiplexes many device identities. ${OBSOLETE}`,
    actions: [
      'Reduce the number of identities multiplexed over one AMQP connection.',
      'Update the SDK if it is old.',
    ],
  },
  403006: {
    title: 'Too many file uploads open for the device',
    cause: 'The device has more than 10 file uploads open at the same time, the per-device limit. Usually the device does not tell the hub when its uploads finish, for example on an unreliable network.',
    actions: [
      'Make the device send the upload-complete notification after every upload, success or failure.',
      'Shorten the file upload SAS time to live so abandoned uploads expire sooner.',
      'Limit how many uploads the device runs in parallel.',
    ],
  },
  403007: {
    title: 'Device queue size limit reached',
    cause: "The device's cloud-to-device queue has reached its maximum size, so new messages are refused.",
    actions: [
      'Make the device receive and complete its pending messages.',
      'Send fewer or smaller cloud-to-device messages, or purge the queue.',
    ],
  },
  403008: {
    title: 'Routing endpoint refused access',
    cause: "A routing endpoint (Event Hubs, Service Bus or Storage) answered Forbidden when the hub tried to deliver messages. The hub's credentials or role on that resource are not enough, or a firewall blocks the hub.",
    actions: [
      "Check the endpoint's connection string, or the role of the hub's identity on the target resource.",
      "Check that the target's network rules let the hub in (trusted Microsoft services).",
      ROUTING_LOGS,
    ],
  },
  403009: {
    title: 'Message expiry time not valid',
    cause: 'A message was sent with an expiry time (time to live) the hub does not accept.',
    actions: ['Set the message expiry within the limits configured on the hub.', 'Check that the caller computes the expiry in UTC.'],
  },
  403010: {
    title: "Not available in the hub's tier",
    cause: "The operation is not part of the hub's tier: the Basic tier, for example, has no cloud-to-device messages, device twins or direct methods.",
    actions: ["Check the hub's tier in the portal.", 'Upgrade to a Standard tier if you need the feature.'],
  },
  403011: {
    title: 'Customer-managed key revoked',
    cause: 'The hub encrypts its data with a customer-managed key that was revoked, disabled or made unreachable in Key Vault, so the hub cannot use its data.',
    actions: [
      "Check the key's status and version in Key Vault.",
      "Check that the hub's identity still has access to the key.",
      'Restore the key or the access, then retry.',
    ],
  },
  403012: {
    title: 'Device is disabled',
    cause: "The device identity is disabled in the hub's registry, so the hub refuses its connections and the operations that target it.",
    actions: ['Check whether the device was disabled on purpose.', 'If not, set its status back to enabled in the registry.'],
  },
  403100: {
    title: 'Too many properties in the device model',
    cause: 'The device or its model goes beyond the maximum number of properties the hub accepts.',
    actions: [
      'Reduce the number of properties in the model or the twin.',
      'Move rarely used data out of the twin, for example into telemetry.',
    ],
  },
  403101: {
    title: 'Too many indexable properties in the model',
    cause: 'The device model declares more indexable properties than the hub allows.',
    actions: ['Reduce the number of indexable properties in the model.', 'Upload the revised model and retry.'],
  },
  403800: {
    title: 'Too many direct method calls pending on the device',
    cause: 'The back end has more direct method calls in flight to this device than the hub allows at once. Caller side.',
    actions: [
      'Wait for pending calls to finish before sending new ones.',
      'Serialize or rate-limit direct method calls per device.',
      'Check that the device answers its methods quickly.',
    ],
  },
  404000: {
    title: 'Not found',
    cause: 'The resource named in the request does not exist on this hub. Caller side: wrong id, wrong hub or a deleted resource.',
    actions: ['Check the id in the request and the hub it was sent to.', 'Create the resource if it should exist.'],
  },
  404001: {
    title: 'Device not registered on this hub',
    cause: 'The device id in the request is not registered on this hub, or is disabled, so the cloud-to-device message, twin update or direct method has no target. Caller side.',
    actions: [
      'Check the spelling and case of the device id.',
      'Check that the request goes to the hub where the device is registered.',
      'Register or enable the device, then retry.',
    ],
  },
  404002: {
    title: 'Job not found',
    cause: `The job id in the request does not match a job on this hub. ${OBSOLETE}`,
    actions: ['Check the job id in the request.', "Query the hub's jobs to find the right id."],
  },
  404003: {
    title: 'Internal partition not found (legacy code)',
    cause: 'Old SDK versions used this number for what is now 503003: an internal IoT Hub problem, on the service side and most likely transient.',
    actions: [
      'Retry with exponential backoff and jitter.',
      'If it persists, check Resource Health for the hub, then contact Azure support with the tracking id.',
      'Update the SDK, which reports this case as 503003.',
    ],
    transientNote: 'Transient, on the service side: retrying is the right first move.',
  },
  404004: {
    title: 'Quota metric not found',
    cause: 'The quota metric named in the request does not exist on this hub.',
    actions: ['Check the metric name in the request.', "List the hub's quota metrics to find the right one."],
  },
  404005: {
    title: 'Message system property not found',
    cause: 'The request refers to a message system property that does not exist.',
    actions: [
      'Check the system property name (for example contentType, contentEncoding or messageId).',
      'Use application properties for your own values.',
    ],
  },
  404006: {
    title: 'AMQP link address not recognised',
    cause: 'The client opened an AMQP link to an address the hub does not know, such as a twin or method link with a malformed path. Caller side.',
    actions: [
      'Update the SDK and check that your SDK supports the feature (twin, methods) over AMQP.',
      'If you build AMQP links yourself, check the address format for devices and modules.',
    ],
  },
  404007: {
    title: 'Routing endpoint not found',
    cause: 'When the hub tried to deliver routed messages, the endpoint resource answered Not Found: it was deleted, renamed or moved.',
    actions: [
      'Check that the Event Hubs, Service Bus or Storage resource behind the endpoint still exists.',
      'Update or remove the endpoint in Message routing.',
      ROUTING_LOGS,
    ],
  },
  404008: {
    title: 'Certificate not found',
    cause: 'The certificate named in the request is not registered on this hub.',
    actions: ["Check the certificate name in the hub's Certificates list.", 'Upload and verify the CA certificate if it is missing.'],
  },
  404009: rareLookup('Elastic pool tenant hub not found', 'The service could not find the tenant hub the request refers to within its elastic pool.'),
  404010: {
    title: 'Module not registered on the device',
    cause: 'The module id in the request is not registered on that device, or is disabled. Caller side.',
    actions: [
      'Check the device id and the module id; both are case-sensitive.',
      'Register or enable the module identity, then retry.',
      'On IoT Edge, check that the module is part of the deployment.',
    ],
  },
  404011: rareLookup('Azure Table store not found', 'An Azure Table store the request depends on could not be found.'),
  404012: {
    title: 'IoT hub is failing over',
    cause: "The hub is failing over to its paired region and cannot serve this request right now. Service side, whether you or Microsoft started it; it takes from about ten minutes to a couple of hours, depending on the number of devices.",
    actions: [
      'Do not start another failover: wait for this one to finish.',
      "Follow progress in the portal (failover banner) and in the hub's Resource Health.",
      'Let devices retry with backoff: they reach the new region through the same host name.',
      'Afterwards, update readers of the built-in endpoint (its Event Hubs-compatible name changes) and restart Functions or Stream Analytics jobs that use it.',
    ],
    transientNote: 'Transient: requests fail until the failover completes, then retries succeed.',
  },
  404013: {
    title: 'Feature not supported',
    cause: 'The requested feature is not supported for this hub, its tier or its region.',
    actions: ["Check the feature's availability for the hub's tier and region.", 'Use a hub where it is supported, or avoid the feature.'],
  },
  404014: {
    title: 'Digital twin component not found',
    cause: "The request refers to an interface or component that the device's digital twin does not have.",
    actions: ["Check the component name against the device's model.", 'Check that the device announced the expected model id when it connected.'],
  },
  404015: {
    title: 'Storage container not found',
    cause: 'The resource logs report that the storage container used for routing or file upload does not exist.',
    actions: [
      'Check the container name on the storage endpoint or the file upload setting.',
      'Create the container, or point the setting at an existing one.',
    ],
  },
  404101: {
    title: 'Query store not found',
    cause: 'The service could not find the internal store that answers queries for this hub. Service side and rare.',
    actions: ['Retry the query later.', SUPPORT_IF_PERSISTS],
  },
  404102: {
    title: 'Device not online (documented as 404102)',
    cause: 'The docs list this number for DeviceNotOnline while the SDKs use 404103; treat both the same way. The direct method failed because the device was not connected or had not registered its method handler.',
    actions: [
      'Check whether the device is connected (registry connection state, connection events).',
      'Make sure the device registers its direct method handler after connecting.',
      'Retry the method later.',
    ],
    transientNote: 'Often transient: it succeeds once the device is connected and listening.',
  },
  404103: {
    title: 'Device offline or not listening for methods',
    cause: 'The direct method could not be delivered: the device is not connected, or it is connected but has not registered a direct method handler (over MQTT, not subscribed to the methods topic). Device side, not a hub fault.',
    actions: [
      'Check whether the device is connected now (registry connection state, connection events).',
      'Make sure the device code registers its method handler on every connect and reconnect.',
      'Retry later, or set a longer connect timeout on the method call so the hub waits for the device.',
    ],
    transientNote: 'Transient from the hub side: retry once the device is back online.',
  },
  404104: {
    title: 'Device connection closed without a clean disconnect',
    cause: 'The device dropped its connection without a clean close. Typical reasons: SAS token expiry at a regular interval (with 401003), a network loss longer than the keep-alive, a TCP reset or the device app crashing. If many devices drop at once with more 500xxx errors, the cause is on the service side.',
    actions: [
      'If it recurs at a regular interval with 401003 and the device reconnects, it is token renewal: no action needed.',
      'For a single device, test its network and update to the latest SDK; do not raise the keep-alive on flaky networks.',
      'If many devices disconnect together, treat it like a 500xxx error and check Resource Health for the hub.',
    ],
    transientNote: 'Usually transient: the SDKs reconnect on their own.',
  },
  404301: {
    title: 'Configuration not found',
    cause: 'The automatic device or IoT Edge configuration named in the request does not exist on this hub.',
    actions: ['Check the configuration id, which is case-sensitive.', "List the hub's configurations to find the right one."],
  },
  404302: {
    title: 'Group not found',
    cause: `The group named in the request does not exist on this hub. ${RARE}`,
    actions: ['Check the group id in the request.', SUPPORT_IF_PERSISTS],
  },
  404401: {
    title: 'Device model not found',
    cause: 'The hub could not find the digital twin model (DTDL model id) the request refers to.',
    actions: [
      'Check the model id the device announces for typos and the version number.',
      'Make sure the model is published where your solution resolves models.',
    ],
  },
  404402: {
    title: 'Interface model not found',
    cause: 'The model for an interface name used in the request could not be found.',
    actions: ['Check the interface names and model ids the device uses.', 'Publish or fix the model, then retry.'],
  },
  405000: {
    title: 'HTTP method not allowed',
    cause: 'The endpoint does not accept the HTTP method used, for example a POST where a PUT is expected. Caller side.',
    actions: ['Check the HTTP method against the IoT Hub REST reference for this path.', NO_BLIND_RETRY],
  },
  405102: {
    title: 'Not allowed in the current state',
    cause: 'The resource is in a state where this operation is not allowed, for example a job that has already finished.',
    actions: [
      'Read the current state of the device, job or resource.',
      'Wait for the state the operation needs, or choose an operation that fits the current state.',
    ],
  },
  405103: {
    title: 'Device import not supported',
    cause: 'Importing devices is not supported for this hub or this request.',
    actions: ["Check the import job's settings and the hub's tier and configuration.", SUPPORT_IF_PERSISTS],
  },
  405104: {
    title: 'Bulk device creation not supported',
    cause: 'Adding devices in bulk is not supported for this hub or this request.',
    actions: ['Check the bulk request and the hub settings.', 'Create the devices with an import job or one at a time.'],
  },
  408000: {
    title: 'Request timed out in the client SDK',
    cause: 'The SDK gave up waiting for an answer from the hub. The .NET SDK defines this code for a client-side timeout; the hub itself does not return it.',
    actions: [
      'Retry the operation with backoff.',
      "If it happens often, check the network between the client and the hub, and the hub's Resource Health.",
      'Raise the operation timeout only if the operation is legitimately slow.',
    ],
    transientNote: note('Transient: a retry usually succeeds.', 408),
  },
  409000: {
    title: 'Conflict with the current state',
    cause: 'The request conflicts with the current state of the resource, for example because it already exists or is being changed. Caller side.',
    actions: ["Read the resource's current state.", 'Adjust the request (another id, or update instead of create) and retry.'],
  },
  409001: {
    title: 'Device id already registered',
    cause: 'A device with this id is already registered on the hub, so it cannot be created again. Caller side.',
    actions: [
      'Use another device id, or get the existing device and update it.',
      "If provisioning code creates devices, make it treat 'already exists' as success or use create-or-update.",
    ],
  },
  409002: {
    title: 'Second connection opened for the same client',
    cause: 'The hub saw a new connection for a client that was still connected and closed the older one. Usually a side effect of an earlier drop (such as 404104), when the device reconnects before the hub noticed; sometimes device code opening a second connection. AMQP and MQTT only.',
    actions: [
      'Look in the logs for the disconnect just before it, for example 404104, and deal with that first.',
      'Make the device open a new connection only once the old one is gone.',
      'Check that no second instance uses the same identity.',
    ],
    transientNote: 'Often transient right after a reconnect; conflicts that keep coming point at the device code.',
  },
  409003: {
    title: 'Callback subscription conflict',
    cause: 'The client tried to subscribe a callback (for example for methods or twin updates) in a way that conflicts with an existing subscription.',
    actions: ['Register each callback once per connection.', 'Check the SDK version and how the app sets its handlers.'],
  },
  409101: {
    title: 'Model already exists',
    cause: 'A model with this id already exists.',
    actions: ['Use a new model id or version.', 'Reuse the existing model if it is the same one.'],
  },
  409102: {
    title: 'Device locked by another operation',
    cause: 'The device identity is locked by another operation in progress, so the hub cannot change it now.',
    actions: ['Wait a moment and retry.', 'Check whether a job or bulk operation is working on the device.'],
    transientNote: 'Usually clears once the other operation finishes.',
  },
  409103: {
    title: 'Device job already exists',
    cause: 'A job with this id already exists for the device.',
    actions: ['Use a new, unique job id.'],
  },
  409104: {
    title: 'Job id already in use',
    cause: 'A job with this id already exists on the hub.',
    actions: ['Use a new, unique id for each job.', 'To follow the earlier job, query it by its id.'],
  },
  409301: {
    title: 'Module already exists on the device',
    cause: 'The device already has a module with this id.',
    actions: ['Use another module id, or update the existing module.', 'Delete the existing module first if it must be recreated.'],
  },
  409401: {
    title: 'Configuration id already in use',
    cause: 'An automatic configuration with this id already exists.',
    actions: ['Use a new configuration id.', 'To change the existing one, update it; content changes need a new configuration.'],
  },
  409402: {
    title: 'Configuration already being applied to the device',
    cause: 'A configuration is still being applied to this device, so another one cannot start yet.',
    actions: ['Wait for the current one to finish, then retry.'],
    transientNote: 'Transient: retry after a short wait.',
  },
  409501: {
    title: 'Digital twin model already exists',
    cause: 'A digital twin model with this id already exists.',
    actions: ['Use a new model id or version number.'],
  },
  409502: {
    title: 'Model id used by another model type',
    cause: 'A model with this id already exists, but with a different model type.',
    actions: ["Check the model's type and id.", 'Use a distinct id for each model.'],
  },
  409503: {
    title: 'Interface name model already exists',
    cause: 'A model for this interface name already exists.',
    actions: ['Use another interface name, or reuse the existing model.'],
  },
  412000: {
    title: 'Precondition failed',
    cause: 'A condition attached to the request, usually an ETag in If-Match, was not met.',
    actions: ['Read the resource again to get its current state and ETag.', 'Retry with the current ETag.'],
  },
  412001: {
    title: 'ETag mismatch: the resource changed meanwhile',
    cause: 'The If-Match ETag sent with the update is not the current one, usually because another writer updated the twin or device between your read and your write.',
    actions: [
      'Get the resource again to read its current ETag.',
      'Re-apply your change and retry with that ETag.',
      'Use the wildcard ETag only if overwriting other writers is acceptable.',
    ],
  },
  412002: {
    title: 'Cloud-to-device message lock lost',
    cause: 'The device tried to complete, reject or abandon a cloud-to-device message after its lock had expired; the lock lasts one minute, cannot be changed, and is also lost on reconnect. The message goes back to the queue and will be delivered again.',
    actions: [
      'Complete each message within a minute of receiving it.',
      'Make message handling idempotent, since the same message can arrive twice.',
      'Move long processing out of the receive handler.',
    ],
  },
  412003: {
    title: 'Job cannot run in its current state',
    cause: "The job's precondition for running was not met, for example because it is already running, completed or cancelled.",
    actions: ["Check the job's status.", 'Start a new job if one is still needed.'],
  },
  412004: {
    title: 'Messages still in flight on the link',
    cause: 'The operation could not go ahead because messages are still in flight on the AMQP link.',
    actions: ['Let in-flight messages settle, then retry.', 'Check the link status in the client logs.'],
    transientNote: 'Often clears once pending messages settle.',
  },
  413000: {
    title: 'Request too large',
    cause: 'The request body is larger than the hub accepts for this operation.',
    actions: ['Reduce the request size.', 'Split large payloads into several requests.'],
  },
  413001: {
    title: 'Message too large',
    cause: 'The message is bigger than the hub allows: 256 KB for device-to-cloud, 64 KB for cloud-to-device and 128 KB for a direct method payload.',
    actions: [
      'Reduce the payload: compress it, drop fields or send it in several messages.',
      'For large data, use file upload instead of messages.',
      'Remember that message properties count towards the size too.',
    ],
  },
  413002: {
    title: 'Too many devices in one bulk request',
    cause: 'The bulk registry request includes more devices than one call allows.',
    actions: ['Split the request into batches of at most 100 devices.', 'Send the batches one after the other.'],
  },
  413003: {
    title: 'Too many modules on the device',
    cause: `The device has more modules than the hub allows. ${OBSOLETE}`,
    actions: ['Remove the modules the device no longer uses.'],
  },
  413101: {
    title: 'Too many configurations on the hub',
    cause: 'The hub has reached its limit of automatic configurations: 100 on paid tiers, 20 on the free tier.',
    actions: ['Delete configurations you no longer use.', 'Merge configurations that target the same devices.'],
  },
  413201: {
    title: 'Too many digital twin models',
    cause: "The number of digital twin models exceeds the hub's limit.",
    actions: ['Remove unused models or consolidate their versions.'],
  },
  413202: {
    title: 'Too many interface name models',
    cause: 'The number of models used for interface name compression exceeds the limit.',
    actions: ['Reduce the number of distinct interface models the devices use.'],
  },
  415000: {
    title: 'Media type not supported',
    cause: 'The Content-Type of the request is not one the endpoint accepts.',
    actions: ['Send the request with the expected Content-Type, usually application/json.', "Check that the body's encoding matches the header."],
  },
  415101: {
    title: 'Incompatible data type',
    cause: 'A value in the request has a data type that does not match what the target expects.',
    actions: ["Check each value's type (number, string, boolean) against the schema or model.", 'Fix the serialization and retry.'],
  },
  429000: throttled('Too many requests', 'The hub is throttling this caller because requests arrive faster than allowed.', [
    BACK_OFF,
    "Compare the operation rate with the throttling limits of the hub's tier.",
    SCALE_UP,
  ]),
  429001: throttled(
    'Throttled: traffic above the limit for too long',
    "The hub queued requests above its throttle for too long and the queue overflowed, so it rejected requests. It is the only throttling error with its own metric, 'Number of throttling errors'.",
    [
      'Back off: the .NET, Node and Java device SDKs retry throttling errors by default (Node with a longer delay).',
      "Compare the 'Telemetry message send attempts' metric with the tier's limits.",
      SCALE_UP,
      'Spread device sends and reconnects with jitter.',
    ],
  ),
  429002: throttled(
    'Throttling backlog full: device disconnected',
    'Requests held back by throttling went past the backlog limit, and the hub then disconnects the device on its own initiative.',
    [BACK_OFF, 'Reduce the request rate of the devices involved.', SCALE_UP],
  ),
  429003: throttled(
    'Throttled requests timed out in the backlog',
    'Requests waited too long in the throttling backlog and timed out; the service message usually asks to wait about 10 seconds. Older .NET SDKs used this number for an invalid throttle parameter.',
    ['Wait about 10 seconds, then retry with backoff.', 'Reduce the request rate.', SCALE_UP],
  ),
  429004: throttled('Too many active jobs', 'The hub has reached its maximum number of active jobs.', [
    'Wait for running jobs to finish before starting new ones.',
    'Start fewer jobs in parallel.',
  ]),
  429005: throttled(
    'Per-device rate limit exceeded',
    'One device sends requests faster than the per-device limit; other devices are not affected.',
    [
      'Reduce the request rate of this device: batch telemetry, fewer twin updates.',
      'Check that the device is not stuck in a retry loop without backoff.',
    ],
  ),
  499000: {
    title: 'Client closed the request',
    cause: 'The caller closed the connection before the hub answered, for example after a short client timeout or a cancellation. The hub may still have processed the request.',
    actions: ['Retry later, making sure that repeating the operation is safe.', 'Check client-side timeouts and cancellations.'],
    transientNote: 'Usually transient.',
  },
  500000: serviceFault(
    'Generic internal error on the IoT Hub service',
    'The hub logged an internal server error with no more specific code. It is a service-side fault, most likely short-lived.',
    500,
  ),
  500001: serviceFault(
    'Internal error on the IoT Hub service',
    'IoT Hub failed on its side while handling the request, most likely a short-lived fault on some of its nodes. Nothing in the request is wrong.',
    500,
  ),
  500002: {
    title: 'Job cancelled',
    cause: `The job was cancelled before it completed. ${OBSOLETE}`,
    actions: ['Check who or what cancelled the job.', 'Run the job again if it is still needed.'],
  },
  500007: {
    title: 'Azure Storage timed out',
    cause: 'The hub timed out while writing to Azure Storage for routing or file upload. The delay is on the storage side and usually transient.',
    actions: [
      'Retry the operation with backoff.',
      'Check Resource Health for the storage account and for the hub.',
      "If it persists, check the storage account's throttling and latency metrics.",
    ],
    transientNote: 'Transient: retries usually succeed once storage answers again.',
  },
  500008: serviceFault(
    'IoT Hub timed out handling the request',
    'The hub could not complete the request, often a connection request, before its own timeout. Service side and most likely transient.',
    500,
  ),
  500009: {
    title: 'Internal error while applying throttling',
    cause: `The service hit an internal problem while applying throttling; older SDKs used 429003 for it. ${OBSOLETE}`,
    actions: ['Retry with backoff.', 'If it persists, check Resource Health for the hub.'],
    transientNote: note('Transient, on the service side.', 500),
  },
  500301: {
    title: 'Model repository endpoint error',
    cause: 'The hub could not use the model repository endpoint to resolve a device model.',
    actions: ['Retry later.', 'Check the model repository endpoint your solution configures, if any.', SUPPORT_IF_PERSISTS],
    transientNote: 'May be transient: retry once before digging further.',
  },
  500302: {
    title: 'Internal resolution error',
    cause: 'The hub failed an internal resolution step while handling the request. Service side, most likely transient.',
    actions: [
      'Retry later with backoff.',
      'If it persists, check Resource Health for the hub and contact Azure support with the tracking id.',
    ],
    transientNote: note('Transient, on the service side.', 500),
  },
  500401: identityInternal(
    'Hub could not get managed identity credentials',
    'The hub failed to obtain credentials for its managed identity.',
    "Check that the hub's managed identity is enabled and that the endpoint refers to the right one.",
  ),
  500402: identityInternal(
    'Hub could not read its tenant information',
    'The hub failed to read the Microsoft Entra tenant information its managed identity depends on.',
    "Check the hub's identity settings, and whether the subscription moved to another tenant.",
  ),
  500403: identityInternal(
    'Hub could not share its identity',
    'The hub failed to share its managed identity with the component that needs it.',
    'Check the identity configuration on the hub and on the endpoint.',
  ),
  500501: pnpInternal('Plug and Play: discovery info not expanded', 'expanding discovery information'),
  500502: pnpInternal('Plug and Play: component info not expanded', 'expanding component information'),
  500503: pnpInternal('Plug and Play: component info not compressed', 'compressing component information'),
  500504: pnpInternal('Plug and Play: discovery info not compressed', 'compressing discovery information'),
  500505: pnpInternal('Plug and Play: orphan discovery document', 'handling a discovery document no longer tied to a device'),
  502000: {
    title: 'Bad gateway',
    cause: 'A component in the request path returned an invalid response. For direct methods, the Node service SDK reports a 502 as a bad response from the device.',
    actions: [
      'Retry later with backoff.',
      'For a direct method, check that the device handler returns a valid JSON payload and status.',
      'If it persists, check Resource Health for the hub.',
    ],
    transientNote: note('Usually transient.', 502),
  },
  503000: serviceFault(
    'IoT Hub service unavailable',
    'The service could not take the request at this moment and gave no more specific code. Service side and usually short-lived.',
    503,
  ),
  503001: serviceFault(
    'IoT Hub temporarily unable to process requests',
    "The hub could not process the request right now; MQTT clients see it as a 'Server unavailable' connection refusal and AMQP clients as a server-busy detach. Service side and transient.",
    503,
  ),
  503003: serviceFault(
    'Internal partition not found',
    'An internal IoT Hub component (a partition) was not found while handling the request. Service side and most likely transient; handle it like a 500xxx error.',
    503,
  ),
  503004: serviceFault(
    'IoT hub activation failed',
    'The service failed to activate the hub, so it cannot serve requests yet.',
    503,
    "Check the hub's status and provisioning state in the portal, then retry with backoff.",
  ),
  503005: serviceFault(
    'IoT Hub server busy',
    'The service is too busy to take the request right now. Service side and transient.',
    503,
  ),
  503006: serviceFault(
    'IoT hub is being restored',
    'The hub is in the middle of a restore and cannot serve requests until it completes.',
    503,
    'Wait for the restore to complete, then let clients retry with backoff.',
  ),
  503008: serviceFault(
    'Receive link opens throttled',
    'The hub is limiting how fast clients open receive links and asked this one to retry. Service side and transient.',
    503,
    'Retry with backoff, and avoid opening and closing receive links in a loop.',
  ),
  503101: serviceFault(
    'Connection unavailable on the service side',
    'The connection the request needed was not available on the service side. Usually transient.',
    503,
    "Let the client reconnect with backoff, and check the device's own connectivity if only one device is affected.",
  ),
  503102: serviceFault(
    'Device temporarily unavailable',
    'The hub could not reach the device state it needed for this request. Usually transient.',
    503,
    "Retry with backoff, and check the device's connection state in the registry.",
  ),
  503201: serviceFault(
    'Configuration temporarily not available',
    'The automatic configuration the request needs is not available right now.',
    503,
    'Check that the configuration exists, then retry with backoff.',
  ),
  503202: serviceFault(
    'Group temporarily not available',
    'The group the request needs is not available right now.',
    503,
    'Check the group id, then retry with backoff.',
  ),
  503301: serviceFault(
    'IoT Hub hosting service not available',
    'An internal hosting service the hub relies on is not available. Service side and transient.',
    503,
  ),
  504000: {
    title: 'Gateway timeout',
    cause: 'A component in the request path timed out waiting for an answer. Usually transient, on the service or device side.',
    actions: [
      'Retry later with backoff, if the operation is safe to repeat.',
      'If it persists or hits many callers, check Resource Health for the hub.',
    ],
    transientNote: note('Usually transient.', 504),
  },
  504101: {
    title: 'Direct method timed out waiting for the device',
    cause: 'The hub could not confirm that the direct method finished before the timeout: the device was slow, or did not answer within the response timeout of the call. With .NET SDKs before 1.19.0, a silently dropped AMQP link could also cause it.',
    actions: [
      'Retry the call if the method is safe to run twice.',
      "Measure how long the device's handler takes and set the response timeout (5 to 300 s) above it.",
      'Upgrade the .NET device SDK if it is older than 1.19.0.',
      'If many devices time out at once, check Resource Health for the hub.',
    ],
    transientNote: note('Transient.', 504),
  },
};

export const en: ErrorTextCatalog = freezeTexts(texts);
