// restify 12: POST /api/messages (Bot Framework), GET /healthz, GET /readyz, GET /metrics. Every answer is JSON,
// every failure a small JSON error without internals; nothing a client sends can crash the process.
// The same server, without the messages endpoint, is the operations listener (OPS_PORT): /healthz, /readyz
// and /metrics for an orchestrator's probes and Prometheus.
import { createServer } from 'restify';
import type { Request, Response, Server } from 'restify';
import { beforeDeadline } from '../core/abort.ts';
import type { Logger } from '../log.ts';
import { errorFields } from '../log.ts';
import { readJsonBody } from './body.ts';
import type { BodyResult } from './body.ts';
import { admitOperations } from './ops-access.ts';
import type { OperationsAccess } from './ops-access.ts';
import type { Readiness } from './readiness.ts';

export type { ReadinessCheck } from './readiness.ts';

/** What the HTTP layer needs from the bot: process one inbound activity, answer with a status and body. */
export interface MessagesEndpoint {
  process(input: { activity: Record<string, unknown>; authorization: string }): Promise<{ status: number; body?: unknown }>;
}

/** What a plain GET route answers (status, headers, body text). */
export interface HttpRouteAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A GET route served as is (the audit export). */
export interface HttpGetRoute {
  path: string;
  handle(request: { url: URL; authorization: string }): Promise<HttpRouteAnswer>;
}

/** A POST route that decides who may call before the body is read (the alert webhook). */
export interface HttpPostRoute {
  path: string;
  /** Largest accepted JSON body. */
  maxBytes: number;
  /** Answers the request; `readBody` reads the JSON body (once). null = the client went away, send nothing. */
  handle(request: { url: URL; authorization: string; readBody(): Promise<BodyResult | { ok: false; aborted: true }> }): Promise<HttpRouteAnswer | null>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  /** POST /api/messages. Absent = no such route (the operations listener). */
  messages?: MessagesEndpoint;
  /** GET /readyz: the shared, cached verdict (see readiness.ts). Absent = always ready. */
  readiness?: Readiness;
  /** Largest accepted activity body; Teams activities are far below this. */
  maxActivityBytes?: number;
  /** Extra GET routes (GET /api/audit). */
  routes?: readonly HttpGetRoute[];
  /** Extra POST routes (POST /api/alerts). */
  postRoutes?: readonly HttpPostRoute[];
  /** GET /metrics (Prometheus text format; see metrics.ts). Absent = no such route. */
  metrics?: (req: Request, res: Response) => Promise<void>;
  /** Who may read /readyz and /metrics here (see ops-access.ts). Default: anyone. */
  operationsAccess?: OperationsAccess;
  /** Names the listener in logs ('main', 'operations'). */
  name?: string;
}

export interface RunningHttpServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Requests currently being answered (message turns included). */
  inFlight(): number;
  /** Stops accepting, waits for in-flight requests up to graceMs, then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_MAX_ACTIVITY_BYTES = 256 * 1024;
const MAX_ACTIVITY_DEPTH = 64;

const ERROR_MESSAGES: Record<string, string> = {
  BodyTooLarge: 'The request body is too large.',
  UnsupportedMediaType: 'Send the activity as application/json (UTF-8).',
  UnsupportedContentEncoding: 'Compressed request bodies are not accepted.',
  MalformedJson: 'The request body is not valid JSON.',
  NotAnObject: 'The request body must be a JSON object (a Bot Framework activity).',
  TooDeep: 'The request body is nested too deeply.',
  EmptyBody: 'The request body is empty.',
  MissingActivityType: 'The activity has no type.',
  Unauthorized: 'Authentication failed.',
  Forbidden: 'Not allowed.',
  NotFound: 'Not found.',
  MethodNotAllowed: 'Method not allowed.',
  BadRequest: 'Bad request.',
  ShuttingDown: 'The bot is shutting down.',
  InternalError: 'Internal error.',
};

function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.sendRaw(status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
}

function sendError(res: Response, status: number, code: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message: ERROR_MESSAGES[code] ?? ERROR_MESSAGES.InternalError } }, headers);
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function errorCodeForStatus(status: number): string {
  if (status === 404) return 'NotFound';
  if (status === 405) return 'MethodNotAllowed';
  if (status === 413) return 'BodyTooLarge';
  if (status === 415) return 'UnsupportedMediaType';
  return status < 500 ? 'BadRequest' : 'InternalError';
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const logger = options.logger.child({ component: 'http', ...(options.name ? { listener: options.name } : {}) });
  const maxActivityBytes = options.maxActivityBytes ?? DEFAULT_MAX_ACTIVITY_BYTES;
  const readiness = options.readiness;
  const operationsAccess = options.operationsAccess ?? { kind: 'open' };
  // name '' keeps restify from announcing itself in a Server header.
  const server: Server = createServer({ name: '', handleUncaughtExceptions: false });
  let inFlight = 0;
  let shuttingDown = false;
  const drained: (() => void)[] = [];

  server.pre((req: Request, res: Response, next: (err?: false) => void) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const notify of drained.splice(0)) notify();
    });
    if (shuttingDown) {
      sendError(res, 503, 'ShuttingDown', { connection: 'close' });
      next(false);
      return;
    }
    next();
  });

  const messages = options.messages;
  if (messages) server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      const body = await readJsonBody(req, { maxBytes: maxActivityBytes, maxDepth: MAX_ACTIVITY_DEPTH });
      if (!body.ok) {
        if ('aborted' in body) return;
        logger.info({ status: body.status, code: body.code }, 'activity rejected');
        sendError(res, body.status, body.code, body.closeConnection ? { connection: 'close' } : {});
        return;
      }
      if (typeof body.value.type !== 'string' || body.value.type === '') {
        sendError(res, 400, 'MissingActivityType');
        return;
      }
      const result = await messages.process({ activity: body.value, authorization: headerValue(req.headers.authorization) });
      if (result.status === 401 || result.status === 403) {
        // The endpoint has logged why (one line per refusal).
        sendError(res, result.status, result.status === 401 ? 'Unauthorized' : 'Forbidden');
        return;
      }
      if (result.body === undefined) {
        res.sendRaw(result.status, '', { 'cache-control': 'no-store' });
        return;
      }
      sendJson(res, result.status, result.body);
    } catch (error) {
      logger.error({ ...errorFields(error, { withMessage: false }) }, 'activity processing failed');
      sendError(res, 500, 'InternalError');
    }
  });

  /** Serves an operations route only to whom operationsAccess admits; a refusal says nothing more. */
  const forOperations = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response): Promise<void> => {
    const admission = admitOperations(operationsAccess, headerValue(req.headers.authorization));
    if (admission === 'not-found') return sendError(res, 404, 'NotFound');
    if (admission === 'unauthorized') {
      logger.warn({ path: req.getPath(), hasAuthorization: headerValue(req.headers.authorization) !== '' }, 'operations endpoint refused: authentication failed');
      return sendError(res, 401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    }
    await handler(req, res);
  };

  if (options.metrics) server.get('/metrics', forOperations(options.metrics));

  for (const route of options.routes ?? []) {
    server.get(route.path, async (req: Request, res: Response) => {
      try {
        const answer = await route.handle({ url: new URL(req.url ?? '/', 'http://localhost'), authorization: headerValue(req.headers.authorization) });
        if (!res.headersSent) res.sendRaw(answer.status, answer.body, { 'cache-control': 'no-store', ...answer.headers });
      } catch (error) {
        logger.error({ path: route.path, ...errorFields(error, { withMessage: false }) }, 'request failed');
        sendError(res, 500, 'InternalError');
      }
    });
  }

  for (const route of options.postRoutes ?? []) {
    server.post(route.path, async (req: Request, res: Response) => {
      let bodyRead = false;
      try {
        const answer = await route.handle({
          url: new URL(req.url ?? '/', 'http://localhost'),
          authorization: headerValue(req.headers.authorization),
          readBody: () => {
            bodyRead = true;
            return readJsonBody(req, { maxBytes: route.maxBytes, maxDepth: MAX_ACTIVITY_DEPTH });
          },
        });
        if (answer === null) return;
        // Answered without reading the body (refused): discard it and do not reuse the connection.
        const close: Record<string, string> = bodyRead ? {} : { connection: 'close' };
        if (!bodyRead) req.resume();
        if (!res.headersSent) res.sendRaw(answer.status, answer.body, { 'cache-control': 'no-store', ...answer.headers, ...close });
      } catch (error) {
        logger.error({ path: route.path, ...errorFields(error, { withMessage: false }) }, 'request failed');
        sendError(res, 500, 'InternalError');
      }
    });
  }

  server.get('/healthz', async (_req: Request, res: Response) => {
    sendJson(res, 200, { status: 'ok' });
  });

  server.get(
    '/readyz',
    forOperations(async (_req: Request, res: Response) => {
      const report = readiness ? await readiness.report() : { ready: true, checks: {} };
      const ready = !shuttingDown && report.ready;
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', checks: report.checks });
    }),
  );

  // restify's own errors (unknown route, wrong method, a handler that gave up): our JSON shape, no internals.
  server.on('restifyError', (_req: Request, res: Response, err: Error & { statusCode?: number }, done: () => void) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) logger.error({ ...errorFields(err) }, 'request failed');
    sendError(res, status, errorCodeForStatus(status));
    done();
  });

  const http = server.server;
  http.requestTimeout = 30_000;
  http.headersTimeout = 15_000;
  http.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, rejectListen) => {
    const onError = (error: Error): void => rejectListen(error);
    http.once('error', onError);
    server.listen(options.port, options.host, () => {
      http.off('error', onError);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  logger.info({ host: options.host, port }, 'http server listening');

  return {
    host: options.host,
    port,
    url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${port}`,
    inFlight: () => inFlight,
    async close(graceMs = 10_000): Promise<void> {
      if (shuttingDown) return;
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      if (inFlight > 0) {
        logger.info({ inFlight, graceMs }, 'waiting for in-flight requests');
        await beforeDeadline(new Promise<void>((resolve) => drained.push(resolve)), AbortSignal.timeout(graceMs), () => undefined);
        if (inFlight > 0) logger.warn({ inFlight }, 'grace period over, closing remaining connections');
      }
      http.closeAllConnections();
      await closed;
      logger.info('http server closed');
    },
  };
}
