// Closed-loop load: N workers, each one turn at a time — POST a message activity to /api/messages, then
// wait for both the HTTP answer and the bot's reply at the connector. Bounded by a turn count and a
// deadline, whichever comes first. The same generator drives every bot, so results compare side by side.
import { Agent, request } from 'node:http';
import type { BenchConnector, ReplyInfo } from './connector.ts';
import { percentile } from './stats.ts';

export interface TurnSpec {
  /** Conversation the activity belongs to (the reply goes there). */
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

export type TurnFactory = (turn: number, serviceUrl: string) => TurnSpec;

export interface LoadOptions {
  /** Bot base URL, e.g. http://127.0.0.1:3978 */
  botUrl: string;
  connector: BenchConnector;
  concurrency: number;
  maxTurns: number;
  maxSeconds: number;
  makeTurn: TurnFactory;
  /** A turn whose reply has not arrived after this counts as lost. */
  turnTimeoutMs?: number;
  /** First turn number (so successive runs use fresh activity ids). */
  firstTurn?: number;
}

export interface LoadResult {
  concurrency: number;
  turns: number;
  completed: number;
  /** HTTP status other than 2xx, or a transport error. */
  failed: number;
  /** HTTP 2xx but no reply at the connector within the timeout. */
  lost: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  /** Completed turns per second. */
  throughput: number;
  /** Turn latency = POST start → HTTP answer received AND reply received at the connector (the later). */
  p50Ms: number;
  p99Ms: number;
  /** POST start → HTTP answer only. */
  httpP50Ms: number;
  repliesWithAttachment: number;
  nextTurn: number;
  /** Raw turn latencies and HTTP-answer latencies (ms), kept so that runs can be merged. */
  latencies: number[];
  httpLatencies: number[];
}

/** Several runs of the same bot at the same concurrency, taken as one (throughput over their summed time). */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const first = results[0];
  if (!first) throw new Error('mergeResults: no results');
  const latencies = results.flatMap((result) => result.latencies);
  const httpLatencies = results.flatMap((result) => result.httpLatencies);
  const statuses: Record<string, number> = {};
  for (const result of results) for (const [status, count] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const sum = (pick: (result: LoadResult) => number): number => results.reduce((total, result) => total + pick(result), 0);
  const elapsedMs = sum((result) => result.elapsedMs);
  return {
    concurrency: first.concurrency,
    turns: sum((result) => result.turns),
    completed: latencies.length,
    failed: sum((result) => result.failed),
    lost: sum((result) => result.lost),
    statuses,
    elapsedMs,
    throughput: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    httpP50Ms: percentile(httpLatencies, 50),
    repliesWithAttachment: sum((result) => result.repliesWithAttachment),
    nextTurn: Math.max(...results.map((result) => result.nextTurn)),
    latencies,
    httpLatencies,
  };
}

function post(agent: Agent, url: URL, body: Buffer): Promise<{ status: number; at: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: '/api/messages',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, at: performance.now() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const turnTimeoutMs = options.turnTimeoutMs ?? 20_000;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  const url = new URL(options.botUrl);
  const latencies: number[] = [];
  const httpLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  let failed = 0;
  let lost = 0;
  let withAttachment = 0;
  const firstTurn = options.firstTurn ?? 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;

  const worker = async (): Promise<void> => {
    while (issued < options.maxTurns && performance.now() < deadline) {
      const turn = firstTurn + issued;
      issued += 1;
      const spec = options.makeTurn(turn, options.connector.url);
      const body = Buffer.from(JSON.stringify(spec.activity));
      const begin = performance.now();
      const reply: Promise<ReplyInfo> = options.connector.expectReply(spec.conversationId, spec.activityId, turnTimeoutMs);
      // A failed POST leaves the reply promise to time out: it must not become an unhandled rejection.
      reply.catch(() => undefined);
      let answer: { status: number; at: number };
      try {
        answer = await post(agent, url, body);
      } catch {
        statuses.error = (statuses.error ?? 0) + 1;
        failed += 1;
        continue;
      }
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      if (answer.status < 200 || answer.status >= 300) {
        failed += 1;
        continue;
      }
      try {
        const info = await reply;
        if (info.hasAttachment) withAttachment += 1;
        latencies.push(Math.max(answer.at, info.at) - begin);
        httpLatencies.push(answer.at - begin);
      } catch {
        lost += 1;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  return {
    concurrency: options.concurrency,
    turns: issued,
    completed: latencies.length,
    failed,
    lost,
    statuses,
    elapsedMs,
    throughput: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    httpP50Ms: percentile(httpLatencies, 50),
    repliesWithAttachment: withAttachment,
    nextTurn: firstTurn + issued,
    latencies,
    httpLatencies,
  };
}
