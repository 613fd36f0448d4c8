// What the suite pastes. One line each: the playground (0.2.28) drops line breaks when it turns the compose
// box into activity.text ("a<br>b" arrives as "ab"), which Teams does not do, so a multi-line paste would test
// the playground rather than the bot.

/** The demo scenario's hub in an outage (src/sim/scenarios.ts: Unavailable, West Europe → North Europe). */
export const OUTAGE_HUB = 'contoso-prod-weu';
export const OUTAGE_HUB_HOST = `${OUTAGE_HUB}.azure-devices.net`;

/** A .NET device client log line: 500001 ServerError against the hub in an outage, from the given device. */
export function serverErrorPaste(deviceId: string): string {
  return (
    '2025-03-14T09:12:44.201Z ERROR DeviceClient.SendEventAsync failed: Microsoft.Azure.Devices.Client.Exceptions.IotHubException: ' +
    '{"errorCode":500001,"trackingId":"6a9c1f0d5b2e4c3f8d7e1a2b3c4d5e6f-G:0-TimeStamp:03/14/2025 09:12:44","message":"ServerError",' +
    `"timestampUtc":"2025-03-14T09:12:44.1953432Z"} host=${OUTAGE_HUB_HOST} deviceId=${deviceId}`
  );
}

export const SERVER_ERROR_PASTE = serverErrorPaste('sensor-0042');

/** A caller-side error posted in a channel (no health needed for the verdict), from the given device. */
export function unauthorizedPaste(deviceId: string): string {
  return `IotHubUnauthorizedAccess: error 401002 from ${OUTAGE_HUB_HOST} for device ${deviceId}: the SAS token has expired`;
}

export const UNAUTHORIZED_PASTE = unauthorizedPaste('gateway-7');

/** Collapses every run of whitespace (including French no-break spaces) into one space. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
