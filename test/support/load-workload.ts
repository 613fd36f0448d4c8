// A mixed Teams workload for the load test (test/e2e/load.test.ts) and the soak (scripts/soak.ts): many
// conversations at once, each a sequence of turns as people send them (pastes naming a hub in an outage or a
// healthy one, pastes naming none, help, health <hub>, nothing recognisable, French, re-deliveries, card
// clicks), then a check that every activity got exactly the answer it should, and nothing else arrived.
import { randomUUID } from 'node:crypto';
import { uiStrings } from '#src/i18n/index.ts';
import { invoke, message, postActivity } from './activities.ts';
import type { ConversationKind } from './activities.ts';
import { cardText, cardsOf } from './cards.ts';
import type { FakeConnector, RecordedRequest } from './fake-connector.ts';
import { isChecking } from './replies.ts';

const en = uiStrings('en');
const fr = uiStrings('fr');

export type TurnKind =
  | 'paste-outage-hub'
  | 'paste-healthy-hub'
  | 'paste-no-hub'
  | 'paste-device-offline'
  | 'help'
  | 'help-fr'
  | 'health-hub'
  | 'nothing'
  | 'redelivery'
  | 'card-action';

const ROTATION: readonly TurnKind[] = [
  'paste-outage-hub',
  'help',
  'paste-healthy-hub',
  'health-hub',
  'nothing',
  'paste-no-hub',
  'card-action',
  'paste-device-offline',
  'help-fr',
  'redelivery',
];

/** What a reply must contain (card text, markdown escapes undone), per kind; null: no connector reply expected. */
const EXPECTED: Readonly<Record<TurnKind, readonly string[] | null>> = {
  'paste-outage-hub': ['500001', en.health.states.Unavailable],
  'paste-healthy-hub': ['500001', en.health.states.Available],
  'paste-no-hub': ['503003'],
  'paste-device-offline': ['404103'],
  help: [en.help.intro],
  'help-fr': [fr.help.intro],
  'health-hub': [en.health.cardTitle, en.health.states.Available],
  nothing: [en.nothing.title],
  redelivery: [en.help.intro],
  'card-action': null,
};

function paste(kind: TurnKind, unique: string): string {
  switch (kind) {
    case 'paste-outage-hub':
      return `Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {"Message":"ErrorCode:ServerError;Internal server error.","ExceptionMessage":"Tracking ID:${unique}-G:4"}\niothub-errorcode: ServerError 500001\nHostName: contoso-iot.azure-devices.net`;
    case 'paste-healthy-hub':
      return `{"errorCode":500001,"message":"ServerError","trackingId":"${unique}"}\nhost contoso-iot-eu.azure-devices.net`;
    case 'paste-no-hub':
      return `{"errorCode":503003,"message":"PartitionNotFound","trackingId":"${unique}"}`;
    case 'paste-device-offline':
      return `{"errorCode":404103,"message":"DeviceNotOnline","trackingId":"${unique}"} device thermostat-${unique.slice(0, 6)}`;
    case 'health-hub':
      return 'health contoso-iot-eu';
    case 'nothing':
      return `the coffee machine on floor ${unique.slice(0, 4)} is broken again`;
    default:
      return 'help';
  }
}

export interface PlannedTurn {
  kind: TurnKind;
  activity: Record<string, unknown>;
  activityId: string;
  /** The activity is posted twice (Teams re-delivery): still exactly one reply. */
  postTwice: boolean;
}

export interface ConversationPlan {
  index: number;
  kind: ConversationKind;
  conversationId: string;
  users: { id: string; name: string; aadObjectId: string }[];
}

export function planConversation(index: number, usersPerConversation: number): ConversationPlan {
  const kinds: ConversationKind[] = ['personal', 'groupChat', 'channel'];
  const kind = kinds[index % kinds.length] ?? 'personal';
  const conversationId =
    kind === 'personal' ? `a:1load-${index}-${randomUUID()}` : kind === 'groupChat' ? `19:load-${index}-${randomUUID()}@thread.v2` : `19:load-channel@thread.tacv2;messageid=load-${index}-${randomUUID()}`;
  const users = Array.from({ length: kind === 'personal' ? 1 : usersPerConversation }, (_, n) => {
    const aadObjectId = randomUUID();
    return { id: `29:load-${index}-${n}`, name: `Load User ${index}.${n}`, aadObjectId };
  });
  return { index, kind, conversationId, users };
}

/** The n-th turn of a conversation (kinds rotate, offset per conversation so all kinds run at once). */
export function planTurn(conversation: ConversationPlan, n: number, serviceUrl: string): PlannedTurn {
  const kind = ROTATION[(n + conversation.index) % ROTATION.length] ?? 'help';
  const user = conversation.users[n % conversation.users.length] ?? conversation.users[0];
  const unique = randomUUID().replace(/-/g, '');
  if (kind === 'card-action') {
    const activity = invoke({
      serviceUrl,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'card.refresh', data: { requestId: unique } }, trigger: 'manual' },
      conversationId: conversation.conversationId,
    });
    if (user) activity.from = { ...user };
    return { kind, activity, activityId: String(activity.id), postTwice: false };
  }
  const built = message({
    serviceUrl,
    kind: conversation.kind,
    text: paste(kind, unique),
    locale: kind === 'help-fr' ? 'fr-FR' : 'en-US',
    id: `load-${conversation.index}-${n}-${unique.slice(0, 8)}`,
    conversationId: conversation.conversationId,
  });
  if (user) built.activity.from = { ...user };
  return { kind, activity: built.activity, activityId: built.activityId, postTwice: kind === 'redelivery' };
}

export interface TurnResult {
  kind: TurnKind;
  activityId: string;
  statuses: number[];
  /** Milliseconds from POST to HTTP answer (the reply is sent within the turn). */
  latencyMs: number;
  /** Problems with the HTTP answer itself (card actions answer in the body). */
  problem: string | null;
}

async function postTurn(botUrl: string, turn: PlannedTurn): Promise<TurnResult> {
  const started = performance.now();
  const statuses: number[] = [];
  let problem: string | null = null;
  for (let i = 0; i < (turn.postTwice ? 2 : 1); i += 1) {
    try {
      const response = await postActivity(botUrl, turn.activity);
      statuses.push(response.status);
      if (turn.kind === 'card-action' && response.status === 200) {
        const body = JSON.parse(response.text) as { statusCode?: unknown };
        if (body.statusCode !== 200) problem = `invoke answered with body statusCode ${String(body.statusCode)}`;
      }
    } catch (error) {
      statuses.push(0);
      problem = `POST failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { kind: turn.kind, activityId: turn.activityId, statuses, latencyMs: performance.now() - started, problem };
}

/** Runs one conversation: `turns` turns one after the other (or until `until`, a performance.now() deadline). */
export async function runConversation(
  botUrl: string,
  serviceUrl: string,
  conversation: ConversationPlan,
  limit: { turns: number } | { until: number },
  onTurn?: (result: TurnResult) => void,
): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  for (let n = 0; 'turns' in limit ? n < limit.turns : performance.now() < limit.until; n += 1) {
    const result = await postTurn(botUrl, planTurn(conversation, n, serviceUrl));
    results.push(result);
    onTurn?.(result);
  }
  return results;
}

export interface LoadCheck {
  turns: number;
  posts: number;
  serverErrors: number;
  /** Activities that got no reply at the connector. */
  lost: string[];
  /** Activities answered more than once. */
  duplicated: string[];
  /** Replies without the content their kind calls for. */
  wrong: string[];
  /** HTTP-level problems (a POST that failed, an invoke body not 200). */
  problems: string[];
  /** Connector requests that belong to no activity of the run. */
  strays: number;
}

function replyText(request: RecordedRequest): string {
  const cards = cardsOf(request);
  return cards.length > 0 ? cards.map((card) => cardText(card)).join('\n') : typeof request.body?.text === 'string' ? request.body.text : '';
}

/** Compares what the connector received with what every turn should have produced. */
export function checkReplies(results: readonly TurnResult[], connector: FakeConnector): LoadCheck {
  const replies = new Map<string, RecordedRequest[]>();
  const updates = new Map<string, RecordedRequest[]>();
  for (const request of connector.requests) {
    if (request.activityId === null || request.status !== 200) continue;
    if (request.route === 'replyToActivity') replies.set(request.activityId, [...(replies.get(request.activityId) ?? []), request]);
    if (request.route === 'updateActivity') updates.set(request.activityId, [...(updates.get(request.activityId) ?? []), request]);
  }
  const check: LoadCheck = { turns: results.length, posts: 0, serverErrors: 0, lost: [], duplicated: [], wrong: [], problems: [], strays: 0 };
  const known = new Set<string>();
  for (const result of results) {
    known.add(result.activityId);
    check.posts += result.statuses.length;
    check.serverErrors += result.statuses.filter((status) => status >= 500).length;
    if (result.problem !== null) check.problems.push(`${result.kind} ${result.activityId}: ${result.problem}`);
    const expected = EXPECTED[result.kind];
    const got = (replies.get(result.activityId) ?? []).filter((request) => request.status === 200);
    if (expected === null) {
      if (got.length > 0) check.duplicated.push(`${result.kind} ${result.activityId}: an invoke got a connector reply`);
      continue;
    }
    if (got.length === 0) check.lost.push(`${result.kind} ${result.activityId}`);
    else if (got.length > 1) check.duplicated.push(`${result.kind} ${result.activityId} (${got.length} replies)`);
    const [posted] = got;
    // A card sent before the hub's health answered is completed in place, once: the update is the answer.
    const completions = posted && isChecking(posted) ? (updates.get(String(posted.responseId)) ?? []) : [];
    if (posted && isChecking(posted) && completions.length !== 1) {
      (completions.length === 0 ? check.lost : check.duplicated).push(`${result.kind} ${result.activityId} (${completions.length} updates in place)`);
    }
    const reply = completions[0] ?? posted;
    if (reply) {
      const text = replyText(reply);
      const missing = expected.filter((needle) => !text.includes(needle));
      if (missing.length > 0) check.wrong.push(`${result.kind} ${result.activityId}: missing ${missing.join(' | ')}`);
    }
  }
  for (const activityId of replies.keys()) if (!known.has(activityId)) check.strays += 1;
  return check;
}

/** p-th percentile (0-100) of a list of numbers, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
