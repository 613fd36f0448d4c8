// Which Azure service a paste is about when it is not IoT Hub. Event Hubs, Service Bus, Storage and the
// Device Provisioning Service share IoT Hub's SDK families, AMQP conditions, status codes and even its
// hosts' look; their errors get IoT Hub verdicts unless the paste is read for whose they are. Each signal
// (service-signals.ts) counts once; the best-scoring lookalike is named when it scores at least 2 and more
// than IoT Hub's own signals (its host names, its SDKs, a catalog code among the findings).
import { SERVICE_SIGNALS, type SignalService } from './service-signals.ts';
import { compileTriggered, findTriggers, triggeredTest, triggerSetFor } from './triggers.ts';
import type { LookalikeService } from './types.ts';

export const SERVICE_TRIGGERS = triggerSetFor(SERVICE_SIGNALS);
const COMPILED = SERVICE_SIGNALS.map((s) => ({ service: s.service, weight: s.weight, matcher: compileTriggered(SERVICE_TRIGGERS, s) }));

/** In order of preference when two lookalikes score the same. */
const LOOKALIKES: readonly LookalikeService[] = ['dps', 'event-hubs', 'service-bus', 'storage'];
const MIN_SCORE = 2;
const HUB_HOST_WEIGHT = 3;
const CATALOG_CODE_WEIGHT = 2;

export interface HubEvidence {
  /** IoT Hub host names (*.azure-devices.net) in the paste. */
  hubHostNames: number;
  /** Whether a finding is a code of the IoT Hub catalog. */
  catalogCode: boolean;
}

export function scoreServices(text: string, hub: HubEvidence): Record<SignalService, number> {
  const scores: Record<SignalService, number> = { dps: 0, 'event-hubs': 0, 'service-bus': 0, storage: 0, iothub: 0 };
  const hits = findTriggers(SERVICE_TRIGGERS, text);
  for (const { service, weight, matcher } of COMPILED) if (triggeredTest(matcher, text, hits)) scores[service] += weight;
  if (hub.hubHostNames > 0) scores.iothub += HUB_HOST_WEIGHT;
  if (hub.catalogCode) scores.iothub += CATALOG_CODE_WEIGHT;
  return scores;
}

export function lookalikeServiceOf(text: string, hub: HubEvidence): LookalikeService | null {
  const scores = scoreServices(text, hub);
  let best: LookalikeService | null = null;
  for (const service of LOOKALIKES) if (best === null || scores[service] > scores[best]) best = service;
  return best !== null && scores[best] >= MIN_SCORE && scores[best] > scores.iothub ? best : null;
}
