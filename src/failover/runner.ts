// Runs one approved failover: pre-flight checks, hub lock, claim, exactly one POST, then polling until done.
//
// Exactly-once POST: only the runner whose compare-and-set approved → running (the claim) won sends it, and
// nobody ever sends it for a record that is already running. The claim carries a lease renewed at every saved
// poll; another runner (other instance, or this one restarted under a new id) takes over a running record only
// once the lease has run out, and then only polls.
//
// Crash between the POST and saving its answer: the record is running with operation === null and nobody
// knows the poller's resume token. The POST is never sent again. The runner that takes over reconciles from
// the hub itself: it re-reads the hub until the primary location is the target region (succeeded), the hub
// reports a failed failover, or the maximum duration has passed (failed: outcome unknown, humans look).
import type { Hub, HealthSource, HubDirectory } from '../diagnosis/hub.ts';
import { FailoverRequestError } from './ports.ts';
import type { AuditLog, FailoverExecutor, FailoverProgress } from './ports.ts';
import type { Clock, Sleep } from '../core/clock.ts';
import type { StateStore } from '../core/store.ts';
import { eligibilityNow } from './eligibility.ts';
import { primaryLocation, secondaryLocation } from './policy.ts';
import type { Engine } from './engine.ts';
import { errorSummary } from './notifications.ts';
import type { LogFn } from './notifications.ts';
import { acquireHubLock, readRequest } from './repository.ts';
import type { FailoverRequest, PreflightFailure } from './types.ts';
import { isTerminal } from './workflow.ts';
import type { WorkflowCommand } from './workflow.ts';

export interface RunnerDeps {
  engine: Engine;
  store: StateStore;
  audit: AuditLog;
  executor: FailoverExecutor;
  directory: HubDirectory;
  health: HealthSource;
  clock: Clock;
  sleep: Sleep;
  log: LogFn;
  runnerId: string;
  pollMs: number;
  ttlMinutes: number;
  /** Give up polling (outcome unknown) this long after the start. */
  maxRunMs: number;
}

export type RunFailover = (requestId: string, signal: AbortSignal) => Promise<void>;

function sameRegion(a: string | null, b: string | null): boolean {
  const norm = (value: string | null): string => (value ?? '').replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}

export function createRunner(deps: RunnerDeps): RunFailover {
  const { engine, clock, log, runnerId } = deps;
  const iso = (ms: number): string => new Date(ms).toISOString();

  const commit = (id: string, command: WorkflowCommand): Promise<FailoverRequest | null> =>
    engine.commit(id, () => ({ command })).then((result) => (result.outcome === 'ok' ? result.record : null));

  const isLive = async (holderId: string): Promise<boolean> => {
    const holder = await readRequest(deps.store, holderId);
    return holder !== undefined && !isTerminal(holder.value.state);
  };

  const refreshHub = async (record: FailoverRequest, signal: AbortSignal): Promise<Hub | string> => {
    let detail = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await deps.directory.refresh(record.hubSnapshot, signal);
      } catch (error) {
        detail = errorSummary(error).errorMessage;
        log('failover.runner.hub-refresh-failed', { requestId: record.id, attempt: attempt + 1, ...errorSummary(error) });
        if (attempt < 2) await deps.sleep(2_000 * (attempt + 1), signal);
      }
    }
    return detail;
  };

  /** Everything the approval relied on, re-checked on fresh data right before the POST. */
  const preflight = async (record: FailoverRequest, signal: AbortSignal): Promise<{ hub: Hub | null; failures: PreflightFailure[] }> => {
    const failures: PreflightFailure[] = [];
    const now = clock.now();
    if (record.decidedAt !== null && now >= Date.parse(record.decidedAt) + deps.ttlMinutes * 60_000) {
      failures.push({ kind: 'approval-expired', approvedAt: record.decidedAt });
    }
    const fresh = await refreshHub(record, signal);
    if (typeof fresh === 'string') return { hub: null, failures: [...failures, { kind: 'hub-unreachable', detail: fresh }] };
    if (!sameRegion(primaryLocation(fresh), record.hub.primaryLocation) || !sameRegion(secondaryLocation(fresh), record.hub.secondaryLocation)) {
      failures.push({ kind: 'hub-changed', primaryLocation: primaryLocation(fresh), secondaryLocation: secondaryLocation(fresh) });
    }
    const eligibility = await eligibilityNow(deps, fresh, record.kind, { now, excludeId: record.id, holding: 'running' });
    if (!eligibility.possible) failures.push({ kind: 'ineligible', reasons: eligibility.reasons, availableAt: eligibility.details.availableAt });
    if (record.basis.availabilityState === 'Unavailable' || record.basis.availabilityState === 'Degraded') {
      try {
        const health = await deps.health.current(fresh, { signal, fresh: true });
        if (health.ok && health.health.availabilityState === 'Available') failures.push({ kind: 'hub-recovered', availabilityState: 'Available' });
      } catch (error) {
        // Not knowing the health is no reason to override the approvers: proceed, and say so in the log.
        log('failover.runner.health-failed', { requestId: record.id, ...errorSummary(error) });
      }
    }
    return { hub: fresh, failures };
  };

  /** Saves one executor answer; null when this runner no longer owns the record (stop). */
  const saveProgress = (id: string, progress: FailoverProgress): Promise<FailoverRequest | null> => {
    switch (progress.status) {
      case 'running':
        return commit(id, { type: 'progress', runnerId, progress });
      case 'succeeded':
        return commit(id, { type: 'succeed', runnerId, progress, detail: 'operation-succeeded' });
      case 'failed':
        return commit(id, { type: 'fail', runnerId, progress, cause: { kind: 'operation-failed', message: progress.errorMessage } });
    }
  };

  const renew = (id: string): Promise<FailoverRequest | null> => commit(id, { type: 'resume', runnerId });

  const overdue = (record: FailoverRequest): boolean => record.startedAt !== null && clock.now() - Date.parse(record.startedAt) >= deps.maxRunMs;

  /**
   * Approved → (hub lock, checks, claim, POST). The checks run while holding the hub's lock, so a failover of
   * the same hub that finished a moment ago (other request, other instance) is visible to them: its success
   * is in the audit trail before its lock is released.
   */
  const startPhase = async (record: FailoverRequest, signal: AbortSignal): Promise<void> => {
    const lock = await acquireHubLock(deps.store, record.hub.id, record.id, iso(clock.now()), isLive);
    if (!lock.acquired) {
      await commit(record.id, { type: 'refuse', checks: [{ kind: 'failover-running', requestId: lock.holder }] });
      return;
    }
    const { hub, failures } = await preflight(record, signal);
    if (failures.length > 0 || hub === null) {
      log('failover.runner.refused', { requestId: record.id, checks: failures.map((failure) => failure.kind) });
      await commit(record.id, { type: 'refuse', checks: failures });
      return;
    }
    const claimed = await commit(record.id, { type: 'start', runnerId });
    if (!claimed) return; // someone else claimed it, or it was cancelled: the caller re-reads.
    log('failover.runner.post', { requestId: record.id, hubId: record.hub.id, failoverRegion: record.failoverRegion });
    let progress: FailoverProgress;
    try {
      // No abort signal: a POST is never abandoned halfway; shutdown waits for its answer to be saved.
      progress = await deps.executor.start(hub, record.failoverRegion);
    } catch (error) {
      if (error instanceof FailoverRequestError && error.statusCode !== null) {
        log('failover.runner.post-rejected', { requestId: record.id, statusCode: error.statusCode, armCode: error.armCode, armRequestId: error.armRequestId });
        await commit(record.id, {
          type: 'fail',
          runnerId,
          progress: null,
          cause: { kind: 'arm-rejected', statusCode: error.statusCode, armCode: error.armCode, armRequestId: error.armRequestId, message: error.message },
        });
        return;
      }
      // No answer: the POST may or may not have reached ARM. Never re-send; find out from the hub.
      log('failover.runner.post-unanswered', { requestId: record.id, ...errorSummary(error) });
      return;
    }
    await saveProgress(record.id, progress);
  };

  const pollPhase = async (start: FailoverRequest, signal: AbortSignal): Promise<void> => {
    let record: FailoverRequest | null = start;
    while (record && record.state === 'running' && record.operation) {
      const current: FailoverRequest = record;
      const resumeToken = record.operation.resumeToken;
      await deps.sleep(deps.pollMs, signal);
      if (overdue(current)) {
        await reconcileOnce(current, signal, 'polling-gave-up', true);
        return;
      }
      let progress: FailoverProgress;
      try {
        progress = await deps.executor.poll(current.hubSnapshot, resumeToken, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        log('failover.runner.poll-failed', { requestId: current.id, ...errorSummary(error) });
        record = await renew(current.id);
        continue;
      }
      record = await saveProgress(current.id, progress);
    }
  };

  /** One look at the hub for a running record whose POST outcome is unknown. true when it is settled. */
  const reconcileOnce = async (
    record: FailoverRequest,
    signal: AbortSignal,
    why: 'post-unanswered' | 'polling-gave-up',
    final: boolean,
  ): Promise<boolean> => {
    let hub: Hub | null = null;
    try {
      hub = await deps.directory.refresh(record.hubSnapshot, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      log('failover.runner.reconcile-refresh-failed', { requestId: record.id, ...errorSummary(error) });
    }
    if (hub && sameRegion(primaryLocation(hub), record.failoverRegion)) {
      await commit(record.id, { type: 'succeed', runnerId, progress: null, detail: 'verified-from-hub-locations' });
      return true;
    }
    if (hub && /fail/i.test(hub.state)) {
      await commit(record.id, { type: 'fail', runnerId, progress: null, cause: { kind: 'outcome-unknown', why: 'hub-reports-failure' } });
      return true;
    }
    if (final) {
      await commit(record.id, { type: 'fail', runnerId, progress: null, cause: { kind: 'outcome-unknown', why } });
      return true;
    }
    return false;
  };

  const reconcilePhase = async (start: FailoverRequest, signal: AbortSignal): Promise<void> => {
    let record: FailoverRequest | null = start;
    while (record && record.state === 'running' && record.operation === null) {
      if (await reconcileOnce(record, signal, 'post-unanswered', overdue(record))) return;
      record = await renew(record.id);
      if (record) await deps.sleep(deps.pollMs, signal);
    }
  };

  return async (requestId, signal) => {
    while (!signal.aborted) {
      const item = await readRequest(deps.store, requestId);
      if (!item) return;
      const record = item.value;
      if (record.state === 'approved') {
        await startPhase(record, signal);
        continue;
      }
      if (record.state !== 'running') return;
      let owned: FailoverRequest | null = record;
      if (record.claim?.runnerId !== runnerId) {
        const taken = await engine.commit(requestId, () => ({ command: { type: 'resume', runnerId } }));
        if (taken.outcome === 'lease-held' && taken.record?.claim) {
          // Another runner is alive (or was until recently): stand by until its lease would have run out.
          const wait = Math.max(1_000, Date.parse(taken.record.claim.until) - clock.now() + 1_000);
          await deps.sleep(wait, signal);
          continue;
        }
        if (taken.outcome !== 'ok') continue;
        owned = taken.record;
        log('failover.runner.took-over', { requestId, previous: record.claim?.runnerId ?? null });
      }
      if (!owned) continue;
      if (owned.operation === null) await reconcilePhase(owned, signal);
      else await pollPhase(owned, signal);
    }
  };
}
