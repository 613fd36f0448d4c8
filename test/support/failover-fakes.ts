// Small fakes of the failover ports, shared by the failover unit tests.
import type { HealthSource, Hub, HubDirectory, HubHealthResult } from '#src/diagnosis/hub.ts';
import { FailoverRequestError } from '#src/failover/ports.ts';
import type { Clock, Sleep } from '#src/core/clock.ts';
import type { FailoverExecutor, FailoverNotifier, FailoverProgress } from '#src/failover/ports.ts';
import type { Actor, FailoverRequest } from '#src/failover/types.ts';

export const T0 = Date.parse('2026-05-01T10:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

/** Sleeping moves the fake clock forward instead of waiting; yields once so other work interleaves. */
export function fakeSleep(clock: FakeClock): Sleep & { slept: number[] } {
  const slept: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw new Error('aborted');
    slept.push(ms);
    clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new Error('aborted');
  };
  return Object.assign(sleep, { slept });
}

export const HUB_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/contoso-hub';

export function makeHub(overrides: Partial<Hub> = {}): Hub {
  return {
    id: HUB_ID,
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    resourceGroup: 'rg-iot',
    name: 'contoso-hub',
    hostName: 'contoso-hub.azure-devices.net',
    location: 'westeurope',
    locations: [
      { location: 'West Europe', role: 'primary' },
      { location: 'North Europe', role: 'secondary' },
    ],
    state: 'Active',
    provisioningState: 'Succeeded',
    drDisabled: false,
    skuName: 'S1',
    deviceCount: 250_000,
    ...overrides,
  };
}

export function swapped(hub: Hub): Hub {
  return { ...hub, locations: hub.locations.map((l) => ({ location: l.location, role: l.role === 'primary' ? ('secondary' as const) : ('primary' as const) })) };
}

export const APPROVER_BOB = 'b0b00000-0000-0000-0000-00000000000b';
export const APPROVER_CAROL = 'ca401000-0000-0000-0000-00000000000c';
export const ALICE_ID = 'a11ce000-0000-0000-0000-00000000000a';

export const alice: Actor = { id: '29:alice', name: 'Alice', aadObjectId: ALICE_ID };
export const bob: Actor = { id: '29:bob', name: 'Bob', aadObjectId: APPROVER_BOB };
export const carol: Actor = { id: '29:carol', name: 'Carol', aadObjectId: APPROVER_CAROL };
export const mallory: Actor = { id: '29:mallory', name: 'Mallory', aadObjectId: 'ma110000-0000-0000-0000-0000000000ff' };
export const APPROVERS = [APPROVER_BOB, APPROVER_CAROL];

export function availableHealth(hub: Hub, state: 'Available' | 'Unavailable' | 'Degraded' = 'Unavailable'): HubHealthResult {
  return {
    ok: true,
    hub,
    health: { availabilityState: state, title: state, summary: '', since: null, reasonType: '', reportedTime: null, recentlyResolved: null },
    events: [],
    checkedAt: new Date(T0).toISOString(),
  };
}

export interface FakeHealth extends HealthSource {
  state: 'Available' | 'Unavailable' | 'Degraded';
  calls: number;
  /** Lookups wait for this (Azure is slow) until it resolves; null: they answer at once (a cached health). */
  hold: Promise<void> | null;
}

export function fakeHealth(state: 'Available' | 'Unavailable' | 'Degraded' = 'Unavailable'): FakeHealth {
  const health: FakeHealth = {
    state,
    calls: 0,
    hold: null,
    async current(hub) {
      health.calls++;
      if (health.hold) await health.hold;
      return availableHealth(hub, health.state);
    },
  };
  return health;
}

/** Holds the health lookups until the returned function is called. */
export function holdHealth(health: FakeHealth): () => void {
  let release = (): void => undefined;
  health.hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    health.hold = null;
    release();
  };
}

export interface FakeDirectory extends HubDirectory {
  hub: Hub;
  refreshes: number;
  failRefresh: boolean;
}

export function fakeDirectory(hub: Hub): FakeDirectory {
  const directory: FakeDirectory = {
    hub,
    refreshes: 0,
    failRefresh: false,
    subscriptions: [hub.subscriptionId],
    async resolve() {
      return { kind: 'found', hub: directory.hub };
    },
    async list() {
      return [directory.hub];
    },
    async refresh() {
      directory.refreshes++;
      if (directory.failRefresh) throw new Error('ARM unreachable');
      return directory.hub;
    },
  };
  return directory;
}

export interface FakeExecutor extends FailoverExecutor {
  starts: { hub: Hub; region: string }[];
  polls: string[];
  /** Polls answered 'running' before the final answer. */
  runningPolls: number;
  final: 'succeeded' | 'failed';
  /** Throw this from start() instead of answering. */
  startError: Error | null;
  /** Called when the operation completes successfully (e.g. swap the hub's roles in the directory). */
  onSucceeded: (() => void) | null;
  /** Resolve start() only when this promise resolves. */
  startGate: Promise<void> | null;
}

export function fakeExecutor(): FakeExecutor {
  const executor: FakeExecutor = {
    starts: [],
    polls: [],
    runningPolls: 2,
    final: 'succeeded',
    startError: null,
    onSucceeded: null,
    startGate: null,
    async start(hub, region) {
      executor.starts.push({ hub, region });
      if (executor.startGate) await executor.startGate;
      if (executor.startError) throw executor.startError;
      return progress('running', 'token-0', 'arm-post-1');
    },
    async poll(_hub, resumeToken) {
      executor.polls.push(resumeToken);
      const n = executor.polls.length;
      if (n <= executor.runningPolls) return progress('running', `token-${n}`, `arm-poll-${n}`);
      if (executor.final === 'succeeded') {
        executor.onSucceeded?.();
        return progress('succeeded', `token-${n}`, `arm-poll-${n}`);
      }
      return { ...progress('failed', `token-${n}`, `arm-poll-${n}`), errorMessage: 'Failover failed: internal error' };
    },
  };
  return executor;
}

function progress(status: FailoverProgress['status'], resumeToken: string, armRequestId: string): FailoverProgress {
  return { status, resumeToken, armRequestId, operationId: 'op-1', errorMessage: null };
}

export function armRejection(): FailoverRequestError {
  return new FailoverRequestError('Failover is not allowed right now', { statusCode: 400, armCode: 'FailoverNotAllowed', armRequestId: 'arm-rejected-1', retryable: false });
}

export interface FakeNotifier extends FailoverNotifier {
  changed: FailoverRequest[];
  announced: FailoverRequest[];
  /** Fail this many calls (of either kind) before succeeding. */
  failures: number;
}

export function fakeNotifier(): FakeNotifier {
  const notifier: FakeNotifier = {
    changed: [],
    announced: [],
    failures: 0,
    async requestChanged(record) {
      if (notifier.failures > 0) {
        notifier.failures--;
        throw new Error('connector 502');
      }
      notifier.changed.push(record);
    },
    async announceOutcome(record) {
      if (notifier.failures > 0) {
        notifier.failures--;
        throw new Error('connector 502');
      }
      notifier.announced.push(record);
    },
  };
  return notifier;
}
