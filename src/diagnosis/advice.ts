// Health-aware failover advice (pure). A failover only helps when the hub itself is in trouble:
// the paste shows a transient service-side error AND Resource Health says Unavailable/Degraded,
// or an active Service Health incident covers the hub's primary region. Even then the card may
// only propose it when the hub can fail over (eligibility comes from the failover policy).
import type { AvailabilityState, HealthFailureReason, Hub, HubHealthResult, ServiceEvent } from './hub.ts';
import type { VerdictKind } from './types.ts';

/** 'no-approvers': FAILOVER_APPROVERS is empty (outside the demo), so a request could never be approved. */
export type IneligibilityReason = 'no-secondary' | 'dr-disabled' | 'failover-running' | 'daily-limit' | 'cooldown' | 'hub-not-active' | 'no-approvers';
/** Same union, under the name the Teams layer announced. */
export type FailoverImpossibleReason = IneligibilityReason;

export type FailoverEligibility = { possible: true } | { possible: false; reasons: IneligibilityReason[] };

/** Why the hub looks unhealthy. */
export interface FailoverTrigger {
  /** Resource Health state when it is Unavailable or Degraded, else null. */
  availabilityState: Extract<AvailabilityState, 'Unavailable' | 'Degraded'> | null;
  /** Active Service Health incidents covering the hub's primary region. */
  eventTrackingIds: string[];
}

export type FailoverAdvice =
  /** The verdict is not a transient service fault: a failover would not help. */
  | { kind: 'not-applicable'; verdict: VerdictKind }
  /** No hub was identified, so its health could not be checked. */
  | { kind: 'no-hub' }
  /** The health lookup failed. */
  | { kind: 'health-unavailable'; reason: HealthFailureReason; retryAfterSeconds: number | null }
  /** Resource Health has no information (Unknown) and no incident covers the region. */
  | { kind: 'health-unknown' }
  /** Transient error on a healthy hub: retry with backoff; a failover would not help. */
  | { kind: 'retry-hub-healthy'; availabilityState: AvailabilityState }
  | { kind: 'worth-considering'; trigger: FailoverTrigger }
  | { kind: 'worth-considering-but-impossible'; trigger: FailoverTrigger; reasons: IneligibilityReason[] };

export interface FailoverAdviceInput {
  verdict: VerdictKind;
  health: HubHealthResult | null;
  /** Whether the hub can fail over now; null when it could not be determined. */
  eligibility: FailoverEligibility | null;
}

/**
 * `value` is `word` in any case. The length is compared first: these fields come from Azure and are
 * echoed on cards, and lower-casing a long one for every event was most of a big card's rendering time.
 */
function isWord(value: string, word: string): boolean {
  return value.length === word.length && value.toLowerCase() === word;
}

/** Longer than any Azure region's name ("South Africa North"): not a region, and not worth normalising. */
const MAX_REGION_NAME_CHARS = 64;

function regionKey(region: string): string {
  return region.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function primaryRegion(hub: Hub): string {
  return hub.locations.find((l) => l.role === 'primary')?.location ?? hub.location;
}

/** Active incidents (service issues and emerging issues: not advisories, maintenance or RCAs) whose impact includes the hub's primary region (or is global). */
export function incidentsCoveringHub(hub: Hub, events: readonly ServiceEvent[]): ServiceEvent[] {
  const primary = regionKey(primaryRegion(hub));
  return events.filter(
    (event) =>
      isWord(event.status, 'active') &&
      (isWord(event.eventType, 'serviceissue') || isWord(event.eventType, 'emergingissues')) &&
      event.regions.some((region) => {
        if (region.length > MAX_REGION_NAME_CHARS) return false;
        const key = regionKey(region);
        return key === primary || key === 'global';
      }),
  );
}

export function adviseFailover(input: FailoverAdviceInput): FailoverAdvice {
  const { verdict, health, eligibility } = input;
  if (verdict !== 'transient-service') return { kind: 'not-applicable', verdict };
  if (health === null) return { kind: 'no-hub' };
  if (!health.ok) return { kind: 'health-unavailable', reason: health.reason, retryAfterSeconds: health.retryAfterSeconds };

  const state = health.health.availabilityState;
  const trigger: FailoverTrigger = {
    availabilityState: state === 'Unavailable' || state === 'Degraded' ? state : null,
    eventTrackingIds: incidentsCoveringHub(health.hub, health.events).map((e) => e.trackingId),
  };
  if (trigger.availabilityState !== null || trigger.eventTrackingIds.length > 0) {
    if (eligibility?.possible === true) return { kind: 'worth-considering', trigger };
    return { kind: 'worth-considering-but-impossible', trigger, reasons: eligibility === null || eligibility.possible ? [] : [...eligibility.reasons] };
  }
  if (state === 'Unknown') return { kind: 'health-unknown' };
  return { kind: 'retry-hub-healthy', availabilityState: state };
}
