// Whether a hub could fail over, from the hub's own facts only. A stand-in until the failover policy
// exists (daily limits, the one-hour gap, a failover already running): that work replaces this function.
import type { FailoverEligibility, IneligibilityReason } from '../diagnosis/advice.ts';
import type { Hub } from '../diagnosis/hub.ts';

export type { FailoverEligibility } from '../diagnosis/advice.ts';

export type EligibilityCheck = (hub: Hub) => FailoverEligibility;

export const eligibilityFromHubFacts: EligibilityCheck = (hub) => {
  const reasons: IneligibilityReason[] = [];
  if (!hub.locations.some((location) => location.role === 'secondary')) reasons.push('no-secondary');
  if (hub.drDisabled) reasons.push('dr-disabled');
  if (hub.state.toLowerCase() !== 'active') reasons.push('hub-not-active');
  return reasons.length === 0 ? { possible: true } : { possible: false, reasons };
};
