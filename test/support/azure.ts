// Shared set-up for the Azure edge tests: a real simulator on 127.0.0.1 and the real SDK clients.
import type { TestContext } from 'node:test';
import { createAzureEdge, type AzureEdge, type AzureEdgeOptions } from '#src/azure/index.ts';
import { parseArmEndpoint } from '#src/config.ts';
import type { Hub } from '#src/diagnosis/hub.ts';
import { startArmSimulator, type ArmSimulator, type ScenarioDefinition } from '#src/sim/index.ts';

/** Keep the SDK's retries on, but with tiny back-off delays. */
export const FAST_RETRY = { retryDelayInMs: 5, maxRetryDelayInMs: 20 };

export interface FakeTime {
  now: () => number;
  advance(ms: number): void;
}

export function fakeTime(start = Date.parse('2026-03-01T12:00:00Z')): FakeTime {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

export async function startSimulator(t: TestContext, scenario: string | ScenarioDefinition): Promise<ArmSimulator> {
  const sim = await startArmSimulator({ scenario, speed: 0 });
  t.after(() => sim.close());
  return sim;
}

export function edgeFor(sim: ArmSimulator, options: Partial<AzureEdgeOptions> = {}): AzureEdge {
  return createAzureEdge({ subscriptionIds: sim.subscriptions, armEndpoint: parseArmEndpoint(sim.url), retry: FAST_RETRY, ...options });
}

export async function hubNamed(edge: AzureEdge, name: string): Promise<Hub> {
  const resolution = await edge.directory.resolve({ kind: 'name', value: name });
  if (resolution.kind !== 'found') throw new Error(`hub ${name}: ${resolution.kind}`);
  return resolution.hub;
}
