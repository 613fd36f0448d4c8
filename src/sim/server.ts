// The ARM simulator's HTTP server (plain node:http): admin routes under /_sim/, everything else is
// treated as an ARM request — recorded, matched to an operation, passed through the fault rules,
// checked for a bearer token and an api-version, then answered from the simulated state.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAdminHandler, isAdminPath } from './admin.ts';
import { handleArm, hubNameFor, type ArmContext } from './arm.ts';
import { SimController, type HubView, type OperationView, type RecordedRequest } from './controller.ts';
import { defaultErrorFor, type FaultRule, type FaultSpec } from './faults.ts';
import type { HealthPatch } from './model.ts';
import { matchRoute, parseRawUrl, type SimRoute } from './routes.ts';
import type { ScenarioDefinition, ScenarioEvent, SimAvailabilityState } from './scenarios.ts';
import { armError, sendJson } from './wire.ts';

export interface ArmSimulatorOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (a free one). */
  port?: number;
  /** A built-in scenario name (default 'healthy') or a definition. */
  scenario?: string | ScenarioDefinition;
  /** Simulated seconds per real second; default 1. 0 freezes time (use advance()). */
  speed?: number;
}

export interface RequestFilter {
  route?: SimRoute;
  method?: string;
  hub?: string;
}

export interface ArmSimulatorState {
  readonly scenario: string;
  hubs(): HubView[];
  hub(name: string, subscriptionId?: string): HubView;
  events(): ScenarioEvent[];
  failovers(): OperationView[];
  faults(): FaultRule[];
}

export interface ArmSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 (use it as ARM_ENDPOINT). */
  readonly url: string;
  readonly port: number;
  /** Subscriptions of the current scenario. */
  readonly subscriptions: string[];
  /** ARM requests received so far (admin requests are not recorded). */
  readonly requests: RecordedRequest[];
  countRequests(filter?: RequestFilter): number;
  clearRequests(): void;
  readonly state: ArmSimulatorState;
  setHealth(hubName: string, health: HealthPatch | SimAvailabilityState, subscriptionId?: string): HubView;
  addEvent(event: ScenarioEvent): void;
  resolveEvent(trackingId: string): void;
  injectFault(fault: FaultSpec): FaultRule;
  removeFault(id: string): boolean;
  clearFaults(): void;
  /** Moves simulated time forward (finishes failovers whose time has come). */
  advance(seconds: number): void;
  /** Finishes a running failover now, with the scenario's outcome. */
  completeFailover(hubName: string, subscriptionId?: string): OperationView;
  loadScenario(scenario: string | ScenarioDefinition): void;
  /** Back to the scenario's start: state, faults, request log. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const bearer = /^Bearer\s+\S+/i;

function matches(entry: RecordedRequest, filter: RequestFilter): boolean {
  return (
    (filter.route === undefined || entry.route === filter.route) &&
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.hub === undefined || (entry.hub !== null && entry.hub.toLowerCase() === filter.hub.toLowerCase()))
  );
}

export async function startArmSimulator(options: ArmSimulatorOptions = {}): Promise<ArmSimulator> {
  const host = options.host ?? '127.0.0.1';
  const sim = new SimController(options.scenario, options.speed ?? 1);
  const admin = createAdminHandler(sim);
  const closing = new AbortController();
  const ctx: ArmContext = { state: sim.state, clock: sim.clock, baseUrl: '' };

  async function handleArmRequest(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = parseRawUrl(req.url ?? '/');
    ctx.state = sim.state;
    const lookup = matchRoute(method, url);
    const match = lookup.kind === 'match' ? lookup.match : null;
    const hub = match ? hubNameFor(ctx, match) : null;
    const entry = sim.record({ method, path: url.rawPath, query: url.rawQuery, route: match?.route ?? null, hub, fault: null, authorized: req.headers.authorization !== undefined });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const now = sim.clock.now();
    if (lookup.kind === 'no-route') {
      sendJson(res, 404, armError('InvalidResourceType', `The simulator does not serve '${url.path}'.`), now);
      return;
    }
    if (lookup.kind === 'method-not-allowed') {
      sendJson(res, 405, armError('MethodNotAllowed', `Use ${lookup.allowed} for '${url.path}'.`), now, { headers: { allow: lookup.allowed } });
      return;
    }
    const fault = sim.faults.take(lookup.match.route, hub);
    if (fault) {
      entry.fault = fault.action;
      if (fault.action === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.action === 'hang') return; // never answered; the socket is destroyed on close()
      if (fault.action === 'status') {
        const status = fault.status ?? 500;
        const fallback = defaultErrorFor(status);
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        sendJson(res, status, armError(fault.code ?? fallback.code, fault.message ?? fallback.message), now, { headers });
        return;
      }
      try {
        await sleep(fault.delayMs ?? 0, undefined, { signal: closing.signal });
      } catch {
        return;
      }
    }
    if (!bearer.test(req.headers.authorization ?? '')) {
      sendJson(res, 401, armError('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing or is not a bearer token."), sim.clock.now());
      return;
    }
    if ((url.query.get('api-version') ?? '') === '') {
      sendJson(res, 400, armError('MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'), sim.clock.now());
      return;
    }
    ctx.state = sim.state;
    handleArm(ctx, { match: lookup.match, url, body, res });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req).catch(() => null);
      const url = parseRawUrl(req.url ?? '/');
      if (body === null) {
        if (!res.headersSent && !req.socket.destroyed) sendJson(res, 413, armError('RequestEntityTooLarge', 'The request body is too large.'), sim.clock.now());
        return;
      }
      if (isAdminPath(url.path)) {
        admin((req.method ?? 'GET').toUpperCase(), url, body, res);
        return;
      }
      await handleArmRequest(req, res, body);
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, armError('InternalServerError', 'Simulator error.'), sim.clock.now());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.baseUrl = baseUrl;

  const state: ArmSimulatorState = {
    get scenario() {
      return sim.scenarioName;
    },
    hubs: () => sim.hubs(),
    hub: (name, subscriptionId) => sim.hub(name, subscriptionId),
    events: () => sim.events(),
    failovers: () => sim.operations(),
    faults: () => sim.faults.list(),
  };

  let closed: Promise<void> | null = null;
  return {
    url: baseUrl,
    port,
    get subscriptions() {
      return sim.subscriptions;
    },
    get requests() {
      return sim.requests();
    },
    countRequests: (filter = {}) => sim.requests().filter((entry) => matches(entry, filter)).length,
    clearRequests: () => sim.clearRequests(),
    state,
    setHealth: (hubName, health, subscriptionId) => sim.setHealth(hubName, typeof health === 'string' ? { availabilityState: health } : health, subscriptionId),
    addEvent: (event) => sim.upsertEvent(event),
    resolveEvent: (trackingId) => sim.resolveEvent(trackingId),
    injectFault: (fault) => sim.injectFault(fault),
    removeFault: (id) => sim.faults.remove(id),
    clearFaults: () => sim.faults.clear(),
    advance: (seconds) => sim.advance(seconds),
    completeFailover: (hubName, subscriptionId) => sim.completeFailover(hubName, subscriptionId),
    loadScenario: (scenario) => sim.loadScenario(scenario),
    reset: () => sim.reset(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
