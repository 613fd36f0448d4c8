// HubDirectory over ARM: lists the hubs of every configured subscription once, keeps that inventory,
// and re-lists it on a miss (at most once per `missRefreshMs`, one listing at a time). A hub is only
// ever one found in that inventory: a resource id from a paste is matched against it, never trusted.
import type { IotHubClient } from '@azure/arm-iothub';
import type { Hub, HubDirectory, HubQuery, HubResolution, HealthFailureReason } from '../diagnosis/hub.ts';
import { callOptions, collectPages, observe } from './call.ts';
import type { ArmClients } from './clients.ts';
import { describeArmError, type ArmFailure } from './errors.ts';
import { hubFromArm, normalizeResourceId } from './map.ts';
import type { AttemptObserver } from './observer.ts';
import { beforeDeadline, deadline, type Deadline } from '../core/abort.ts';

export class ArmLookupError extends Error {
  readonly reason: HealthFailureReason;
  readonly detail: string;
  readonly statusCode: number | null;
  readonly retryAfterSeconds: number | null;
  constructor(failure: ArmFailure) {
    super(failure.detail);
    this.name = 'ArmLookupError';
    this.reason = failure.reason;
    this.detail = failure.detail;
    this.statusCode = failure.statusCode;
    this.retryAfterSeconds = failure.retryAfterSeconds;
  }
}

export interface HubDirectoryOptions {
  clients: ArmClients;
  observer: AttemptObserver;
  subscriptions: readonly string[];
  /** Per HTTP request. */
  timeoutMs: number;
  /** Whole inventory listing (all subscriptions, all pages, retries). */
  listBudgetMs: number;
  /** Re-list after this long even without a miss. */
  inventoryTtlMs: number;
  /** A miss re-lists only when the inventory is older than this. */
  missRefreshMs: number;
  now: () => number;
}

interface Inventory {
  hubs: Hub[];
  loadedAt: number;
  failures: ArmFailure[];
}

const MAX_PAGES = 100;

/** "HTTPS://Contoso.Azure-Devices.NET:443/" → "contoso.azure-devices.net". */
export function normalizeHostName(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
}

function find(hubs: Hub[], query: HubQuery): Hub[] {
  switch (query.kind) {
    case 'hostName': {
      const host = normalizeHostName(query.value);
      return hubs.filter((hub) => hub.hostName.toLowerCase() === host);
    }
    case 'name': {
      const name = query.value.trim().toLowerCase();
      return hubs.filter((hub) => hub.name.toLowerCase() === name);
    }
    case 'resourceId': {
      const id = normalizeResourceId(query.value);
      return hubs.filter((hub) => normalizeResourceId(hub.id) === id);
    }
  }
}

export class ArmHubDirectory implements HubDirectory {
  readonly subscriptions: readonly string[];
  private readonly options: HubDirectoryOptions;
  private inventory: Inventory | null = null;
  private loading: Promise<Inventory> | null = null;

  constructor(options: HubDirectoryOptions) {
    this.options = options;
    this.subscriptions = [...options.subscriptions];
  }

  private async listSubscription(client: IotHubClient, limit: Deadline): Promise<Hub[] | ArmFailure> {
    const outcome = await observe(this.options.observer, (observed) =>
      collectPages(client.iotHubResource.listBySubscription(callOptions(limit, this.options.timeoutMs, observed)).byPage(), MAX_PAGES, hubFromArm),
    );
    return outcome.ok ? outcome.value : describeArmError(outcome.error, outcome.observed);
  }

  /** One listing at a time; everyone who asks meanwhile gets the same result. */
  private load(): Promise<Inventory> {
    this.loading ??= (async () => {
      const limit = deadline(this.options.listBudgetMs);
      const previous = this.inventory;
      const results = await Promise.all(
        this.subscriptions.map(async (subscriptionId) => ({
          subscriptionId,
          result: await this.listSubscription(this.options.clients.iotHub(subscriptionId), limit),
        })),
      );
      const hubs: Hub[] = [];
      const failures: ArmFailure[] = [];
      for (const { subscriptionId, result } of results) {
        if (Array.isArray(result)) {
          hubs.push(...result);
        } else {
          failures.push(result);
          // Better to keep what we knew about this subscription than to forget its hubs.
          hubs.push(...(previous?.hubs.filter((hub) => hub.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()) ?? []));
        }
      }
      const inventory: Inventory = { hubs, loadedAt: this.options.now(), failures };
      this.inventory = inventory;
      return inventory;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async current(signal?: AbortSignal): Promise<Inventory> {
    const inventory = this.inventory;
    const age = inventory ? this.options.now() - inventory.loadedAt : Infinity;
    const stale = age >= this.options.inventoryTtlMs || (inventory !== null && inventory.failures.length > 0 && age >= this.options.missRefreshMs);
    if (inventory && !stale) return inventory;
    return this.waitFor(this.load(), signal);
  }

  private waitFor(work: Promise<Inventory>, signal?: AbortSignal): Promise<Inventory> {
    if (!signal) return work;
    return beforeDeadline(work, signal, () => {
      throw new ArmLookupError({ reason: 'timeout', detail: 'hub lookup cancelled', retryAfterSeconds: null, statusCode: null, armCode: null, armRequestId: null });
    });
  }

  async list(signal?: AbortSignal): Promise<Hub[]> {
    const inventory = await this.current(signal);
    const [failure] = inventory.failures;
    if (inventory.hubs.length === 0 && failure) throw new ArmLookupError(failure);
    return inventory.hubs.map((hub) => ({ ...hub, locations: hub.locations.map((location) => ({ ...location })) }));
  }

  async resolve(query: HubQuery, signal?: AbortSignal): Promise<HubResolution> {
    let inventory: Inventory;
    try {
      inventory = await this.current(signal);
      let found = find(inventory.hubs, query);
      if (found.length === 0 && this.options.now() - inventory.loadedAt >= this.options.missRefreshMs) {
        inventory = await this.waitFor(this.load(), signal);
        found = find(inventory.hubs, query);
      }
      const [only] = found;
      if (found.length === 1 && only) return { kind: 'found', hub: { ...only } };
      if (found.length > 1) return { kind: 'ambiguous', candidates: found.map((hub) => ({ ...hub })) };
    } catch (error) {
      if (error instanceof ArmLookupError) return { kind: 'failed', reason: error.reason, detail: error.detail };
      throw error;
    }
    const [failure] = inventory.failures;
    if (failure) return { kind: 'failed', reason: failure.reason, detail: failure.detail };
    return { kind: 'unknown', query, searchedSubscriptions: [...this.subscriptions] };
  }

  async refresh(hub: Hub, signal?: AbortSignal): Promise<Hub> {
    const subscriptionId = this.subscriptions.find((id) => id.toLowerCase() === hub.subscriptionId.toLowerCase());
    if (!subscriptionId) {
      throw new ArmLookupError({ reason: 'forbidden', detail: 'the hub is not in a configured subscription', retryAfterSeconds: null, statusCode: null, armCode: null, armRequestId: null });
    }
    const limit = deadline(this.options.listBudgetMs, signal);
    const client = this.options.clients.iotHub(subscriptionId);
    const outcome = await observe(this.options.observer, (observed) => client.iotHubResource.get(hub.resourceGroup, hub.name, callOptions(limit, this.options.timeoutMs, observed)));
    if (!outcome.ok) {
      const failure = describeArmError(outcome.error, outcome.observed);
      if (failure.reason === 'not-found' && this.inventory) {
        const gone = normalizeResourceId(hub.id);
        this.inventory.hubs = this.inventory.hubs.filter((known) => normalizeResourceId(known.id) !== gone);
      }
      throw new ArmLookupError(failure);
    }
    const fresh = hubFromArm(outcome.value);
    if (!fresh) throw new ArmLookupError({ reason: 'unknown', detail: 'ARM returned a hub without an id or host name', retryAfterSeconds: null, statusCode: null, armCode: null, armRequestId: null });
    if (this.inventory) {
      const id = normalizeResourceId(fresh.id);
      this.inventory.hubs = [...this.inventory.hubs.filter((known) => normalizeResourceId(known.id) !== id), fresh];
    }
    return { ...fresh };
  }
}
