// The facts the eligibility rules (policy.ts) need about a hub, read from the audit trail (its successes in
// the window) and the active index (the other requests holding a failover of it). One reader for the people
// (propose, request, approve) and for the runner's pre-flight check, which differ only in what counts as
// holding the hub.
import type { Hub } from '../diagnosis/hub.ts';
import type { StateStore } from '../core/store.ts';
import type { AuditLog } from './ports.ts';
import { FAILOVER_LIMITS, evaluateEligibility } from './policy.ts';
import { readIndexed } from './repository.ts';
import type { FailoverEligibility, FailoverKind, FailoverRequest } from './types.ts';

/**
 * 'approved-or-running': as people see it, an approved request for the hub already holds it.
 * 'running': the runner, right before its POST: an approved one does not (the hub's lock decides between them).
 */
export type Holding = 'approved-or-running' | 'running';

function holds(record: FailoverRequest, holding: Holding): boolean {
  return record.state === 'running' || (holding === 'approved-or-running' && record.state === 'approved');
}

export async function eligibilityNow(
  deps: { store: StateStore; audit: AuditLog },
  hub: Hub,
  kind: FailoverKind,
  options: { now: number; excludeId: string | null; holding: Holding; approversConfigured?: boolean },
): Promise<FailoverEligibility> {
  const { now } = options;
  const successes = await deps.audit.successesSince(hub.id, now - FAILOVER_LIMITS.windowMs);
  const running = (await readIndexed(deps.store, now))
    .filter((record) => record.id !== options.excludeId && record.hub.id.toLowerCase() === hub.id.toLowerCase() && holds(record, options.holding))
    .map((record) => ({ requestId: record.id }));
  return evaluateEligibility(hub, kind, {
    now,
    successes,
    running,
    ...(options.approversConfigured === undefined ? {} : { approversConfigured: options.approversConfigured }),
  });
}
