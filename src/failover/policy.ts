// PURE. Whether a hub may fail over now, and what a failover would cause (the proposal card's facts).
// Limits of a customer-initiated failover: 2 successful failovers and 2 successful failbacks per day, and 1
// hour between any two. "Per day" is applied as a rolling 24 h window, never looser than a calendar day.
import type { FailoverEligibility as AdviceEligibility, IneligibilityReason } from '../diagnosis/advice.ts';
import type { Hub } from '../diagnosis/hub.ts';
import type { FailoverEligibility, FailoverKind, FailoverRequest } from './types.ts';

// Compile-time proof that this result can be handed to the diagnosis advice as is.
const _assignable = (eligibility: FailoverEligibility): AdviceEligibility => eligibility;
void _assignable;

export const FAILOVER_LIMITS = {
  perKindPerWindow: 2,
  windowMs: 24 * 60 * 60 * 1000,
  cooldownMs: 60 * 60 * 1000,
} as const;

export interface EligibilityFacts {
  now: number;
  /** Successful failovers/failbacks of this hub (audit 'succeeded'); older than the window are ignored. */
  successes: readonly { at: string; kind: FailoverKind }[];
  /** Other requests for this hub that hold a failover (running, or approved where the caller says so). */
  running: readonly { requestId: string }[];
  /**
   * Whether anyone could approve a request (FAILOVER_APPROVERS, or the demo's approver): false makes a
   * failover impossible ('no-approvers'), so the card offers no request nobody could approve. Left out by the
   * runner's pre-flight check, which runs after an approval.
   */
  approversConfigured?: boolean;
}

export function secondaryLocation(hub: Hub): string | null {
  return hub.locations.find((location) => location.role === 'secondary')?.location ?? null;
}

export function primaryLocation(hub: Hub): string | null {
  return hub.locations.find((location) => location.role === 'primary')?.location ?? null;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Boundaries, exact: a success counts towards the limit while now - at < 24 h (at exactly 24 h it no longer
 * counts); the cooldown holds while now - last < 1 h (at exactly 1 h a new failover is allowed).
 */
export function evaluateEligibility(hub: Hub, kind: FailoverKind, facts: EligibilityFacts): FailoverEligibility {
  const reasons: IneligibilityReason[] = [];
  if (secondaryLocation(hub) === null) reasons.push('no-secondary');
  if (hub.drDisabled) reasons.push('dr-disabled');
  if (hub.state.toLowerCase() !== 'active') reasons.push('hub-not-active');
  const runningRequestId = facts.running[0]?.requestId ?? null;
  if (runningRequestId !== null) reasons.push('failover-running');
  if (facts.approversConfigured === false) reasons.push('no-approvers');

  const successes = facts.successes
    .map((success) => ({ kind: success.kind, ms: Date.parse(success.at) }))
    .filter((success) => Number.isFinite(success.ms))
    .sort((a, b) => a.ms - b.ms);
  const inWindow = successes.filter((success) => facts.now - success.ms < FAILOVER_LIMITS.windowMs);
  const sameKind = inWindow.filter((success) => success.kind === kind);
  const availableAt: number[] = [];
  if (sameKind.length >= FAILOVER_LIMITS.perKindPerWindow) {
    reasons.push('daily-limit');
    // The limit lifts once enough of the counted successes have left the window.
    const freeing = sameKind[sameKind.length - FAILOVER_LIMITS.perKindPerWindow];
    if (freeing) availableAt.push(freeing.ms + FAILOVER_LIMITS.windowMs);
  }
  const last = successes.at(-1);
  if (last && facts.now - last.ms < FAILOVER_LIMITS.cooldownMs) {
    reasons.push('cooldown');
    availableAt.push(last.ms + FAILOVER_LIMITS.cooldownMs);
  }
  if (reasons.length === 0) return { possible: true };
  return {
    possible: false,
    reasons,
    details: {
      hubState: hub.state,
      availableAt: availableAt.length > 0 ? iso(Math.max(...availableAt)) : null,
      runningRequestId,
      failoversLast24h: inWindow.filter((success) => success.kind === 'failover').length,
      failbacksLast24h: inWindow.filter((success) => success.kind === 'failback').length,
      lastSuccessAt: last ? iso(last.ms) : null,
    },
  };
}

/** A succeeded failover can be followed by a failback from this instant (the one-hour gap); null for anything else. */
export function failbackAllowedAt(record: FailoverRequest): string | null {
  if (record.kind !== 'failover' || record.state !== 'succeeded' || record.finishedAt === null) return null;
  return iso(Date.parse(record.finishedAt) + FAILOVER_LIMITS.cooldownMs);
}

/** What the engineer should do or expect after the failover; the card turns each code into localized text. */
export type AfterStep =
  | 'update-builtin-endpoint-consumers' // fetch the new Event Hub-compatible endpoint, then restart Functions / Stream Analytics
  | 'devices-reconnect' // devices are disconnected and reconnect (some may need DPS re-provisioning)
  | 'dns-propagation' // same host name, new IP: DNS propagation and cached IPs add to the downtime
  | 'retry-lost-requests' // requests in flight during the failover are likely lost
  | 'failback-after-cooldown'; // failing back is another failover, allowed once the one-hour gap has passed

export interface ProposalFacts {
  kind: FailoverKind;
  sourceRegion: string | null;
  targetRegion: string | null;
  duration: {
    minMinutes: number;
    maxMinutes: number;
    /** From the device count (~15 min per 100,000 devices, within the range); null when the count is unknown. */
    estimateMinutes: number | null;
    deviceCount: number | null;
  };
  dataLoss: {
    /** Device-to-cloud and C2D feedback messages not yet read are lost. */
    unreadDeviceToCloud: 'all';
    /** Identity registry, device twins, C2D messages and jobs: up to this many minutes of changes. */
    registryTwinC2dJobsMinutes: number;
    /** C2D messages and parent jobs are not recovered by a customer-initiated failover. */
    c2dAndParentJobsNotRecovered: true;
  };
  afterSteps: AfterStep[];
  cooldownMinutes: number;
}

export const FAILOVER_DURATION = { minMinutes: 10, maxMinutes: 120, minutesPerHundredThousandDevices: 15 } as const;

export function expectedDurationMinutes(deviceCount: number | null): number | null {
  if (deviceCount === null || !Number.isFinite(deviceCount) || deviceCount < 0) return null;
  const raw = Math.ceil((deviceCount / 100_000) * FAILOVER_DURATION.minutesPerHundredThousandDevices);
  return Math.min(FAILOVER_DURATION.maxMinutes, Math.max(FAILOVER_DURATION.minMinutes, raw));
}

export function proposalFacts(hub: Hub, kind: FailoverKind): ProposalFacts {
  return {
    kind,
    sourceRegion: primaryLocation(hub),
    targetRegion: secondaryLocation(hub),
    duration: {
      minMinutes: FAILOVER_DURATION.minMinutes,
      maxMinutes: FAILOVER_DURATION.maxMinutes,
      estimateMinutes: expectedDurationMinutes(hub.deviceCount),
      deviceCount: hub.deviceCount,
    },
    dataLoss: { unreadDeviceToCloud: 'all', registryTwinC2dJobsMinutes: 5, c2dAndParentJobsNotRecovered: true },
    afterSteps:
      kind === 'failover'
        ? ['update-builtin-endpoint-consumers', 'devices-reconnect', 'dns-propagation', 'retry-lost-requests', 'failback-after-cooldown']
        : ['update-builtin-endpoint-consumers', 'devices-reconnect', 'dns-propagation', 'retry-lost-requests'],
    cooldownMinutes: FAILOVER_LIMITS.cooldownMs / 60_000,
  };
}
