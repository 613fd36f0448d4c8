// The verdict follows the most severe finding (findings are already sorted most severe first).
// Category → verdict (classify.ts): service faults and throttling → transient-service; quota, auth and
// other 4xx → client-config; 404102/404103/404104 and 504101 ("timed out waiting for the response from
// device": the device did not answer a direct method) → device-offline; network/TLS/DNS/local →
// not-iothub; nothing recognised, or only a wrapper exception without detail → unknown.
import { verdictOfCategory } from './classify.ts';
import type { RankedFinding } from './findings.ts';
import type { VerdictKind } from './types.ts';

export function verdictFor(findings: readonly RankedFinding[]): { kind: VerdictKind } {
  const top = findings[0];
  return { kind: top === undefined ? 'unknown' : verdictOfCategory(top.category) };
}
