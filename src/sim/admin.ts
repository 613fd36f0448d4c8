// HTTP admin endpoint under /_sim/: lets tests and demos script an incident while the simulator runs.
// No authentication: the simulator listens on loopback only and holds no real data.
import type { ServerResponse } from 'node:http';
import type { SimController } from './controller.ts';
import { SimulatorInputError } from './controller.ts';
import { parseFaultSpec } from './faults.ts';
import type { HealthPatch } from './model.ts';
import type { ParsedUrl } from './routes.ts';
import { ScenarioError, parseScenario, parseScenarioEvent } from './scenario-file.ts';
import type { SimAvailabilityState } from './scenarios.ts';

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SimulatorInputError('the request body is not valid JSON');
  }
  if (!isRecord(parsed)) throw new SimulatorInputError('the request body must be a JSON object');
  return parsed;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SimulatorInputError(`${key} must be a string`);
  return value;
}

const states: readonly SimAvailabilityState[] = ['Available', 'Unavailable', 'Degraded', 'Unknown'];

function parseHealthPatch(body: Record<string, unknown>): HealthPatch {
  const state = states.find((candidate) => candidate === body['availabilityState']);
  if (!state) throw new SimulatorInputError(`availabilityState must be one of ${states.join(', ')}`);
  const patch: HealthPatch = { availabilityState: state };
  for (const key of ['title', 'summary', 'detailedStatus', 'reasonType'] as const) {
    const value = optionalString(body, key);
    if (value !== undefined) patch[key] = value;
  }
  return patch;
}

type Handler = (params: string[], body: Record<string, unknown>, query: ParsedUrl['query']) => [number, unknown];

interface AdminRoute {
  method: string;
  pattern: RegExp;
  handle: Handler;
}

function routes(sim: SimController): AdminRoute[] {
  const subscriptionOf = (body: Record<string, unknown>, query: ParsedUrl['query']): string | undefined => optionalString(body, 'subscriptionId') ?? query.get('subscription');
  return [
    { method: 'GET', pattern: /^\/_sim\/requests$/, handle: () => [200, { requests: sim.requests() }] },
    { method: 'DELETE', pattern: /^\/_sim\/requests$/, handle: () => (sim.clearRequests(), [200, { cleared: true }]) },
    { method: 'POST', pattern: /^\/_sim\/reset$/, handle: () => (sim.reset(), [200, { scenario: sim.scenarioName }]) },
    { method: 'GET', pattern: /^\/_sim\/scenario$/, handle: () => [200, { scenario: sim.scenarioName, subscriptions: sim.subscriptions }] },
    {
      method: 'POST',
      pattern: /^\/_sim\/scenario$/,
      handle: (_params, body) => {
        const name = optionalString(body, 'name');
        const definition = body['scenario'];
        if (definition !== undefined) sim.loadScenario(parseScenario(definition));
        else if (name !== undefined) sim.loadScenario(name);
        else throw new SimulatorInputError('give {"name": "<built-in scenario>"} or {"scenario": {…}}');
        return [200, { scenario: sim.scenarioName, subscriptions: sim.subscriptions }];
      },
    },
    { method: 'GET', pattern: /^\/_sim\/hubs$/, handle: () => [200, { scenario: sim.scenarioName, subscriptions: sim.subscriptions, hubs: sim.hubs() }] },
    { method: 'GET', pattern: /^\/_sim\/hubs\/([^/]+)$/, handle: ([name = ''], body, query) => [200, sim.hub(name, subscriptionOf(body, query))] },
    {
      method: 'POST',
      pattern: /^\/_sim\/hubs\/([^/]+)\/health$/,
      handle: ([name = ''], body, query) => [200, sim.setHealth(name, parseHealthPatch(body), subscriptionOf(body, query))],
    },
    {
      method: 'POST',
      pattern: /^\/_sim\/hubs\/([^/]+)\/failover\/complete$/,
      handle: ([name = ''], body, query) => [200, sim.completeFailover(name, subscriptionOf(body, query))],
    },
    { method: 'GET', pattern: /^\/_sim\/failovers$/, handle: () => [200, { failovers: sim.operations() }] },
    { method: 'GET', pattern: /^\/_sim\/events$/, handle: () => [200, { events: sim.events() }] },
    {
      method: 'POST',
      pattern: /^\/_sim\/events$/,
      handle: (_params, body) => {
        const event = parseScenarioEvent(body);
        sim.upsertEvent(event);
        return [200, { event }];
      },
    },
    { method: 'POST', pattern: /^\/_sim\/events\/([^/]+)\/resolve$/, handle: ([trackingId = '']) => (sim.resolveEvent(trackingId), [200, { resolved: trackingId }]) },
    { method: 'GET', pattern: /^\/_sim\/faults$/, handle: () => [200, { faults: sim.faults.list() }] },
    {
      method: 'POST',
      pattern: /^\/_sim\/faults$/,
      handle: (_params, body) => {
        const parsed = parseFaultSpec(body);
        if (!parsed.ok) throw new SimulatorInputError(parsed.error);
        return [201, { fault: sim.injectFault(parsed.spec) }];
      },
    },
    { method: 'DELETE', pattern: /^\/_sim\/faults$/, handle: () => (sim.faults.clear(), [200, { cleared: true }]) },
    {
      method: 'DELETE',
      pattern: /^\/_sim\/faults\/([^/]+)$/,
      handle: ([id = '']) => {
        if (!sim.faults.remove(id)) throw new SimulatorInputError(`no fault '${id}'`, 404);
        return [200, { removed: id }];
      },
    },
    {
      method: 'POST',
      pattern: /^\/_sim\/clock\/advance$/,
      handle: (_params, body) => {
        const seconds = body['seconds'];
        if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) throw new SimulatorInputError('seconds must be a number >= 0');
        sim.advance(seconds);
        return [200, { now: new Date(sim.clock.now()).toISOString() }];
      },
    },
  ];
}

export function isAdminPath(path: string): boolean {
  return path === '/_sim' || path.startsWith('/_sim/');
}

export function createAdminHandler(sim: SimController): (method: string, url: ParsedUrl, body: string, res: ServerResponse) => void {
  const table = routes(sim);
  return (method, url, body, res) => {
    const path = url.path.replace(/\/+$/, '');
    let methodMismatch = false;
    for (const route of table) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      try {
        const params = found.slice(1).map((value) => decodeURIComponent(value ?? ''));
        const [status, payload] = route.handle(params, parseBody(body), url.query);
        send(res, status, payload);
      } catch (error) {
        if (error instanceof SimulatorInputError) send(res, error.statusCode, { error: error.message });
        else if (error instanceof ScenarioError) send(res, 400, { error: error.message });
        else send(res, 500, { error: 'simulator error' });
      }
      return;
    }
    send(res, methodMismatch ? 405 : 404, { error: methodMismatch ? 'method not allowed' : `no admin route ${path}` });
  };
}
