// The simulator's control surface, shared by the programmatic API (ArmSimulator) and the HTTP
// admin endpoint (/_sim/…): scenario, hubs' health, events, faults, the clock and the request log.
import { createSimClock, type SimClock } from './clock.ts';
import { createFaultBook, type FaultBook, type FaultRule, type FaultSpec } from './faults.ts';
import {
  applyHealth,
  createState,
  eventFromScenario,
  hubsNamed,
  primaryOf,
  resourceIdOf,
  runningOperationFor,
  settleOperations,
  shortRegion,
  subscriptionsOf,
  type HealthPatch,
  type SimHub,
  type SimLocation,
  type SimOperation,
  type SimState,
} from './model.ts';
import type { SimRoute } from './routes.ts';
import { resolveScenario } from './scenario-file.ts';
import type { ScenarioDefinition, ScenarioEvent, SimAvailabilityState } from './scenarios.ts';

export interface RecordedRequest {
  seq: number;
  /** Wall-clock time the request arrived, ISO 8601. */
  at: string;
  method: string;
  /** Path exactly as received (a leading '//' is kept), without the query. */
  path: string;
  query: string;
  route: SimRoute | null;
  hub: string | null;
  /** Status sent; null while pending, or when the connection was reset or left hanging. */
  status: number | null;
  fault: FaultRule['action'] | null;
  /** Whether an Authorization header came with it (its value is never kept). */
  authorized: boolean;
}

export interface HubView {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  hostName: string;
  location: string;
  locations: SimLocation[];
  enableDataResidency: boolean;
  state: string;
  health: { availabilityState: SimAvailabilityState; title: string; summary: string; since: string; recentlyResolved: { unavailableSince: string; resolvedAt: string; summary: string } | null };
  failoverRunning: boolean;
}

export interface OperationView {
  id: string;
  hub: string;
  status: SimOperation['status'];
  fromRegion: string;
  toRegion: string;
  startedAt: string;
  finishesAt: string;
}

export class SimulatorInputError extends Error {
  readonly statusCode: number;
  constructor(message: string, statusCode = 400) {
    super(message);
    this.name = 'SimulatorInputError';
    this.statusCode = statusCode;
  }
}

const MAX_RECORDED = 10_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function hubView(hub: SimHub, running: boolean): HubView {
  const health = hub.health;
  return {
    id: resourceIdOf(hub),
    subscriptionId: hub.subscriptionId,
    resourceGroup: hub.resourceGroup,
    name: hub.name,
    hostName: hub.hostName,
    location: shortRegion(primaryOf(hub)?.location ?? ''),
    locations: hub.locations.map((location) => ({ ...location })),
    enableDataResidency: hub.enableDataResidency,
    state: hub.state,
    health: {
      availabilityState: health.availabilityState,
      title: health.title,
      summary: health.summary,
      since: iso(health.occuredTime),
      recentlyResolved: health.recentlyResolved
        ? {
            unavailableSince: iso(health.recentlyResolved.unavailableOccuredTime),
            resolvedAt: iso(health.recentlyResolved.resolvedTime),
            summary: health.recentlyResolved.unavailableSummary,
          }
        : null,
    },
    failoverRunning: running,
  };
}

export class SimController {
  readonly clock: SimClock;
  readonly faults: FaultBook;
  private scenario: ScenarioDefinition;
  private current: SimState;
  private log: RecordedRequest[] = [];
  private seq = 0;

  constructor(scenario: string | ScenarioDefinition | undefined, speed: number) {
    this.clock = createSimClock(speed);
    this.faults = createFaultBook();
    this.scenario = resolveScenario(scenario);
    this.current = createState(this.scenario, this.clock.now());
    this.installScenarioFaults();
  }

  /** The live state, settled to the current simulated time. */
  get state(): SimState {
    settleOperations(this.current, this.clock.now());
    return this.current;
  }

  get scenarioName(): string {
    return this.scenario.name;
  }

  get subscriptions(): string[] {
    return subscriptionsOf(this.current);
  }

  private installScenarioFaults(): void {
    for (const spec of this.scenario.faults ?? []) this.faults.add(spec);
  }

  loadScenario(scenario: string | ScenarioDefinition): void {
    this.scenario = resolveScenario(scenario);
    this.reset();
  }

  /** Back to the scenario's starting point: state, faults and the request log. */
  reset(): void {
    this.current = createState(this.scenario, this.clock.now());
    this.faults.clear();
    this.installScenarioFaults();
    this.log = [];
  }

  // --- request log -------------------------------------------------------------------------

  record(entry: Omit<RecordedRequest, 'seq' | 'at' | 'status'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, seq: ++this.seq, at: new Date().toISOString(), status: null };
    this.log.push(recorded);
    if (this.log.length > MAX_RECORDED) this.log.splice(0, this.log.length - MAX_RECORDED);
    return recorded;
  }

  requests(): RecordedRequest[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  clearRequests(): void {
    this.log = [];
  }

  // --- hubs and health -----------------------------------------------------------------------

  private findOne(name: string, subscriptionId?: string): SimHub {
    const [hub, ...others] = hubsNamed(this.state, name, subscriptionId);
    if (!hub) throw new SimulatorInputError(`no hub named '${name}' in the scenario`, 404);
    if (others.length > 0) throw new SimulatorInputError(`several hubs are named '${name}'; give subscriptionId`, 409);
    return hub;
  }

  hubs(): HubView[] {
    const state = this.state;
    return state.hubs.map((hub) => hubView(hub, runningOperationFor(state, hub) !== undefined));
  }

  hub(name: string, subscriptionId?: string): HubView {
    const hub = this.findOne(name, subscriptionId);
    return hubView(hub, runningOperationFor(this.state, hub) !== undefined);
  }

  setHealth(name: string, patch: HealthPatch, subscriptionId?: string): HubView {
    const hub = this.findOne(name, subscriptionId);
    applyHealth(hub, patch, this.clock.now());
    return this.hub(hub.name, hub.subscriptionId);
  }

  // --- events --------------------------------------------------------------------------------

  events(): ScenarioEvent[] {
    return this.state.events.map((event) => ({
      trackingId: event.trackingId,
      title: event.title,
      summary: event.summary,
      eventType: event.eventType,
      status: event.status,
      level: event.level,
      service: event.service,
      regions: [...event.regions],
      ...(event.subscriptions ? { subscriptions: [...event.subscriptions] } : {}),
    }));
  }

  /** Adds an event, or replaces the one with the same tracking id. */
  upsertEvent(event: ScenarioEvent): void {
    const now = this.clock.now();
    const made = eventFromScenario(event, now);
    const index = this.state.events.findIndex((existing) => existing.trackingId === event.trackingId);
    if (index === -1) {
      this.state.events.push(made);
      return;
    }
    const existing = this.state.events[index];
    if (existing && event.startedMinutesAgo === undefined) made.impactStartTime = existing.impactStartTime;
    this.state.events[index] = made;
  }

  resolveEvent(trackingId: string): void {
    const event = this.state.events.find((candidate) => candidate.trackingId === trackingId);
    if (!event) throw new SimulatorInputError(`no event with tracking id '${trackingId}'`, 404);
    const now = this.clock.now();
    event.status = 'Resolved';
    event.impactMitigationTime = now;
    event.lastUpdateTime = now;
  }

  // --- faults, clock, failovers --------------------------------------------------------------

  injectFault(spec: FaultSpec): FaultRule {
    return this.faults.add(spec);
  }

  advance(seconds: number): void {
    this.clock.advance(seconds);
  }

  operations(): OperationView[] {
    return this.state.operations.map((operation) => ({
      id: operation.id,
      hub: operation.hubName,
      status: operation.status,
      fromRegion: operation.fromRegion,
      toRegion: operation.toRegion,
      startedAt: iso(operation.startedAt),
      finishesAt: iso(operation.finishesAt),
    }));
  }

  /** Finishes a hub's running failover now (its scenario outcome applies). */
  completeFailover(name: string, subscriptionId?: string): OperationView {
    const hub = this.findOne(name, subscriptionId);
    const operation = runningOperationFor(this.state, hub);
    if (!operation) throw new SimulatorInputError(`no failover is running for '${hub.name}'`, 409);
    operation.finishesAt = Math.min(operation.finishesAt, this.clock.now());
    settleOperations(this.current, this.clock.now());
    const view = this.operations().find((candidate) => candidate.id === operation.id);
    if (!view) throw new SimulatorInputError(`operation ${operation.id} vanished`, 500);
    return view;
  }
}
