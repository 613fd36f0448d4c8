// The Azure edge, wired: one factory that main.ts calls with the configured subscriptions and
// endpoint, returning the ports the core uses plus a readiness probe.
import type { TokenCredential } from '@azure/core-auth';
import type { ArmEndpoint } from '../config.ts';
import type { HealthSource, HubDirectory } from '../diagnosis/hub.ts';
import type { FailoverExecutor } from '../failover/index.ts';
import type { ArmAttemptListener } from './attempt-report.ts';
import { callOptions, observe } from './call.ts';
import { createArmClients, type RetrySettings } from './clients.ts';
import { describeArmError } from './errors.ts';
import { ArmFailoverExecutor } from './failover.ts';
import { ArmHealthSource } from './health.ts';
import { ArmHubDirectory } from './hubs.ts';
import { AttemptObserver } from './observer.ts';
import { deadline } from '../core/abort.ts';

export interface AzureEdgeOptions {
  subscriptionIds: string[];
  /** https://management.azure.com, a sovereign cloud, or http://127.0.0.1:PORT (simulator), as config.ts parsed it. */
  armEndpoint: ArmEndpoint;
  /** Per HTTP request (default 10 s). */
  timeoutMs?: number;
  /** The SDK's retry policy (kept on); tests lower retryDelayInMs. */
  retry?: RetrySettings;
  /** Re-list the hubs after this long (default 15 min). */
  inventoryTtlMs?: number;
  /** A lookup that misses re-lists the hubs only if the list is older than this (default 60 s). */
  inventoryMissRefreshMs?: number;
  /** Reuse a health answer this long (default 30 s). */
  healthTtlMs?: number;
  /** A health lookup gives up after this, retries included (default 4 s). */
  healthBudgetMs?: number;
  now?: () => number;
  /** Used for https endpoints; default DefaultAzureCredential. Ignored on loopback http. */
  credential?: TokenCredential;
  /** Told about every HTTP attempt to ARM, retries included (metrics, logs). */
  onAttempt?: ArmAttemptListener;
}

export interface AzureEdge {
  directory: HubDirectory;
  health: HealthSource;
  failover: FailoverExecutor;
  /** True when ARM answers (used by /readyz); false when unreachable, timing out, 5xx or refusing our identity. */
  probe(signal?: AbortSignal): Promise<boolean>;
}

const PROBE_BUDGET_MS = 3_000;

export function createAzureEdge(options: AzureEdgeOptions): AzureEdge {
  const subscriptions = [...new Set(options.subscriptionIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (subscriptions.length === 0) throw new Error('createAzureEdge needs at least one subscription id');
  const endpoint = options.armEndpoint;
  const observer = new AttemptObserver();
  const clients = createArmClients({ endpoint, observer, ...(options.retry ? { retry: options.retry } : {}), ...(options.credential ? { credential: options.credential } : {}), ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}) });
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const directory = new ArmHubDirectory({
    clients,
    observer,
    subscriptions,
    timeoutMs,
    listBudgetMs: Math.max(timeoutMs * 3, 5_000),
    inventoryTtlMs: options.inventoryTtlMs ?? 15 * 60_000,
    missRefreshMs: options.inventoryMissRefreshMs ?? 60_000,
    now,
  });
  const health = new ArmHealthSource({
    clients,
    observer,
    subscriptions,
    timeoutMs,
    budgetMs: options.healthBudgetMs ?? 4_000,
    ttlMs: options.healthTtlMs ?? 30_000,
    now,
  });
  const failover = new ArmFailoverExecutor({ clients, subscriptions, timeoutMs, callBudgetMs: timeoutMs * 3 });

  async function probe(signal?: AbortSignal): Promise<boolean> {
    const limit = deadline(Math.min(PROBE_BUDGET_MS, timeoutMs), signal);
    const [subscriptionId = ''] = subscriptions;
    const client = clients.iotHub(subscriptionId);
    const outcome = await observe(observer, async (observed) => {
      const pages = client.iotHubResource.listBySubscription(callOptions(limit, timeoutMs, observed)).byPage();
      await pages.next();
    });
    if (outcome.ok) return true;
    const failure = describeArmError(outcome.error, outcome.observed);
    // Throttled or not-found still means ARM is there and answering.
    return failure.reason === 'throttled' || failure.reason === 'not-found';
  }

  return { directory, health, failover, probe };
}
