// HealthSource over ARM: Resource Health's current availability status for the hub, plus the active
// Service Health events for IoT Hub in the hub's region. Results are cached briefly, concurrent
// lookups of one hub share one ARM call, and the whole lookup gives up within a time budget. It never
// throws: every failure becomes {ok: false, reason, detail}.
import type { Hub, HubHealthResult, HealthFailureReason, HealthSource, ServiceEvent } from '../diagnosis/hub.ts';
import { callOptions, collectPages, observe } from './call.ts';
import type { ArmClients } from './clients.ts';
import { describeArmError, type ArmFailure } from './errors.ts';
import { eventsForHub, healthFromArm, iotHubEventFromArm, normalizeResourceId } from './map.ts';
import type { AttemptObserver } from './observer.ts';
import { beforeDeadline, deadline, type Deadline } from '../core/abort.ts';

export interface HealthSourceOptions {
  clients: ArmClients;
  observer: AttemptObserver;
  subscriptions: readonly string[];
  /** Per HTTP request. */
  timeoutMs: number;
  /** The whole lookup (both calls, retries included) gives up after this. */
  budgetMs: number;
  /** How long an answer is reused. */
  ttlMs: number;
  now: () => number;
  /** Service Health pages read per subscription at most. */
  maxEventPages?: number;
}

interface Cached<T> {
  value: T;
  expiresAt: number;
}

/** Extra time a lookup is allowed after its budget, for the SDK to report how it was interrupted. */
const ABORT_GRACE_MS = 250;

function failed(hub: Hub, reason: HealthFailureReason, detail: string, retryAfterSeconds: number | null = null): HubHealthResult {
  return { ok: false, hub, reason, detail, retryAfterSeconds };
}

export class ArmHealthSource implements HealthSource {
  private readonly options: HealthSourceOptions;
  private readonly results = new Map<string, Cached<HubHealthResult>>();
  private readonly lookups = new Map<string, Promise<HubHealthResult>>();
  private readonly events = new Map<string, Cached<ServiceEvent[]>>();
  private readonly eventLookups = new Map<string, Promise<ServiceEvent[]>>();

  constructor(options: HealthSourceOptions) {
    this.options = options;
  }

  current(hub: Hub, options: { signal?: AbortSignal; fresh?: boolean } = {}): Promise<HubHealthResult> {
    const key = normalizeResourceId(hub.id);
    if (!options.fresh) {
      const cached = this.results.get(key);
      if (cached && this.options.now() < cached.expiresAt) return Promise.resolve(cached.value);
    }
    let lookup = this.lookups.get(key);
    if (!lookup) {
      lookup = this.lookup(hub)
        .then((result) => {
          this.remember(key, result);
          return result;
        })
        .finally(() => this.lookups.delete(key));
      this.lookups.set(key, lookup);
    }
    // A caller who stops waiting does not cancel the lookup others share.
    return options.signal ? beforeDeadline(lookup, options.signal, () => failed(hub, 'timeout', 'health lookup cancelled')) : lookup;
  }

  private remember(key: string, result: HubHealthResult): void {
    const now = this.options.now();
    if (result.ok) {
      this.results.set(key, { value: result, expiresAt: now + this.options.ttlMs });
    } else if (result.reason === 'throttled') {
      // Asking again before ARM's Retry-After only earns another 429.
      const waitMs = result.retryAfterSeconds !== null ? result.retryAfterSeconds * 1000 : this.options.ttlMs;
      this.results.set(key, { value: result, expiresAt: now + Math.min(waitMs, this.options.ttlMs) });
    } else {
      this.results.delete(key);
    }
  }

  private async lookup(hub: Hub): Promise<HubHealthResult> {
    if (!this.options.subscriptions.some((id) => id.toLowerCase() === hub.subscriptionId.toLowerCase())) {
      return failed(hub, 'forbidden', 'the hub is not in a configured subscription');
    }
    const limit = deadline(this.options.budgetMs);
    const work = (async (): Promise<HubHealthResult> => {
      const [status, events] = await Promise.all([
        this.availability(hub, limit),
        this.iotHubEvents(hub.subscriptionId, limit).catch((): ServiceEvent[] => []),
      ]);
      if ('reason' in status) return failed(hub, status.reason, status.detail, status.retryAfterSeconds);
      return { ok: true, hub, health: status.health, events: eventsForHub(events, hub), checkedAt: new Date(this.options.now()).toISOString() };
    })();
    const safety = AbortSignal.timeout(this.options.budgetMs + ABORT_GRACE_MS);
    return beforeDeadline(work, safety, () => failed(hub, 'timeout', `no answer from ARM within ${Math.round(this.options.budgetMs / 100) / 10} s`));
  }

  private async availability(hub: Hub, limit: Deadline): Promise<{ health: ReturnType<typeof healthFromArm> } | ArmFailure> {
    const client = this.options.clients.resourceHealth(hub.subscriptionId);
    // Without its leading slash: the SDK prefixes one, and "//subscriptions/…" is not a safe bet on real ARM.
    const resourceUri = hub.id.replace(/^\/+/, '');
    const outcome = await observe(this.options.observer, (observed) =>
      client.availabilityStatuses.getByResource(resourceUri, { expand: 'recommendedactions', ...callOptions(limit, this.options.timeoutMs, observed) }),
    );
    return outcome.ok ? { health: healthFromArm(outcome.value) } : describeArmError(outcome.error, outcome.observed);
  }

  /** Active IoT Hub events of a subscription, cached and shared like availability lookups. */
  private iotHubEvents(subscriptionId: string, limit: Deadline): Promise<ServiceEvent[]> {
    const key = subscriptionId.toLowerCase();
    const cached = this.events.get(key);
    if (cached && this.options.now() < cached.expiresAt) return Promise.resolve(cached.value);
    let lookup = this.eventLookups.get(key);
    if (!lookup) {
      lookup = this.readEvents(subscriptionId, limit)
        .then((events) => {
          this.events.set(key, { value: events, expiresAt: this.options.now() + this.options.ttlMs });
          return events;
        })
        .finally(() => this.eventLookups.delete(key));
      this.eventLookups.set(key, lookup);
    }
    return lookup;
  }

  private async readEvents(subscriptionId: string, limit: Deadline): Promise<ServiceEvent[]> {
    const client = this.options.clients.resourceHealth(subscriptionId);
    const maxPages = this.options.maxEventPages ?? 10;
    const outcome = await observe(this.options.observer, (observed) =>
      collectPages(client.eventsOperations.listBySubscriptionId(callOptions(limit, this.options.timeoutMs, observed)).byPage(), maxPages, iotHubEventFromArm),
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}
