// A forwarder between the playground and the bot. The playground (0.2.28) hard-codes `locale: "en-US"` in every
// activity it sends, so a French user cannot be chosen in its UI or its config; the forwarder sets the locale
// the way Teams does for a French client (activity.locale and the clientInfo entity) and records what passed.
// It also holds a new channel post until the browser shows it (new-post-gate.ts says why).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Admission, NewPostGate } from './new-post-gate.ts';

export interface ForwardedActivity {
  type: string;
  name: string | null;
  conversationId: string | null;
  status: number;
  admission: Admission;
}

export interface BotFront {
  /** What the playground is told the bot's endpoint is. */
  readonly endpoint: string;
  readonly forwarded: readonly ForwardedActivity[];
  describe(): string;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Sets the client locale of an activity (top level and the clientInfo entity), as a Teams client in that locale would. */
export function withLocale(activity: Json, locale: string): Json {
  const entities = Array.isArray(activity.entities)
    ? activity.entities.map((entity: unknown) => (isObject(entity) && entity.type === 'clientInfo' ? { ...entity, locale } : entity))
    : activity.entities;
  return { ...activity, locale, entities };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBotFront(botMessagesUrl: string, locale: string | null, gate: NewPostGate): Promise<BotFront> {
  const forwarded: ForwardedActivity[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = await readBody(request);
    let body = text;
    let summary: Omit<ForwardedActivity, 'status' | 'admission'> = { type: '?', name: null, conversationId: null };
    let admission: Admission = 'at once';
    try {
      const parsed: unknown = JSON.parse(text);
      if (isObject(parsed)) {
        const conversation = isObject(parsed.conversation) ? parsed.conversation : {};
        summary = {
          type: String(parsed.type),
          name: typeof parsed.name === 'string' ? parsed.name : null,
          conversationId: typeof conversation.id === 'string' ? conversation.id : null,
        };
        if (locale !== null) body = JSON.stringify(withLocale(parsed, locale));
        admission = await gate.admit(parsed);
      }
    } catch {
      // Not JSON: pass it through untouched, the bot answers it.
    }
    const upstream = await fetch(botMessagesUrl, {
      method: request.method ?? 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      body: request.method === 'GET' || request.method === 'HEAD' ? null : body,
      signal: AbortSignal.timeout(30_000),
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    forwarded.push({ ...summary, status: upstream.status, admission });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(answer);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      forwarded.push({ type: 'forward-error', name: error instanceof Error ? error.message : String(error), conversationId: null, status: 502, admission: 'at once' });
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    forwarded,
    describe: () =>
      forwarded
        .map((item) => `${item.status} ${item.type}${item.name ? `/${item.name}` : ''} ${item.conversationId ?? ''}${item.admission === 'at once' ? '' : ` (${item.admission})`}`)
        .join('\n'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
