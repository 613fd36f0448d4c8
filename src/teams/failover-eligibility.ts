// Whether a hub could fail over, from the hub's own facts only. The bot uses the failover service's
// eligibility (daily limits, the one-hour gap, a failover already running); this stays for setups without
// failover wiring (unit tests of the cards and replies).
import type { FailoverEligibility, IneligibilityReason } from '../diagnosis/advice.ts';
import type { Hub } from '../diagnosis/hub.ts';

export type { FailoverEligibility } from '../diagnosis/advice.ts';

/** Sync (hub facts only) or async (the failover service: limits and running failovers from the store). */
export type EligibilityCheck = (hub: Hub) => FailoverEligibility | Promise<FailoverEligibility>;

export const eligibilityFromHubFacts: EligibilityCheck = (hub) => {
  const reasons: IneligibilityReason[] = [];
  if (!hub.locations.some((location) => location.role === 'secondary')) reasons.push('no-secondary');
  if (hub.drDisabled) reasons.push('dr-disabled');
  if (hub.state.toLowerCase() !== 'active') reasons.push('hub-not-active');
  return reasons.length === 0 ? { possible: true } : { possible: false, reasons };
};
