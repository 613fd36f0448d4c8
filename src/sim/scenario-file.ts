// Scenario JSON files: read, validate (with messages that name the bad field) and turn into a
// ScenarioDefinition. Also resolves `--scenario name` against the built-in ones.
import { readFile } from 'node:fs/promises';
import { parseFaultSpec, type FaultSpec } from './faults.ts';
import {
  BUILT_IN_SCENARIOS,
  builtInScenario,
  type FailoverBehaviour,
  type ScenarioDefinition,
  type ScenarioEvent,
  type ScenarioHealth,
  type ScenarioHub,
  type SimAvailabilityState,
} from './scenarios.ts';

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, what: string): never {
  throw new ScenarioError(`${where}: ${what}`);
}

function text(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value.trim() === '') fail(`${where}.${key}`, 'must be a non-empty string');
  return value;
}

function optionalText(object: Json, key: string, where: string): string | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`${where}.${key}`, 'must be a string');
  return value;
}

function optionalNumber(object: Json, key: string, where: string, min = 0): number | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) fail(`${where}.${key}`, `must be a number >= ${min}`);
  return value;
}

function list(object: Json, key: string, where: string): unknown[] {
  const value = object[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${where}.${key}`, 'must be an array');
  return value;
}

const availabilityStates: readonly SimAvailabilityState[] = ['Available', 'Unavailable', 'Degraded', 'Unknown'];

function parseHealth(value: unknown, where: string): ScenarioHealth {
  if (!isRecord(value)) fail(where, 'must be an object');
  const state = value['availabilityState'];
  if (!availabilityStates.includes(state as SimAvailabilityState)) fail(`${where}.availabilityState`, `must be one of ${availabilityStates.join(', ')}`);
  const health: ScenarioHealth = { availabilityState: state as SimAvailabilityState };
  for (const key of ['title', 'summary', 'detailedStatus', 'reasonType'] as const) {
    const field = optionalText(value, key, where);
    if (field !== undefined) health[key] = field;
  }
  const since = optionalNumber(value, 'sinceMinutesAgo', where);
  if (since !== undefined) health.sinceMinutesAgo = since;
  const resolved = value['recentlyResolved'];
  if (resolved !== undefined) {
    if (!isRecord(resolved)) fail(`${where}.recentlyResolved`, 'must be an object');
    health.recentlyResolved = {
      unavailableMinutesAgo: optionalNumber(resolved, 'unavailableMinutesAgo', `${where}.recentlyResolved`) ?? 60,
      resolvedMinutesAgo: optionalNumber(resolved, 'resolvedMinutesAgo', `${where}.recentlyResolved`) ?? 5,
      summary: optionalText(resolved, 'summary', `${where}.recentlyResolved`) ?? '',
    };
  }
  return health;
}

function parseFailover(value: unknown, where: string): Partial<FailoverBehaviour> {
  if (!isRecord(value)) fail(where, 'must be an object');
  const failover: Partial<FailoverBehaviour> = {};
  const duration = optionalNumber(value, 'durationSeconds', where);
  if (duration !== undefined) failover.durationSeconds = duration;
  const retryAfter = optionalNumber(value, 'pollRetryAfterSeconds', where);
  if (retryAfter !== undefined) failover.pollRetryAfterSeconds = retryAfter;
  const gap = optionalNumber(value, 'minSecondsBetweenFailovers', where);
  if (gap !== undefined) failover.minSecondsBetweenFailovers = gap;
  const outcome = value['outcome'];
  if (outcome !== undefined) {
    if (outcome !== 'succeeded' && outcome !== 'failed') fail(`${where}.outcome`, "must be 'succeeded' or 'failed'");
    failover.outcome = outcome;
  }
  const error = value['error'];
  if (error !== undefined) {
    if (!isRecord(error)) fail(`${where}.error`, 'must be an object');
    failover.error = { code: text(error, 'code', `${where}.error`), message: text(error, 'message', `${where}.error`) };
  }
  return failover;
}

const hubNamePattern = /^[A-Za-z0-9-]{3,50}$/;

function parseHub(value: unknown, where: string): ScenarioHub {
  if (!isRecord(value)) fail(where, 'must be an object');
  const name = text(value, 'name', where);
  if (!hubNamePattern.test(name)) fail(`${where}.name`, 'must be 3-50 letters, digits or hyphens');
  const hub: ScenarioHub = {
    subscriptionId: text(value, 'subscriptionId', where),
    resourceGroup: text(value, 'resourceGroup', where),
    name,
    primaryLocation: text(value, 'primaryLocation', where),
  };
  const secondary = value['secondaryLocation'];
  if (secondary !== undefined && secondary !== null && typeof secondary !== 'string') fail(`${where}.secondaryLocation`, 'must be a string or null');
  if (secondary !== undefined) hub.secondaryLocation = secondary;
  const residency = value['enableDataResidency'];
  if (residency !== undefined) {
    if (typeof residency !== 'boolean') fail(`${where}.enableDataResidency`, 'must be true or false');
    hub.enableDataResidency = residency;
  }
  const hostName = optionalText(value, 'hostName', where);
  if (hostName !== undefined) hub.hostName = hostName;
  const state = optionalText(value, 'state', where);
  if (state !== undefined) hub.state = state;
  const sku = value['sku'];
  if (sku !== undefined) {
    if (!isRecord(sku)) fail(`${where}.sku`, 'must be an object');
    hub.sku = { name: text(sku, 'name', `${where}.sku`), tier: text(sku, 'tier', `${where}.sku`), capacity: optionalNumber(sku, 'capacity', `${where}.sku`, 1) ?? 1 };
  }
  const tags = value['tags'];
  if (tags !== undefined) {
    if (!isRecord(tags) || !Object.values(tags).every((tag) => typeof tag === 'string')) fail(`${where}.tags`, 'must map names to strings');
    hub.tags = tags as Record<string, string>;
  }
  if (value['health'] !== undefined) hub.health = parseHealth(value['health'], `${where}.health`);
  if (value['failover'] !== undefined) hub.failover = parseFailover(value['failover'], `${where}.failover`);
  return hub;
}

const eventTypes = ['ServiceIssue', 'PlannedMaintenance', 'HealthAdvisory', 'RCA', 'EmergingIssues', 'SecurityAdvisory'] as const;

export function parseScenarioEvent(value: unknown, where = 'event'): ScenarioEvent {
  if (!isRecord(value)) fail(where, 'must be an object');
  const regions = list(value, 'regions', where);
  if (regions.length === 0 || !regions.every((region) => typeof region === 'string')) fail(`${where}.regions`, 'must be a non-empty array of region names');
  const event: ScenarioEvent = { trackingId: text(value, 'trackingId', where), title: text(value, 'title', where), regions: regions as string[] };
  const summary = optionalText(value, 'summary', where);
  if (summary !== undefined) event.summary = summary;
  const service = optionalText(value, 'service', where);
  if (service !== undefined) event.service = service;
  const eventType = value['eventType'];
  if (eventType !== undefined) {
    const known = eventTypes.find((type) => type === eventType);
    if (!known) fail(`${where}.eventType`, `must be one of ${eventTypes.join(', ')}`);
    event.eventType = known;
  }
  const status = value['status'];
  if (status !== undefined) {
    if (status !== 'Active' && status !== 'Resolved') fail(`${where}.status`, "must be 'Active' or 'Resolved'");
    event.status = status;
  }
  const level = value['level'];
  if (level !== undefined) {
    if (level !== 'Critical' && level !== 'Warning') fail(`${where}.level`, "must be 'Critical' or 'Warning'");
    event.level = level;
  }
  const subscriptions = value['subscriptions'];
  if (subscriptions !== undefined) {
    if (!Array.isArray(subscriptions) || !subscriptions.every((id) => typeof id === 'string')) fail(`${where}.subscriptions`, 'must be an array of subscription ids');
    event.subscriptions = subscriptions as string[];
  }
  const started = optionalNumber(value, 'startedMinutesAgo', where);
  if (started !== undefined) event.startedMinutesAgo = started;
  return event;
}

/** Validates untrusted scenario JSON. Throws ScenarioError naming the first bad field. */
export function parseScenario(input: unknown, where = 'scenario'): ScenarioDefinition {
  if (!isRecord(input)) fail(where, 'must be a JSON object');
  const hubs = list(input, 'hubs', where).map((hub, index) => parseHub(hub, `${where}.hubs[${index}]`));
  const seen = new Set<string>();
  for (const hub of hubs) {
    const key = `${hub.subscriptionId}/${hub.resourceGroup}/${hub.name}`.toLowerCase();
    if (seen.has(key)) fail(`${where}.hubs`, `hub '${hub.name}' appears twice in resource group '${hub.resourceGroup}'`);
    seen.add(key);
  }
  const definition: ScenarioDefinition = {
    name: optionalText(input, 'name', where) ?? 'custom',
    hubs,
    events: list(input, 'events', where).map((event, index) => parseScenarioEvent(event, `${where}.events[${index}]`)),
    faults: list(input, 'faults', where).map((fault, index): FaultSpec => {
      const parsed = parseFaultSpec(fault);
      if (!parsed.ok) fail(`${where}.faults[${index}]`, parsed.error);
      return parsed.spec;
    }),
  };
  const description = optionalText(input, 'description', where);
  if (description !== undefined) definition.description = description;
  const subscriptions = input['subscriptions'];
  if (subscriptions !== undefined) {
    if (!Array.isArray(subscriptions) || !subscriptions.every((id) => typeof id === 'string')) fail(`${where}.subscriptions`, 'must be an array of subscription ids');
    definition.subscriptions = subscriptions as string[];
  }
  if (input['failover'] !== undefined) definition.failover = parseFailover(input['failover'], `${where}.failover`);
  const pageSize = optionalNumber(input, 'pageSize', where, 1);
  if (pageSize !== undefined) definition.pageSize = Math.floor(pageSize);
  return definition;
}

export async function loadScenarioFile(path: string): Promise<ScenarioDefinition> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = isRecord(error) && typeof error['code'] === 'string' ? error['code'] : 'read error';
    throw new ScenarioError(`cannot read scenario file ${path} (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ScenarioError(`scenario file ${path} is not valid JSON`);
  }
  return parseScenario(json, path);
}

/** A built-in scenario by name, or the definition itself. */
export function resolveScenario(scenario: string | ScenarioDefinition | undefined): ScenarioDefinition {
  if (typeof scenario === 'object') return parseScenario(scenario);
  const name = scenario ?? 'healthy';
  const found = builtInScenario(name);
  if (!found) throw new ScenarioError(`unknown scenario '${name}' (built-in: ${BUILT_IN_SCENARIOS.join(', ')})`);
  return found;
}
