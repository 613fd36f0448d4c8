// Teams message activities for the load generator: personal chats of a pool of users (a real bot sees
// many users; one user flooding it would meet its per-user limits instead of its normal path).
import type { TurnFactory } from './load-generator.ts';

const BOT = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'IoT Hub On-Call' };
const TENANT = '00000000-0000-4000-8000-0000000000a1';

function userGuid(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** Turn n comes from user n mod users, in that user's personal chat with the bot. */
export function personalMessages(options: { runId: string; users: number; text: (turn: number) => string }): TurnFactory {
  return (turn, serviceUrl) => {
    const user = turn % options.users;
    const conversationId = `a:bench-${options.runId}-user-${user}`;
    const activityId = `bench-${options.runId}-${turn}`;
    const now = new Date().toISOString();
    return {
      conversationId,
      activityId,
      activity: {
        type: 'message',
        id: activityId,
        timestamp: now,
        localTimestamp: now,
        serviceUrl,
        channelId: 'msteams',
        from: { id: `29:bench-user-${user}`, name: `Bench User ${user}`, aadObjectId: userGuid(user) },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
        recipient: { ...BOT },
        textFormat: 'plain',
        text: options.text(turn),
        locale: 'en-US',
        entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' }],
        channelData: { tenant: { id: TENANT } },
      },
    };
  };
}

/** What an on-call engineer pastes during an outage: an SDK error naming a demo hub, with a stack trace. */
export function hubPaste(hubName: string, turn: number): string {
  const tracking = (turn * 2654435761).toString(16).padStart(8, '0').slice(-8).repeat(4);
  return [
    `2025-05-02T10:15:33.120Z ERROR [telemetry] ${hubName}.azure-devices.net sensor-042: send failed`,
    `{"Message":"ErrorCode:ServerError;Internal server error","ExceptionMessage":"Tracking ID:${tracking}-G:5-TimeStamp:05/02/2025 10:15:33","errorCode":500001}`,
    'Microsoft.Azure.Devices.Client.Exceptions.IotHubException: ServerError (500001)',
    '   at Microsoft.Azure.Devices.Client.InternalClient.SendEventAsync(Message message, CancellationToken cancellationToken)',
    '   at Contoso.Fleet.Gateway.TelemetryPump.RunAsync(CancellationToken ct) in /src/Gateway/TelemetryPump.cs:line 142',
  ].join('\n');
}
