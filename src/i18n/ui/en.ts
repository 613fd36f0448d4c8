// English UI strings of the cards. `{name}` marks a placeholder filled by `fill()`; values echoed from a
// paste are escaped before they are filled in. The French table (fr.ts) must have exactly these keys.

import type { AvailabilityState, HealthFailureReason } from '../../diagnosis/hub.ts';
import type { IneligibilityReason } from '../../diagnosis/advice.ts';
import type { SecretKind, VerdictKind } from '../../diagnosis/types.ts';
import type { PluralForms } from './format.ts';
import { failoverEn } from './failover-en.ts';
import { alertsEn } from './alerts-en.ts';

const count = (one: string, other: string): PluralForms => ({ one, other });

export const en = {
  common: {
    demoBanner: 'Demo · simulated Azure, not a real subscription.',
    more: count('+{n} more', '+{n} more'),
    listSeparator: ', ',
    utc: '{time} UTC',
    timeRange: '{from} to {to}',
  },

  transient: {
    yes: 'Transient',
    no: 'Not transient',
    unknown: 'Transient: unknown',
  },

  verdict: {
    'transient-service': 'Service-side and transient: retry with backoff.',
    'client-config': 'Caller-side: the fix is in the request, the credentials, the device or its configuration.',
    'device-offline': 'The device is not connected to the hub right now.',
    'not-iothub': 'Not an IoT Hub fault: network, DNS, local identity service or a client-side check.',
    unknown: 'Not recognised as an IoT Hub error.',
  } satisfies Record<VerdictKind, string>,

  diagnosis: {
    fallbackText: 'IoT Hub error diagnosis',
    cardTitle: 'IoT Hub error diagnosis',
    unnamedError: 'Unrecognised error',
    httpClass: 'HTTP {status}',
    occurrences: count('Seen once in the paste', 'Seen {n} times in the paste'),
    seenBetween: 'between {from} and {to}',
    evidence: 'Recognised from: {items}',
    genericTitle: 'An error the bot could not name precisely',
    genericCause: 'The paste shows an error, but not enough of it to say which IoT Hub error it is.',
    genericActions: [
      'Paste the whole error: the exception type, the message, and the response body or error code.',
      'Check the hub name, the device id and the credentials used by the caller.',
    ],
    noFindingsTitle: 'No IoT Hub error recognised',
    /** The labels of what the card keeps one click away (docs/design.md, "Cards: the decision first"). */
    stepsLabel: 'Steps to take',
    supportLabel: 'Details for a support ticket',
    /** The one next step on the first screen. */
    next: '**Next:** {step}',
    sdkRetryHeading: 'Do the SDKs retry it?',
    truncated: 'The paste was longer than the scan limit: only its beginning was read.',
    contextHeading: 'What the paste tells',
    facts: {
      hub: 'Hub',
      devices: 'Devices',
      modules: 'Modules',
      protocols: 'Protocols',
      trackingIds: 'Tracking ids',
      correlationIds: 'Correlation ids',
      timeSpan: 'Time span',
      counts: 'Errors',
    },
    countsValue: '{errors}, {occurrences}',
    distinctErrors: count('{n} distinct error', '{n} distinct errors'),
    occurrenceCount: count('{n} occurrence', '{n} occurrences'),
    otherFindingsHeading: 'Other errors in the paste',
    findingCount: '×{n}',
    supportHeading: 'For a support ticket (copy as is)',
    supportHint: 'Azure support asks first for the tracking id and the UTC time of the error.',
    docsLearn: 'Error {code} on Microsoft Learn',
    docsAkaMs: 'aka.ms/iothub{code}',
    docsTroubleshoot: 'IoT Hub error codes',
    secretsHeading: 'A key was pasted: rotate it',
    secretsBody: count(
      'The paste contained a secret ({kinds}). It was removed before anything read the message and is not shown here, but it was posted in this conversation: rotate it now and delete the message.',
      'The paste contained {n} secrets ({kinds}). They were removed before anything read the message and are not shown here, but they were posted in this conversation: rotate them now and delete the message.',
    ),
    secretKinds: {
      'shared-access-key': 'shared access key',
      'sas-signature': 'SAS token signature',
      'primary-key': 'primary key',
      'secondary-key': 'secondary key',
      'storage-account-key': 'storage account key',
      'bearer-token': 'bearer token',
      'connection-string-password': 'connection string password',
      'client-secret': 'Microsoft Entra client secret',
      'private-key': 'private key',
    } satisfies Record<SecretKind, string>,
  },

  health: {
    fallbackText: 'IoT Hub health',
    cardTitle: 'Hub health',
    detailsLabel: 'Hub health details',
    /** The first screen: the hub's state as the headline (trouble, or the health card), else as one line. */
    statusHeadline: '{hub} is {state}',
    statusLine: 'Hub {hub}: {state}',
    incident: count('Azure incident in {region}: {title} ({id})', '{n} Azure incidents in {region}, including {title} ({id})'),
    /** Shown while the hub lookup and Resource Health have not answered; the same card is then updated in place. */
    checking: "Checking the hub's health in Azure… this card updates itself in a few seconds.",
    resourceHealth: 'Resource Health: {state}',
    states: {
      Available: 'Available',
      Degraded: 'Degraded',
      Unavailable: 'Unavailable',
      Unknown: 'Unknown',
    } satisfies Record<AvailabilityState, string>,
    facts: {
      summary: 'Summary',
      since: 'Since',
      reason: 'Reason',
      recentlyResolved: 'Recently resolved',
      primary: 'Primary location',
      secondary: 'Secondary location',
      provisioning: 'Provisioning state',
      hubState: 'Hub state',
      checkedAt: 'Checked at',
    },
    noSecondary: 'none',
    recentlyResolvedValue: 'unavailable from {from} to {to}: {summary}',
    drDisabled: 'Disaster recovery is disabled on this hub (data residency): it cannot fail over, neither manually nor by Microsoft.',
    eventsHeading: 'Active Azure service events for IoT Hub in {region}',
    noEvents: 'No active Azure service event for IoT Hub in {region}.',
    eventDetail: '{status} · {type} · tracking id {trackingId} · updated {updated}',
    unavailable: 'Health unavailable: {reason}',
    unavailableReasons: {
      throttled: 'Azure throttled the request.',
      'server-error': 'Azure Resource Manager returned a server error.',
      timeout: 'Azure did not answer in time.',
      network: 'Azure could not be reached (network error).',
      forbidden: 'the bot is not allowed to read it.',
      'not-found': 'the hub or its health record was not found.',
      unknown: 'an unexpected error occurred.',
    } satisfies Record<HealthFailureReason, string>,
    retryAfter: count('Try again in {n} second.', 'Try again in {n} seconds.'),
    retryLater: 'Try again in a minute.',
    forbiddenHelp: "Give the bot's identity the Reader role on the hub (or its resource group), which includes Microsoft.Devices/IotHubs/read and Microsoft.ResourceHealth/availabilityStatuses/read.",
    unavailableKeepsDiagnosis: 'The diagnosis does not depend on it.',
    unavailableDetail: 'Detail: {detail}',
    unknownHub: 'No hub matching {query} was found in the subscriptions searched: {subscriptions}.',
    unknownHubNoSubscriptions: 'No hub matching {query} was found: no subscription is configured (AZURE_SUBSCRIPTION_IDS).',
    noHub: 'The paste names no hub, so its health was not checked. Send "health HUBNAME" to check a hub.',
    ambiguous: 'Several hubs could be the one and the paste names none. Pick one to check its health:',
    moreHubs: count('+{n} more hub: send "health HUBNAME" to check it.', '+{n} more hubs: send "health HUBNAME" to check one.'),
  },

  advice: {
    label: 'Would a failover help?',
    'not-applicable': 'A failover would not help: this error comes from the caller (request, credentials, device or configuration). A failover moves the hub to another region; it does not change what the caller sends.',
    notApplicableByVerdict: {
      'device-offline': 'A failover would not help: the device is not connected. A failover moves the hub to another region; it does not bring a device online.',
      'not-iothub': 'A failover would not help: the failure is on the network or client side, not in the hub.',
      unknown: 'No IoT Hub error was recognised, so there is no failover advice.',
    },
    'retry-hub-healthy': 'Resource Health reports this hub as Available and no active service incident covers its region, so the error is most likely a short, local blip. Retry with backoff. A failover would not help: it takes the hub down for several minutes, disconnects every device and loses unread messages.',
    whyState: 'Resource Health reports this hub as {state}.',
    whyIncidents: count('An active Azure service incident covers its region ({ids}).', '{n} active Azure service incidents cover its region ({ids}).'),
    'worth-considering': 'The hub can fail over to {secondary}. If the errors persist, a manual failover is worth considering. It takes from about 10 minutes to a few hours, disconnects every device and loses unread messages.',
    'worth-considering-but-impossible': 'A failover would be worth considering, but this hub cannot fail over now:',
    'health-unknown': 'Resource Health has had no information about this hub for a while (Unknown): it cannot say whether Azure is at fault. Retry with backoff and check the Azure status page; consider a failover only if the errors persist and an incident is confirmed.',
    'health-unavailable': 'Health could not be checked, so there is no failover advice. Retry with backoff, check the Azure status page, and check the health again later.',
    'no-hub': 'No hub identified, so there is no failover advice. Send "health HUBNAME" to check a hub.',
    /** The next step each advice gives, on the first screen. */
    next: {
      request: 'Request a failover to {secondary} if the errors persist: another on-call engineer approves it before it runs.',
      consider: 'A failover to {secondary} is worth considering if the errors persist. A button to request it appears here once failover requests are enabled on this bot.',
      impossible: 'Retry with backoff and follow the incident: this hub cannot fail over now.',
      'retry-hub-healthy': 'Retry with backoff: the hub is healthy, so this is most likely a short blip.',
      'health-unknown': 'Retry with backoff and check the Azure status page: Resource Health cannot tell.',
      'health-unavailable': "Retry with backoff, and check the hub's health again in a minute.",
      'no-hub': 'Retry with backoff. Send "health HUBNAME" to check the hub.',
    },
    impossibleReasons: {
      'no-secondary': 'the hub has no secondary location',
      'dr-disabled': 'disaster recovery is disabled on this hub (data residency)',
      'failover-running': 'a failover of this hub is already running',
      'daily-limit': "the hub's daily limit of failovers has been reached",
      cooldown: 'the previous failover or failback was less than an hour ago',
      'hub-not-active': 'the hub is not in the Active state',
      'no-approvers': 'no approver is configured on this bot (FAILOVER_APPROVERS is empty), so nobody could approve a request: ask its administrator, or fail over from the Azure portal',
    } satisfies Record<IneligibilityReason, string>,
    impossibleUnchecked: 'whether it can fail over could not be checked',
  },

  help: {
    fallbackText: 'IoT Hub On-Call: help',
    title: 'IoT Hub On-Call',
    intro: 'Paste an Azure IoT Hub error and I explain it: what it is, whether it is transient, what to do, and what Azure Resource Health says about the hub right now.',
    pasteHeading: 'What to paste',
    pasteItems: [
      'an error code or message: 500001 ServerError, 404103 DeviceNotOnline, IH412001…',
      'an SDK exception or stack trace (.NET, Java, Node, Python, C)',
      'an az CLI output, an HTTP response or a JSON error body',
      'a log excerpt: many lines are fine, I count each distinct error',
    ],
    commandsHeading: 'Commands',
    commands: [
      { command: 'help', text: 'this card' },
      { command: 'health HUBNAME', text: "the hub's Resource Health, locations and active Azure events" },
      { command: 'status', text: 'failover requests waiting for approval or running' },
      { command: 'audit [HUBNAME]', text: 'recent failover decisions, for one hub or all' },
      { command: 'subscribe [HUBNAME]', text: 'Azure Monitor alerts about a hub (or every hub) as cards here; unsubscribe, subscriptions' },
    ],
    looksForHeading: 'What I look for',
    looksFor: 'IoT Hub error codes and names, SDK exception names, MQTT and AMQP refusals, HTTP status codes, hub host names, device and module ids, tracking ids and timestamps.',
    channelNote: 'In a channel or group chat, @mention me in the same message as the paste.',
    privacyHeading: 'Keys and privacy',
    privacy: 'Keys, SAS signatures and tokens in a paste are removed before anything else reads it: they are never shown, logged or stored. The message itself stays in the chat, though: rotate any key you pasted.',
  },

  nothing: {
    fallbackText: 'No IoT Hub error recognised',
    title: 'No IoT Hub error recognised',
    read: count('I read {n} character and found no IoT Hub error in it.', 'I read {n} characters and found no IoT Hub error in them.'),
    empty: 'The message was empty.',
    looksForHeading: 'I look for',
    looksFor: [
      '6-digit IoT Hub codes: 500001, 404103, 429001…',
      'error names: ServerError, DeviceNotFound, IotHubQuotaExceeded…',
      'SDK exceptions and stack traces: IotHubCommunicationException…',
      'tracking ids, hub host names (contoso.azure-devices.net) and timestamps',
      'MQTT CONNACK refusals and AMQP error conditions',
    ],
    howHeading: 'To get a diagnosis',
    how: 'Paste the whole error: the exception type, the message and the error code or response body. For a log, include the lines around the error. Send "help" for more.',
  },

  choice: {
    fallbackText: 'Which hub?',
    title: 'Which hub?',
    text: 'Several hubs are configured and none was named. Pick one to check its health:',
    none: 'No hub is configured in the subscriptions the bot may look at.',
  },

  /** Answers to a card button the bot could not act on (no Action.Execute, or the turn failed). */
  cardAction: {
    notAvailable: 'This action is not available on this bot.',
    failed: 'Something went wrong: the action was not completed. Please try again in a moment.',
  },

  error: {
    fallbackText: 'Something went wrong',
    title: 'Something went wrong',
    text: 'Nothing was lost: your message was received, but I could not finish the answer. Please try again in a moment.',
  },

  tooLong: {
    fallbackText: 'This paste took too long to read',
    title: 'This paste took too long to read',
    overBudget: count(
      'I stop reading a paste after {n} second, so that I keep answering everyone, and this one needed longer. Nothing was lost: your message was received.',
      'I stop reading a paste after {n} seconds, so that I keep answering everyone, and this one needed longer. Nothing was lost: your message was received.',
    ),
    busy: 'I was busy reading other pastes and could not start on yours in time. Nothing was lost: your message was received.',
    howHeading: 'What to do',
    how: [
      'Paste only the first error lines: the exception type, its message and the error code.',
      'For a long log, paste a smaller excerpt: the lines around the first error.',
    ],
    busyHow: 'Or send the same paste again in a moment.',
  },

  rateLimit: {
    notice: count(
      "You're sending messages faster than I can usefully answer, so I skipped the last ones. Please wait {n} second, then send the error again.",
      "You're sending messages faster than I can usefully answer, so I skipped the last ones. Please wait {n} seconds, then send the error again.",
    ),
    dialog: count(
      "You're asking for diagnoses faster than I can usefully answer, so I skipped this one. Please wait {n} second, then try again.",
      "You're asking for diagnoses faster than I can usefully answer, so I skipped this one. Please wait {n} seconds, then try again.",
    ),
  },

  messageAction: {
    dialogTitle: 'Diagnose with IoT Hub On-Call',
    preview: {
      fallbackText: 'Diagnosis preview',
      heading: 'Found in this message',
      moreFindings: count('+{n} other error in the message', '+{n} other errors in the message'),
      hub: "Hub: {hub}. Its current health is checked when the diagnosis is posted.",
      nothingTitle: 'No IoT Hub error recognised in this message',
      nothingHint: 'There is nothing to diagnose here. I look for IoT Hub error codes and names, SDK exceptions, MQTT and AMQP refusals and HTTP status codes.',
      secretsHeading: 'This message contains a key: rotate it',
      secretsBody: count(
        'It contains a secret ({kinds}). It is never shown or posted by the bot, but everyone in this conversation can read the message: rotate it and delete the message.',
        'It contains {n} secrets ({kinds}). They are never shown or posted by the bot, but everyone in this conversation can read the message: rotate them and delete the message.',
      ),
      whereChannel: "Posting adds the full diagnosis, with the hub's current health, as a reply in this thread: everyone in the channel sees it.",
      whereChat: "Posting adds the full diagnosis, with the hub's current health, to this chat: everyone in it sees it.",
      postButton: 'Post diagnosis',
    },
    addBot: {
      fallbackText: 'Add IoT Hub On-Call to this conversation',
      title: 'IoT Hub On-Call is not in this conversation yet',
      whyTeam: 'To post the diagnosis in this channel, as a card everyone sees and the bot can update later, IoT Hub On-Call must first be added to the team.',
      whyChat: 'To post the diagnosis in this chat, as a card everyone sees and the bot can update later, IoT Hub On-Call must first be added to the chat.',
      howHeading: 'How to add it',
      stepsTeam: [
        'Select **Add to this team** below (you need permission to add apps to the team).',
        'Or, in Teams, open **Apps**, find **IoT Hub On-Call**, choose **Add to a team** and pick this team.',
      ],
      stepsChat: [
        'Select **Add to this chat** below.',
        'Or, in Teams, open **Apps**, find **IoT Hub On-Call**, choose **Add to a chat** and pick this chat.',
      ],
      then: 'Once it is added, run **Diagnose with IoT Hub On-Call** on the message again. You can also paste the error in your own chat with the bot.',
      buttonTeam: 'Add to this team',
      buttonChat: 'Add to this chat',
    },
    installed: 'IoT Hub On-Call was added here. Run **Diagnose with IoT Hub On-Call** on the message again to post its diagnosis.',
  },

  /** Activities from an organisation not in ALLOWED_TENANT_IDS: one sentence, nothing about the bot's setup. */
  tenantRefused: 'IoT Hub On-Call is not available to your organisation. Nothing was done.',

  failover: failoverEn,
  alerts: alertsEn,
};

export type UiStrings = typeof en;
