// The one place a workflow transition is persisted: read the record, let the pure state machine decide,
// compare-and-set the result on the eTag that was read, and only when that write won: append the audit
// entries and run the effects (card update, runner start, lock release, index cleanup). A lost race
// re-reads and decides again, so a double click, a Teams retry or two instances yield one transition.
import { isStoreConflict, StoreConflictError } from '../core/store.ts';
import type { AuditLog } from './ports.ts';
import type { Clock } from '../core/clock.ts';
import type { StateStore } from '../core/store.ts';
import type { FailoverEligibility } from './types.ts';
import { addActive, entersIndex, newRevision, readRequest, releaseHubLock, removeActive, requestKey, revisionLanded, updateRequest } from './repository.ts';
import { CAS_MAX_ATTEMPTS, backoff } from '../core/store.ts';
import type { AuditDraft, FailoverRequest, RefusalReason } from './types.ts';
import { errorSummary } from './notifications.ts';
import type { LogFn, NotificationQueue } from './notifications.ts';
import { isTerminal, transition } from './workflow.ts';
import type { WorkflowCommand } from './workflow.ts';

export type Decision = { command: WorkflowCommand; eligibility?: FailoverEligibility } | { refusal: RefusalReason };

export interface CommitResult {
  /** The record after the command (or as it stands when refused); null only when it does not exist. */
  record: FailoverRequest | null;
  outcome: 'ok' | RefusalReason;
}

export interface EngineDeps {
  store: StateStore;
  audit: AuditLog;
  clock: Clock;
  notifications: NotificationQueue;
  approvers: readonly string[];
  ttlMinutes: number;
  leaseMs: number;
  log: LogFn;
  /** An approved record appeared (here or seen by a re-read): make sure a runner looks at it. */
  onApproved: (record: FailoverRequest) => void;
}

/** Background work the service waits for in settled() / shutdown(). */
export class TaskSet {
  readonly #tasks = new Set<Promise<unknown>>();
  add(task: Promise<unknown>): void {
    const tracked = task.finally(() => this.#tasks.delete(tracked));
    this.#tasks.add(tracked);
  }
  async drain(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }
  get size(): number {
    return this.#tasks.size;
  }
}

export interface Engine {
  commit(id: string, decide: (record: FailoverRequest, now: number) => Decision | Promise<Decision>): Promise<CommitResult>;
  /** Records that the outcome was announced, then drops the request from the active index. */
  markAnnounced(record: FailoverRequest): Promise<void>;
  readonly tasks: TaskSet;
}

export function createEngine(deps: EngineDeps): Engine {
  const tasks = new TaskSet();

  const appendAudit = async (drafts: AuditDraft[]): Promise<void> => {
    if (drafts.length === 0) return;
    try {
      await deps.audit.append(drafts);
    } catch (error) {
      // The transition is committed; keep trying the audit in the background rather than fail the caller.
      deps.log('failover.audit.append-failed', { requestId: drafts[0]?.requestId, kinds: drafts.map((d) => d.kind), ...errorSummary(error) });
      tasks.add(
        (async () => {
          for (let attempt = 0; attempt < 5; attempt++) {
            await backoff(6);
            try {
              await deps.audit.append(drafts);
              return;
            } catch (retryError) {
              deps.log('failover.audit.append-failed', { requestId: drafts[0]?.requestId, retry: attempt + 1, ...errorSummary(retryError) });
            }
          }
        })(),
      );
    }
  };

  const finish = async (record: FailoverRequest): Promise<void> => {
    try {
      await releaseHubLock(deps.store, record.hub.id, record.id);
      if (record.state === 'succeeded' || record.state === 'failed') deps.notifications.announce(record);
      else await removeActive(deps.store, [record.id]);
    } catch (error) {
      deps.log('failover.finish.failed', { requestId: record.id, ...errorSummary(error) });
    }
  };

  const afterCommit = (next: FailoverRequest): void => {
    deps.notifications.changed(next);
    if (next.state === 'approved') deps.onApproved(next);
    if (isTerminal(next.state)) tasks.add(finish(next));
  };

  return {
    tasks,
    async commit(id, decide) {
      for (let attempt = 0; attempt < CAS_MAX_ATTEMPTS; attempt++) {
        const item = await readRequest(deps.store, id);
        if (!item) return { record: null, outcome: 'not-found' };
        const now = deps.clock.now();
        const decision = await decide(item.value, now);
        if ('refusal' in decision) return { record: item.value, outcome: decision.refusal };
        const result = transition(item.value, decision.command, {
          now,
          approvers: deps.approvers,
          ttlMinutes: deps.ttlMinutes,
          leaseMs: deps.leaseMs,
          ...(decision.eligibility ? { eligibility: decision.eligibility } : {}),
        });
        if (!result.ok) {
          if (result.refusal === 'already-approved') deps.onApproved(item.value);
          return { record: item.value, outcome: result.refusal };
        }
        const next: FailoverRequest = { ...result.next, revision: newRevision() };
        // A proposal is not indexed: it enters the index BEFORE the write that makes it a request, so the
        // sweeper, resume and eligibility never miss it. Should this write lose its race, the entry stays for a
        // record in another state, which readers filter and the sweeper drops once it is finished.
        if (entersIndex(item.value.state, next.state)) await addActive(deps.store, id, new Date(now).toISOString());
        try {
          await deps.store.write(requestKey(id), next, item.eTag);
        } catch (error) {
          if (!isStoreConflict(error)) throw error;
          if (!(await revisionLanded(deps.store, id, next.revision))) {
            await backoff(attempt);
            continue;
          }
        }
        deps.log('failover.transition', { requestId: id, command: decision.command.type, from: item.value.state, to: next.state, version: next.version });
        await appendAudit(result.audit);
        afterCommit(next);
        return { record: next, outcome: 'ok' };
      }
      throw new StoreConflictError(requestKey(id), 'etag-mismatch');
    },
    async markAnnounced(record) {
      const now = new Date(deps.clock.now()).toISOString();
      await updateRequest(deps.store, record.id, (current) => (current.outcomeAnnouncedAt === null ? { ...current, outcomeAnnouncedAt: now } : undefined));
      await removeActive(deps.store, [record.id]);
    },
  };
}
