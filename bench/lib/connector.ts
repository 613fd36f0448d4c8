// A minimal Bot Connector stand-in for load: answers the routes botbuilder calls, and tells the load
// generator the moment a turn's reply arrives. Unlike test/support/fake-connector.ts it keeps no
// request log (a 10,000-turn run would grow it) and finds the waiting turn in O(1).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplyInfo {
  /** performance.now() when the reply's body had arrived. */
  at: number;
  /** The reply carries at least one attachment (an Adaptive Card for the real bot). */
  hasAttachment: boolean;
  bodyText: string;
}

export interface BenchConnector {
  readonly url: string;
  /** Resolves when a message activity answering `activityId` (or, lacking a reply-to id, any message of the conversation) arrives. */
  expectReply(conversationId: string, activityId: string, timeoutMs: number): Promise<ReplyInfo>;
  readonly counts: { messages: number; typing: number; updates: number; other: number; unmatched: number; connections: number };
  /** The latest reply with an attachment (a card), for a sanity look at what the real bot answers. */
  latestCard(): string | null;
  close(): Promise<void>;
}

interface Waiter {
  key: string;
  conversationId: string;
  resolve: (info: ReplyInfo) => void;
}

const CANNED_MEMBER = { id: '29:bench-user', name: 'Bench User', aadObjectId: '00000000-0000-4000-8000-000000000001', userRole: 'user' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

export async function startBenchConnector(): Promise<BenchConnector> {
  const byActivity = new Map<string, Waiter>();
  const byConversation = new Map<string, Set<Waiter>>();
  const counts = { messages: 0, typing: 0, updates: 0, other: 0, unmatched: 0, connections: 0 };
  let latestCard: string | null = null;
  let nextId = 0;

  const settle = (waiter: Waiter): void => {
    byActivity.delete(waiter.key);
    const set = byConversation.get(waiter.conversationId);
    set?.delete(waiter);
    if (set?.size === 0) byConversation.delete(waiter.conversationId);
  };

  const onMessage = (conversationId: string, replyToId: string | null, info: ReplyInfo): void => {
    counts.messages += 1;
    if (info.hasAttachment) latestCard = info.bodyText;
    if (replyToId !== null) {
      const key = `${conversationId}\n${replyToId}`;
      const waiter = byActivity.get(key);
      if (waiter) {
        settle(waiter);
        waiter.resolve(info);
        return;
      }
    }
    const candidates = byConversation.get(conversationId);
    const first = candidates?.values().next().value;
    if (replyToId === null && first) {
      settle(first);
      first.resolve(info);
      return;
    }
    counts.unmatched += 1;
  };

  const server = createServer((req, res) => {
    void readBody(req).then(
      (bodyText) => {
        const at = performance.now();
        const method = req.method ?? 'GET';
        const segments = (req.url ?? '/').split('?')[0]?.split('/').filter((segment) => segment !== '') ?? [];
        const [v3, conversations, conversation, collection, item] = segments;
        if (v3 !== 'v3' || conversations !== 'conversations' || conversation === undefined) {
          counts.other += 1;
          send(res, 404, { error: { code: 'NotFound', message: 'bench connector: unknown route' } });
          return;
        }
        const conversationId = decodeURIComponent(conversation);
        if (collection === 'activities' && method === 'POST') {
          const body = parseObject(bodyText);
          nextId += 1;
          send(res, 200, { id: `bench-${nextId}` });
          if (body.type === 'typing') {
            counts.typing += 1;
            return;
          }
          if (body.type !== undefined && body.type !== 'message') {
            counts.other += 1;
            return;
          }
          const replyToId = item !== undefined ? decodeURIComponent(item) : typeof body.replyToId === 'string' ? body.replyToId : null;
          const attachments = body.attachments;
          onMessage(conversationId, replyToId, { at, hasAttachment: Array.isArray(attachments) && attachments.length > 0, bodyText });
          return;
        }
        if (collection === 'activities' && method === 'PUT') {
          counts.updates += 1;
          send(res, 200, { id: item === undefined ? '' : decodeURIComponent(item) });
          return;
        }
        if (collection === 'members' && method === 'GET') {
          send(res, 200, item === undefined ? [CANNED_MEMBER] : CANNED_MEMBER);
          return;
        }
        counts.other += 1;
        send(res, 200, {});
      },
      () => {
        if (!res.headersSent) send(res, 400, { error: { code: 'BadRequest', message: 'unreadable body' } });
      },
    );
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', () => {
    counts.connections += 1;
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    latestCard: () => latestCard,
    expectReply(conversationId, activityId, timeoutMs) {
      const key = `${conversationId}\n${activityId}`;
      return new Promise<ReplyInfo>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle(waiter);
          reject(new Error(`no reply within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter = {
          key,
          conversationId,
          resolve: (info) => {
            clearTimeout(timer);
            resolve(info);
          },
        };
        byActivity.set(key, waiter);
        let set = byConversation.get(conversationId);
        if (!set) {
          set = new Set();
          byConversation.set(conversationId, set);
        }
        set.add(waiter);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
