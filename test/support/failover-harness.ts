// Builds a failover service over a memory store with fake ports, for the service tests.
import type { Hub } from '#src/diagnosis/hub.ts';
import type { Sleep } from '#src/core/clock.ts';
import type { StateStore } from '#src/core/store.ts';
import { createFailoverService } from '#src/failover/service.ts';
import type { DemoApproval, FailoverService, FailoverServiceConfig } from '#src/failover/service.ts';
import type { Actor, FailoverRequest } from '#src/failover/types.ts';
import { createAuditLog } from '#src/state/audit.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { APPROVERS, alice, fakeClock, fakeDirectory, fakeExecutor, fakeHealth, fakeNotifier, fakeSleep, makeHub } from './failover-fakes.ts';
import type { FakeClock, FakeDirectory, FakeExecutor, FakeHealth, FakeNotifier } from './failover-fakes.ts';

export const CONVERSATION = '19:oncall@thread.tacv2;messageid=1700000000000';

export interface Harness {
  service: FailoverService;
  store: StateStore;
  audit: ReturnType<typeof createAuditLog>;
  clock: FakeClock;
  executor: FakeExecutor;
  directory: FakeDirectory;
  health: FakeHealth;
  notifier: FakeNotifier;
  logs: { event: string; fields: Record<string, unknown> }[];
}

export interface HarnessOptions {
  store?: StateStore;
  clock?: FakeClock;
  directory?: FakeDirectory;
  hub?: Hub;
  sleep?: Sleep;
  config?: Partial<FailoverServiceConfig>;
  instanceId?: string;
  demoApproval?: DemoApproval;
}

export function harness(options: HarnessOptions = {}): Harness {
  const clock = options.clock ?? fakeClock();
  const store = options.store ?? createMemoryStore();
  const audit = createAuditLog(store);
  const executor = fakeExecutor();
  const directory = options.directory ?? fakeDirectory(options.hub ?? makeHub());
  const health = fakeHealth('Unavailable');
  const notifier = fakeNotifier();
  const logs: Harness['logs'] = [];
  const service = createFailoverService({
    store,
    audit,
    executor,
    directory,
    health,
    notifier,
    clock,
    config: { approvers: APPROVERS, approvalTtlMinutes: 30, pollSeconds: 15, ...options.config },
    log: (event, fields) => logs.push({ event, fields }),
    sleep: options.sleep ?? fakeSleep(clock),
    notifyRetryDelaysMs: [1_000, 1_000, 1_000],
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    ...(options.demoApproval ? { demoApproval: options.demoApproval } : {}),
  });
  return { service, store, audit, clock, executor, directory, health, notifier, logs };
}

export async function proposeAndRequest(h: Harness, requester: Actor = alice): Promise<FailoverRequest> {
  const proposed = await h.service.propose({ hub: h.directory.hub, kind: 'failover', conversation: { id: CONVERSATION, reference: { ref: 1 } }, locale: 'en', requester });
  if (!proposed.ok) throw new Error(`proposal refused: ${proposed.reasons.join(',')}`);
  const requested = await h.service.act({
    verb: 'failover.request',
    requestId: proposed.record.id,
    actor: requester,
    conversationId: CONVERSATION,
    inputs: { justification: 'West Europe returns 500001 for every device' },
  });
  if (requested.outcome !== 'ok' || !requested.record) throw new Error(`request refused: ${requested.outcome}`);
  return requested.record;
}

/** Lets background work run until `done` holds (no real-time wait: only event-loop turns). */
export async function waitFor(done: () => boolean | Promise<boolean>, turns = 20_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (await done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}

/** A sleep that behaves like fakeSleep for `calls` calls, then never returns (a frozen/killed process) until aborted. */
export function freezingSleep(clock: FakeClock, calls: number): Sleep {
  let made = 0;
  return async (ms, signal) => {
    made++;
    if (made > calls) {
      await new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      return;
    }
    clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
}
