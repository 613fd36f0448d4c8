// A local stand-in for the Bot Connector service (the `serviceUrl` of an activity). It answers the routes
// botbuilder calls, records every request with its decoded body, and can fail the next N calls.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path as received (URL-encoded ids). */
  path: string;
  /** Decoded conversation id from the path, when the route has one (a new thread: the channel's id). */
  conversationId: string | null;
  /** Decoded activity id from the path (reply-to or updated activity), when the route has one. */
  activityId: string | null;
  route: ConnectorRoute;
  authorization: string | null;
  bodyText: string;
  /** Parsed JSON body, or null. */
  body: Record<string, unknown> | null;
  /** Status the fake answered with. */
  status: number;
  /** The id the fake gave a created activity (activity-N), else null. */
  responseId: string | null;
}

export type ConnectorRoute =
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getMember'
  | 'getMembers'
  | 'getPagedMembers'
  | 'createConversation'
  | 'unknown';

export interface InjectedFailure {
  status: 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
}

export interface FakeConnector {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** The next `count` calls (of `route` only, when given) answer with the given failure (then normal answers resume). */
  failNext(count: number, failure: InjectedFailure, route?: ConnectorRoute): void;
  /** The bot is not a member of this conversation (or channel): every call about it answers 403 BotNotInConversationRoster. */
  denyConversation(conversationId: string): void;
  /** Someone deleted this message: updating it answers 404 ActivityNotFoundInConversation. */
  forgetActivity(activityId: string): void;
  /** Resolves with the first recorded request (past or future) matching the predicate. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Activities the bot sent (POST send/reply, PUT update, a new channel thread), in order. */
  activities(): RecordedRequest[];
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
}

const CANNED_MEMBER = {
  id: '29:user-1',
  name: 'Alex Wilber',
  aadObjectId: '6f0e9a51-0b5f-4a8e-9c1f-1d2e3f405161',
  userPrincipalName: 'alexw@contoso.example',
  email: 'alexw@contoso.example',
  givenName: 'Alex',
  surname: 'Wilber',
  tenantId: '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2',
  userRole: 'user',
};

function matchRoute(method: string, segments: string[]): { route: ConnectorRoute; conversationId: string | null; activityId: string | null } {
  const [v3, conversations, conversation, collection, item, extra] = segments;
  const none = { conversationId: null, activityId: null };
  if (v3 !== 'v3' || conversations !== 'conversations') return { route: 'unknown', ...none };
  if (conversation === undefined) return { route: method === 'POST' ? 'createConversation' : 'unknown', ...none };
  const conversationId = decodeURIComponent(conversation);
  const activityId = item === undefined ? null : decodeURIComponent(item);
  if (collection === 'activities' && extra === undefined) {
    if (method === 'POST' && activityId === null) return { route: 'sendToConversation', conversationId, activityId };
    if (method === 'POST') return { route: 'replyToActivity', conversationId, activityId };
    if (method === 'PUT' && activityId !== null) return { route: 'updateActivity', conversationId, activityId };
    if (method === 'DELETE' && activityId !== null) return { route: 'deleteActivity', conversationId, activityId };
  }
  if (collection === 'members' && method === 'GET') return { route: activityId === null ? 'getMembers' : 'getMember', conversationId, activityId: null };
  if (collection === 'pagedmembers' && method === 'GET') return { route: 'getPagedMembers', conversationId, activityId: null };
  return { route: 'unknown', conversationId, activityId };
}

/** The channel a createConversation body starts a thread in (channelData.channel.id), or null. */
function channelOf(body: Record<string, unknown> | null): string | null {
  const channelData = body?.channelData;
  if (typeof channelData !== 'object' || channelData === null) return null;
  const channel: unknown = (channelData as { channel?: unknown }).channel;
  if (typeof channel !== 'object' || channel === null) return null;
  const id: unknown = (channel as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> | null {
  if (text === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const requests: RecordedRequest[] = [];
  const waiters: Waiter[] = [];
  const failures: { failure: InjectedFailure; route: ConnectorRoute | undefined }[] = [];
  const takeFailure = (route: ConnectorRoute): InjectedFailure | undefined => {
    const index = failures.findIndex((entry) => entry.route === undefined || entry.route === route);
    return index === -1 ? undefined : failures.splice(index, 1)[0]?.failure;
  };
  const denied = new Set<string>();
  const forgotten = new Set<string>();
  let nextId = 0;

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const bodyText = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake-connector');
      const method = req.method ?? 'GET';
      const matched = matchRoute(method, url.pathname.split('/').filter((segment) => segment !== ''));
      const { route, activityId } = matched;
      // A new thread in a channel (POST /v3/conversations) is about that channel.
      const channelOfThread = route === 'createConversation' ? channelOf(parseJson(bodyText)) : null;
      const conversationId = matched.conversationId ?? channelOfThread;
      const isDenied = conversationId !== null && denied.has(conversationId);
      const failure = isDenied ? undefined : takeFailure(route);
      let status = 200;
      let responseId: string | null = null;
      if (isDenied) {
        status = 403;
        answer(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
      } else if (failure) {
        status = failure.status;
        const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
        answer(res, status, { error: { code: status === 429 ? 'Throttled' : 'ServiceError', message: 'injected by the fake connector' } }, headers);
      } else if (route === 'sendToConversation' || route === 'replyToActivity' || route === 'createConversation') {
        nextId += 1;
        const id = `activity-${nextId}`;
        responseId = id;
        // Teams names a new channel thread "<channel>;messageid=<root message id>" and answers 201.
        if (route === 'createConversation') status = channelOfThread === null ? 200 : 201;
        if (route === 'createConversation') answer(res, status, { id: channelOfThread === null ? `conversation-${nextId}` : `${channelOfThread};messageid=${id}`, activityId: id });
        else answer(res, 200, { id });
      } else if (route === 'updateActivity' && activityId !== null && forgotten.has(activityId)) {
        status = 404;
        answer(res, 404, { error: { code: 'ActivityNotFoundInConversation', message: 'The activity was not found in the conversation.' } });
      } else if (route === 'updateActivity') {
        answer(res, 200, { id: activityId });
      } else if (route === 'deleteActivity') {
        answer(res, 200, undefined);
      } else if (route === 'getMember') {
        answer(res, 200, CANNED_MEMBER);
      } else if (route === 'getMembers') {
        answer(res, 200, [CANNED_MEMBER]);
      } else if (route === 'getPagedMembers') {
        answer(res, 200, { members: [CANNED_MEMBER] });
      } else {
        status = 404;
        answer(res, 404, { error: { code: 'NotFound', message: `no route ${method} ${url.pathname}` } });
      }
      const recorded: RecordedRequest = {
        method,
        path: url.pathname,
        conversationId,
        activityId,
        route,
        authorization: req.headers.authorization ?? null,
        bodyText,
        body: parseJson(bodyText),
        status,
        responseId,
      };
      requests.push(recorded);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(recorded)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(recorded);
        }
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, failure, route) {
      for (let i = 0; i < count; i += 1) failures.push({ failure, route });
    },
    denyConversation(conversationId) {
      denied.add(conversationId);
    },
    forgetActivity(activityId) {
      forgotten.add(activityId);
    },
    waitFor(predicate, timeoutMs = 15_000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`fake connector: no matching request within ${timeoutMs} ms (got ${requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'})`));
        }, timeoutMs);
        const waiter: Waiter = {
          predicate,
          resolve: (request) => {
            clearTimeout(timer);
            resolve(request);
          },
        };
        waiters.push(waiter);
      });
    },
    activities() {
      return requests.filter((request) => ['sendToConversation', 'replyToActivity', 'updateActivity', 'createConversation'].includes(request.route) && request.status < 300);
    },
    clear() {
      requests.length = 0;
      failures.length = 0;
      denied.clear();
      forgotten.clear();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
