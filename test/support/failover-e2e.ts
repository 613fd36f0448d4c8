// Shared by the failover end-to-end tests: Teams users, a scenario of hubs in an outage with a short
// failover, the paste → proposal card exchange and adaptiveCard/action invokes as Teams sends them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ScenarioDefinition } from '#src/sim/index.ts';
import { TEST_BOT, TEST_TENANT, postActivity } from './activities.ts';
import { cardText, cardsOf } from './cards.ts';
import type { FakeConnector, RecordedRequest } from './fake-connector.ts';
import { outageHub } from './scenarios.ts';
import { settled } from './replies.ts';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const ALICE: TeamsUser = { id: '29:alice-requester', name: 'Alice Requester', aadObjectId: 'a11ce000-0000-4000-8000-00000000000a' };
export const BOB: TeamsUser = { id: '29:bob-approver', name: 'Bob Approver', aadObjectId: 'b0b00000-0000-4000-8000-00000000000b' };
export const CAROL: TeamsUser = { id: '29:carol-approver', name: 'Carol Approver', aadObjectId: 'ca401000-0000-4000-8000-00000000000c' };
export const MALLORY: TeamsUser = { id: '29:mallory-onlooker', name: 'Mallory Onlooker', aadObjectId: 'ba110000-0000-4000-8000-0000000000ff' };

export const APPROVERS_ENV = [BOB.aadObjectId, CAROL.aadObjectId].join(',');
export const AUDIT_TOKEN = 'e2e-audit-token-0123456789abcdef';

/** The failover settings of the failover suites' bots: Bob and Carol approve, polls every second, audit API on. */
export const FAILOVER_BOT_ENV: Readonly<Record<string, string>> = { FAILOVER_APPROVERS: APPROVERS_ENV, FAILOVER_POLL_SECONDS: '1', AUDIT_API_TOKEN: AUDIT_TOKEN };

export const CHANNEL = '19:oncall-channel@thread.tacv2';

/** Hubs in an outage (Unavailable, with a secondary), whose failovers take `failoverSeconds` simulated seconds. */
export function outageScenario(names: readonly string[], options: { failoverSeconds?: number; outcome?: 'succeeded' | 'failed' } = {}): ScenarioDefinition {
  return {
    name: 'failover-e2e',
    hubs: names.map(outageHub),
    failover: { durationSeconds: options.failoverSeconds ?? 3, pollRetryAfterSeconds: 1, outcome: options.outcome ?? 'succeeded' },
  };
}

export function serverErrorPaste(hubName: string): string {
  return [
    'Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {"Message":"ErrorCode:ServerError;Internal server error."}',
    `iothub-errorcode: ServerError HostName: ${hubName}.azure-devices.net errorCode 500001`,
  ].join('\n');
}

function channelData(): Record<string, unknown> {
  return { tenant: { id: TEST_TENANT }, team: { id: '19:team@thread.tacv2', name: 'Platform' }, channel: { id: CHANNEL, name: 'On-call' } };
}

/** A new channel post (a new thread) by `from`, mentioning the bot. */
export function channelMessage(serviceUrl: string, from: TeamsUser, text: string): { activity: Record<string, unknown>; conversationId: string; activityId: string } {
  const activityId = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const conversationId = `${CHANNEL};messageid=${activityId}`;
  return {
    conversationId,
    activityId,
    activity: {
      type: 'message',
      id: activityId,
      timestamp: new Date().toISOString(),
      serviceUrl,
      channelId: 'msteams',
      from: { ...from },
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TEST_TENANT },
      recipient: { ...TEST_BOT },
      text: `<at>${TEST_BOT.name}</at> ${text}`,
      textFormat: 'plain',
      locale: 'en-US',
      entities: [{ type: 'mention', text: `<at>${TEST_BOT.name}</at>`, mentioned: { id: TEST_BOT.id, name: TEST_BOT.name } }],
      channelData: channelData(),
    },
  };
}

export interface ProposalCard {
  card: Record<string, unknown>;
  cardActivityId: string;
  conversationId: string;
  userMessageId: string;
  requestId: string;
}

/** Every Action.Execute of a card (anywhere in it), as { verb, data }. */
export function executeActions(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'Action.Execute' && typeof record['verb'] === 'string') {
        found.push({ verb: record['verb'], data: (record['data'] ?? {}) as Record<string, unknown> });
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** Posts the paste and returns the proposal card the bot answered with (in the thread). */
export async function pasteForProposal(botUrl: string, connector: FakeConnector, from: TeamsUser, hubName: string): Promise<ProposalCard> {
  const built = channelMessage(connector.url, from, serverErrorPaste(hubName));
  const response = await postActivity(botUrl, built.activity);
  assert.equal(response.status, 200, response.text);
  const posted = await connector.waitFor((request) => request.route === 'replyToActivity' && request.activityId === built.activityId);
  const reply = await settled(connector, posted);
  const [card] = cardsOf(reply);
  assert.ok(card, `a card: ${reply.bodyText.slice(0, 300)}`);
  const request = executeActions(card).find((action) => action.verb === 'failover.request');
  assert.ok(request, `the card offers a failover request:\n${cardText(card).slice(0, 3000)}`);
  const requestId = request.data['requestId'];
  assert.equal(typeof requestId, 'string');
  const cardActivityId = posted.responseId;
  assert.ok(cardActivityId, 'the connector gave the card an id');
  return { card, cardActivityId, conversationId: built.conversationId, userMessageId: built.activityId, requestId: requestId as string };
}

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown };
  card: Record<string, unknown> | null;
  text: string;
}

export interface InvokeOptions {
  serviceUrl: string;
  from: TeamsUser;
  conversationId: string;
  replyToId: string;
  verb: string;
  data: Record<string, unknown>;
  trigger?: 'manual' | 'automatic';
  /** Replace the whole value (malformed invokes). */
  value?: unknown;
}

export function cardInvoke(options: InvokeOptions): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { ...options.from },
    conversation: { id: options.conversationId, conversationType: 'channel', isGroup: true, tenantId: TEST_TENANT },
    recipient: { ...TEST_BOT },
    replyToId: options.replyToId,
    locale: 'en-US',
    channelData: channelData(),
    value:
      'value' in options
        ? options.value
        : { action: { type: 'Action.Execute', id: randomUUID(), verb: options.verb, data: options.data }, trigger: options.trigger ?? 'manual' },
  };
}

export async function invokeCard(botUrl: string, options: InvokeOptions): Promise<InvokeAnswer> {
  const response = await postActivity(botUrl, cardInvoke(options));
  let body: InvokeAnswer['body'] = {};
  try {
    body = JSON.parse(response.text) as InvokeAnswer['body'];
  } catch {
    body = {};
  }
  const card = body.type === 'application/vnd.microsoft.card.adaptive' && typeof body.value === 'object' && body.value !== null ? (body.value as Record<string, unknown>) : null;
  return { status: response.status, body, card, text: card ? cardText(card) : '' };
}

/** `verb` clicked by `from` on the proposal's card, in its conversation, with the request id and `data`. */
export function actOnProposal(botUrl: string, serviceUrl: string, proposal: ProposalCard, from: TeamsUser, verb: string, data: Record<string, unknown> = {}): Promise<InvokeAnswer> {
  return invokeCard(botUrl, {
    serviceUrl,
    from,
    conversationId: proposal.conversationId,
    replyToId: proposal.cardActivityId,
    verb,
    data: { requestId: proposal.requestId, ...data },
  });
}

/** Card updates (PUT) of the message, in order, as text. */
export function updatesOf(connector: FakeConnector, activityId: string): { request: RecordedRequest; text: string }[] {
  return connector.requests
    .filter((request) => request.route === 'updateActivity' && request.activityId === activityId && request.status === 200)
    .map((request) => ({ request, text: cardText(cardsOf(request)[0] ?? {}) }));
}

export async function auditJson(botUrl: string, query = ''): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${botUrl}/api/audit?format=json${query}`, { headers: { authorization: `Bearer ${AUDIT_TOKEN}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Record<string, unknown>[];
}
