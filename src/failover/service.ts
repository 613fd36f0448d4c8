// The failover application service: what src/teams/ (cards, commands) and main.ts call. It only talks to
// ports; the decisions are the pure workflow and policy, persisted by the engine with compare-and-set.
//
// Proposals. Every paste about a hub in an outage proposes a request on its card, so proposals are many and
// mostly never clicked. They are stored (their card's button needs the record) but not indexed (see
// repository.ts), so a proposal costs one write and nothing on later turns. An unrequested proposal expires
// lazily: the first action on it at or after expiresAt — a click, a card refresh (Teams refreshes cards
// automatically when they are viewed) — expires it through the workflow, which updates the card for everyone
// and answers the click with the expired card. Requests (requested, approved, running) are indexed, swept
// and resumed as before: exactly once, expiry at the TTL, resume after a restart.
// A proposal nobody requested is deleted, with its companion documents (the Teams card document), once
// PROPOSAL_GRACE_MS has passed since it expired: until then a late click is told it expired; after, that it
// no longer exists. purgeProposals() finds them without an index: it asks the store for the request keys
// last written at least TTL + grace ago (SQLite's updated_at index, blob Last-Modified), reads only those,
// and remembers up to where it has looked, so each record is read about once per process unless rewritten
// (a proposal expired by a click is rewritten then, and deleted a grace after that write).
// Failback proposals are kept: there is at most one per succeeded failover, and its failover's card names it.
// Each paste gets its own proposal, even for a hub that already has an open one in the same conversation:
// reusing it would bind two messages to one record, whose card document and activity id name only one of
// them, so the older card would be updated with the newer card's diagnosis (or not at all).
import type { Hub, HealthSource, HubDirectory, HubHealthResult } from '../diagnosis/hub.ts';
import type { Locale } from '../core/locale.ts';
import { createEngine } from './engine.ts';
import type { Decision } from './engine.ts';
import { createNotificationQueue, errorSummary } from './notifications.ts';
import type { LogFn } from './notifications.ts';
import { realSleep } from '../core/clock.ts';
import type { AuditLog, FailoverExecutor, FailoverNotifier } from './ports.ts';
import type { Clock, Sleep } from '../core/clock.ts';
import type { StateStore } from '../core/store.ts';
import { eligibilityNow } from './eligibility.ts';
import { failbackAllowedAt } from './policy.ts';
import type { EligibilityDetails, FailbackOffer, FailoverEligibility, IneligibilityReason } from './types.ts';
import {
  REQUEST_KEY_PREFIX,
  createRequest,
  isActiveState,
  isRequestId,
  newRequestId,
  newRevision,
  readIndexed,
  readRequest,
  removeActive,
  requestIdOfKey,
  requestKey,
  updateRequest,
} from './repository.ts';
import { createRunner } from './runner.ts';
import type { Actor, FailoverKind, FailoverRequest, RefusalReason } from './types.ts';
import { isDue, isTerminal, newProposal } from './workflow.ts';
import type { WorkflowCommand } from './workflow.ts';

export type CardVerb = 'failover.request' | 'failover.approve' | 'failover.reject' | 'failover.cancel' | 'card.refresh';

export const CARD_VERBS: readonly CardVerb[] = ['failover.request', 'failover.approve', 'failover.reject', 'failover.cancel', 'card.refresh'];

export interface FailoverServiceConfig {
  /** Entra object ids allowed to approve (FAILOVER_APPROVERS). */
  approvers: readonly string[];
  approvalTtlMinutes: number;
  pollSeconds: number;
  /** How long a runner's claim holds without renewal; default max(60 s, 4 polls). */
  leaseSeconds?: number;
  /** Polling gives up (outcome unknown) this long after the start; default 180 min (RTO is at most ~2 h). */
  maxRunMinutes?: number;
}

/** How long "Check failback" waits for the hub to be read again. */
const FAILBACK_HUB_READ_MS = 5_000;

/** A day: a click the next morning is still told "expired" rather than "no longer exists". */
export const PROPOSAL_GRACE_MS = 24 * 60 * 60_000;

export interface FailoverServiceDeps {
  store: StateStore;
  audit: AuditLog;
  executor: FailoverExecutor;
  directory: HubDirectory;
  health: HealthSource;
  notifier: FailoverNotifier;
  clock: Clock;
  config: FailoverServiceConfig;
  log?: LogFn;
  /** Injected so tests never wait in real time. */
  sleep?: Sleep;
  /**
   * Identifies this process as a runner (claims carry it). Unique per live process. Keep it stable across
   * restarts of the same single instance (e.g. the host name) to resume a running failover at once; with a
   * new id, the restarted process takes over when the old claim's lease runs out.
   */
  instanceId?: string;
  /** Pauses between notifier retries. */
  notifyRetryDelaysMs?: readonly number[];
  /** Documents stored beside a request by the edges (the Teams card document), deleted with a purged proposal. */
  companionKeys?: (requestId: string) => readonly string[];
  /**
   * Demo mode only (main.ts wires it when Azure is simulated and FAILOVER_APPROVERS is empty): an approver of
   * the demo world approves every request, as a second engineer would, `delayMs` after it was made. It goes
   * through the workflow like a click (the approver must be one of config.approvers, never the requester).
   */
  demoApproval?: DemoApproval;
}

/** Who approves requests in the demo, and after how long. */
export interface DemoApproval {
  approver: Actor;
  delayMs: number;
}

export interface ProposeInput {
  hub: Hub;
  kind: FailoverKind;
  conversation: { id: string; reference: unknown };
  locale: Locale;
  requester?: Actor | null;
  /** Health the caller already has (saves a lookup); recorded as what the proposal relied on. */
  health?: HubHealthResult | null;
}

export type ProposeResult =
  | { ok: true; record: FailoverRequest }
  | { ok: false; reasons: IneligibilityReason[]; details: EligibilityDetails };

export interface ActInput {
  verb: CardVerb;
  /** From the card's data: untrusted, opaque. */
  requestId: string;
  actor: Actor;
  /** Conversation the invoke came from: a request id from another conversation is 'not-found'. */
  conversationId: string;
  inputs: { justification?: string; reason?: string };
}

export interface ActResult {
  /** null exactly when outcome is 'not-found' (nothing leaks across conversations). */
  record: FailoverRequest | null;
  outcome: 'ok' | RefusalReason;
}

/** "Check failback" on a succeeded failover: what happened, and the failover record as it now stands. */
export type FailbackOfferResult = { failover: FailoverRequest } & (
  /** The failback was proposed by this call (on the failover's message when it has one). */
  | { outcome: 'proposed'; failback: FailoverRequest }
  /** Nothing to do: not a succeeded failover, or its failback was already proposed (by anyone). */
  | { outcome: 'nothing' }
  /** The one-hour gap is not over yet. */
  | { outcome: 'not-yet'; at: string }
  /** The hub cannot fail back now (no reason when the hub could not even be read). */
  | { outcome: 'unavailable'; reasons: IneligibilityReason[] }
);

export interface SweepResult {
  expired: string[];
  adopted: string[];
  announced: string[];
  /** Finished requests dropped from the active index. */
  pruned: string[];
}

export interface FailoverService {
  eligibility(hub: Hub, kind?: FailoverKind): Promise<FailoverEligibility>;
  propose(input: ProposeInput): Promise<ProposeResult>;
  attachCard(requestId: string, cardActivityId: string): Promise<FailoverRequest | null>;
  act(input: ActInput): Promise<ActResult>;
  get(requestId: string): Promise<FailoverRequest | null>;
  /** What a succeeded failover offers next (null for any other record): its failback proposal, or when one may be asked for. */
  failbackOffer(record: FailoverRequest): Promise<FailbackOffer | null>;
  /** Proposes the failback of a succeeded failover once the gap is over: once, whoever asks first. */
  offerFailback(input: { failover: FailoverRequest; actor: Actor }): Promise<FailbackOfferResult>;
  /** Requests asked for and not finished: requested, approved, running (proposals are not listed). */
  listActive(): Promise<FailoverRequest[]>;
  /** At start-up: continue approved/running requests (polling from the saved token, never a second POST). */
  resumeInFlight(): Promise<{ resumed: string[] }>;
  /** Sweeper: expire what is due, adopt in-flight requests whose runner is gone, re-offer unannounced outcomes. */
  expireDue(): Promise<SweepResult>;
  /** Housekeeping: deletes the proposals nobody requested whose grace after expiry is over (see the header). */
  purgeProposals(): Promise<{ deleted: string[] }>;
  /** Resolves when no runner, audit retry or notification is pending (tests, graceful stop). */
  settled(): Promise<void>;
  /** Stops pollers (state is saved at every poll), lets a POST in flight be saved, stops notifier retries. */
  shutdown(): Promise<void>;
}

/** Channel threads carry ';messageid=<root>'; a card and its invoke belong to the same channel either way. */
export function sameConversation(a: string, b: string): boolean {
  const base = (id: string): string => id.split(';messageid=')[0] ?? id;
  return a === b || base(a) === base(b);
}

/** A failover proposal that was never requested (still proposed, or expired or withdrawn as a proposal). */
function isUnrequestedProposal(record: FailoverRequest): boolean {
  return record.kind === 'failover' && record.requestedAt === null && (record.state === 'proposed' || record.state === 'expired' || record.state === 'cancelled');
}

export function createFailoverService(deps: FailoverServiceDeps): FailoverService {
  const { store, audit, clock, config } = deps;
  const log: LogFn = deps.log ?? (() => undefined);
  const sleep = deps.sleep ?? realSleep;
  const pollMs = config.pollSeconds * 1000;
  const leaseMs = (config.leaseSeconds ?? Math.max(60, 4 * config.pollSeconds)) * 1000;
  const runnerId = deps.instanceId ?? `runner-${newRequestId()}`;
  const stopping = new AbortController();
  const runners = new Map<string, Promise<void>>();

  const notifications = createNotificationQueue({
    notifier: deps.notifier,
    sleep,
    log,
    onAnnounced: (record) => engine.markAnnounced(record),
    ...(deps.notifyRetryDelaysMs ? { retryDelaysMs: deps.notifyRetryDelaysMs } : {}),
  });

  const kick = (record: FailoverRequest): void => {
    if (stopping.signal.aborted || runners.has(record.id)) return;
    const run = runFailover(record.id, stopping.signal)
      .catch((error: unknown) => {
        if (!stopping.signal.aborted) log('failover.runner.crashed', { requestId: record.id, ...errorSummary(error) });
      })
      .finally(() => runners.delete(record.id));
    runners.set(record.id, run);
  };

  const engine = createEngine({
    store,
    audit,
    clock,
    notifications,
    approvers: config.approvers,
    ttlMinutes: config.approvalTtlMinutes,
    leaseMs,
    log,
    onApproved: kick,
  });

  const runFailover = createRunner({
    engine,
    store,
    audit,
    executor: deps.executor,
    directory: deps.directory,
    health: deps.health,
    clock,
    sleep,
    log,
    runnerId,
    pollMs,
    ttlMinutes: config.approvalTtlMinutes,
    maxRunMs: (config.maxRunMinutes ?? 180) * 60_000,
  });

  /** Eligibility as seen by people (propose/request/approve): an approved request for the hub already holds it. */
  const eligibilityFor = (hub: Hub, kind: FailoverKind, excludeId: string | null): Promise<FailoverEligibility> =>
    eligibilityNow({ store, audit }, hub, kind, { now: clock.now(), excludeId, holding: 'approved-or-running', approversConfigured: config.approvers.length > 0 });

  const decideFor = (input: ActInput) => async (record: FailoverRequest): Promise<Decision> => {
    const command: WorkflowCommand | null =
      input.verb === 'failover.request'
        ? { type: 'request', actor: input.actor, justification: input.inputs.justification ?? '' }
        : input.verb === 'failover.approve'
          ? { type: 'approve', actor: input.actor }
          : input.verb === 'failover.reject'
            ? { type: 'reject', actor: input.actor, reason: input.inputs.reason ?? '' }
            : input.verb === 'failover.cancel'
              ? { type: 'cancel', actor: input.actor }
              : null;
    if (command === null) return { refusal: 'not-found' };
    // Eligibility costs store reads: only computed where it can change the answer.
    const needsEligibility =
      (command.type === 'request' && record.state === 'proposed') || (command.type === 'approve' && record.state === 'requested');
    if (!needsEligibility) return { command };
    return { command, eligibility: await eligibilityFor(record.hubSnapshot, record.kind, record.id) };
  };

  const expireIfDue = async (id: string): Promise<boolean> => {
    const result = await engine.commit(id, (record, now) => (isDue(record, now) ? { command: { type: 'expire' } } : { refusal: 'not-due' }));
    return result.outcome === 'ok';
  };

  const listIndexed = (): Promise<FailoverRequest[]> => readIndexed(store, clock.now());

  /** The demo's second engineer approves a request a few seconds after it was made (demo mode only). */
  const approveForDemo = (record: FailoverRequest): void => {
    const demo = deps.demoApproval;
    if (demo === undefined || record.state !== 'requested' || stopping.signal.aborted) return;
    engine.tasks.add(
      (async () => {
        try {
          await sleep(demo.delayMs, stopping.signal);
        } catch {
          return; // Stopping: the next start approves it (resumeInFlight).
        }
        const input: ActInput = { verb: 'failover.approve', requestId: record.id, actor: demo.approver, conversationId: record.conversation.id, inputs: {} };
        const result = await engine.commit(record.id, decideFor(input));
        log('failover.demo.approval', { requestId: record.id, outcome: result.outcome });
      })().catch((error: unknown) => log('failover.demo.approval-failed', { requestId: record.id, ...errorSummary(error) })),
    );
  };

  const propose = async (input: ProposeInput): Promise<ProposeResult> => {
    const eligibility = await eligibilityFor(input.hub, input.kind, null);
    if (!eligibility.possible) return { ok: false, reasons: eligibility.reasons, details: eligibility.details };
    let health = input.health ?? null;
    if (health === null) {
      try {
        health = await deps.health.current(input.hub);
      } catch (error) {
        log('failover.propose.health-failed', { hubId: input.hub.id, ...errorSummary(error) });
      }
    }
    const record = newProposal({
      id: newRequestId(),
      revision: newRevision(),
      hub: input.hub,
      kind: input.kind,
      conversation: input.conversation,
      locale: input.locale,
      proposedBy: input.requester ?? null,
      availabilityState: health?.ok ? health.health.availabilityState : null,
      healthCheckedAt: health?.ok ? health.checkedAt : null,
      now: clock.now(),
      ttlMinutes: config.approvalTtlMinutes,
    });
    await createRequest(store, record);
    log('failover.proposed', { requestId: record.id, hubId: record.hub.id, kind: record.kind });
    return { ok: true, record };
  };

  const attachCard = async (requestId: string, cardActivityId: string): Promise<FailoverRequest | null> => {
    if (!isRequestId(requestId)) return null;
    return (await updateRequest(store, requestId, (record) => ({ ...record, conversation: { ...record.conversation, cardActivityId } }))) ?? null;
  };

  const companionKeys = deps.companionKeys ?? (() => []);
  /** Every request key last written before this instant has been looked at by purgeProposals. */
  let purgedUntil = 0;

  return {
    eligibility(hub, kind = 'failover') {
      return eligibilityFor(hub, kind, null);
    },

    propose,

    attachCard,

    async act(input) {
      const item = await readRequest(store, input.requestId);
      if (!item || !sameConversation(item.value.conversation.id, input.conversationId)) return { record: null, outcome: 'not-found' };
      if (isDue(item.value, clock.now())) await expireIfDue(input.requestId);
      if (input.verb === 'card.refresh') {
        const current = await readRequest(store, input.requestId);
        if (current?.value.state === 'approved') kick(current.value);
        return current ? { record: current.value, outcome: 'ok' } : { record: null, outcome: 'not-found' };
      }
      const result = await engine.commit(input.requestId, decideFor(input));
      if (result.outcome !== 'ok') log('failover.refused', { requestId: input.requestId, verb: input.verb, outcome: result.outcome });
      else if (input.verb === 'failover.request' && result.record) approveForDemo(result.record);
      return result;
    },

    async get(requestId) {
      return (await readRequest(store, requestId))?.value ?? null;
    },

    async failbackOffer(record) {
      const at = failbackAllowedAt(record);
      if (at === null) return null;
      const failbackId = record.failbackRequestId ?? null;
      if (failbackId !== null) {
        const failback = await readRequest(store, failbackId);
        if (failback && failback.value.state === 'proposed') return { kind: 'proposed', record: failback.value };
      }
      return { kind: 'from', at };
    },

    async offerFailback({ failover, actor }) {
      const at = failbackAllowedAt(failover);
      if (at === null || failover.failbackRequestId) return { outcome: 'nothing', failover };
      if (clock.now() < Date.parse(at)) return { outcome: 'not-yet', at, failover };
      let hub: Hub;
      try {
        hub = await deps.directory.refresh(failover.hubSnapshot, AbortSignal.timeout(FAILBACK_HUB_READ_MS));
      } catch (error) {
        log('failover.failback.hub-read-failed', { requestId: failover.id, ...errorSummary(error) });
        return { outcome: 'unavailable', reasons: [], failover };
      }
      const conversation = { id: failover.conversation.id, reference: failover.conversation.reference };
      const proposal = await propose({ hub, kind: 'failback', conversation, locale: failover.conversation.locale, requester: actor });
      if (!proposal.ok) return { outcome: 'unavailable', reasons: proposal.reasons, failover };
      const failback = proposal.record;
      // Two clicks at once: the first link written wins; the other proposal, which nobody has seen, is withdrawn.
      const linked = await updateRequest(store, failover.id, (current) => (current.failbackRequestId ? undefined : { ...current, failbackRequestId: failback.id }));
      if (linked?.failbackRequestId !== failback.id) {
        await engine.commit(failback.id, () => ({ command: { type: 'cancel', actor } }));
        return { outcome: 'nothing', failover: linked ?? failover };
      }
      const cardActivityId = failover.conversation.cardActivityId;
      const attached = cardActivityId === null ? failback : ((await attachCard(failback.id, cardActivityId)) ?? failback);
      log('failover.failback.proposed', { requestId: failover.id, failbackRequestId: failback.id });
      return { outcome: 'proposed', failback: attached, failover: linked };
    },

    async listActive() {
      return (await listIndexed()).filter((record) => isActiveState(record.state));
    },

    async resumeInFlight() {
      const resumed: string[] = [];
      for (const record of await listIndexed()) {
        if (record.state === 'approved' || record.state === 'running') {
          resumed.push(record.id);
          kick(record);
          notifications.changed(record);
        } else if ((record.state === 'succeeded' || record.state === 'failed') && record.outcomeAnnouncedAt === null) {
          notifications.changed(record);
          notifications.announce(record);
        } else if (record.state === 'requested') {
          approveForDemo(record);
        }
      }
      if (resumed.length > 0) log('failover.resumed', { requestIds: resumed });
      return { resumed };
    },

    async expireDue() {
      const result: SweepResult = { expired: [], adopted: [], announced: [], pruned: [] };
      const now = clock.now();
      for (const record of await listIndexed()) {
        if (isDue(record, now)) {
          if (await expireIfDue(record.id)) result.expired.push(record.id);
        } else if ((record.state === 'approved' || record.state === 'running') && !runners.has(record.id)) {
          result.adopted.push(record.id);
          kick(record);
        } else if ((record.state === 'succeeded' || record.state === 'failed') && record.outcomeAnnouncedAt === null) {
          result.announced.push(record.id);
          notifications.announce(record);
        } else if (isTerminal(record.state)) {
          result.pruned.push(record.id);
        }
      }
      await removeActive(store, result.pruned);
      return result;
    },

    async purgeProposals() {
      const now = clock.now();
      // A proposal's record is last written at or after its creation, and it expires a TTL after that: a key
      // last written at or before now - TTL - grace belongs to a request, or to a proposal whose grace is over.
      const horizon = now - config.approvalTtlMinutes * 60_000 - PROPOSAL_GRACE_MS + 1;
      if (horizon <= purgedUntil) return { deleted: [] };
      let lookedUntil = horizon;
      const deleted: string[] = [];
      for (const { key, writtenAt } of await store.listKeys(REQUEST_KEY_PREFIX, { from: purgedUntil, to: horizon })) {
        const id = requestIdOfKey(key);
        const record = id === null ? undefined : (await readRequest(store, id))?.value;
        if (id === null || record === undefined || !isUnrequestedProposal(record)) continue;
        if (now < Date.parse(record.expiresAt) + PROPOSAL_GRACE_MS) {
          // Proposed with a longer TTL than today's: look at it again next time.
          lookedUntil = Math.min(lookedUntil, writtenAt);
          continue;
        }
        // Companions first: they are found through the record, so a purge cut short in between leaves the
        // record for the next one (and a record without its card document still answers a click).
        for (const companion of companionKeys(id)) await store.delete(companion);
        await store.delete(requestKey(id));
        deleted.push(id);
      }
      purgedUntil = lookedUntil;
      if (deleted.length > 0) log('failover.proposals.purged', { count: deleted.length });
      return { deleted };
    },

    async settled() {
      for (;;) {
        await Promise.all([...runners.values()]);
        await engine.tasks.drain();
        await notifications.idle();
        if (runners.size === 0 && engine.tasks.size === 0) return;
      }
    },

    async shutdown() {
      stopping.abort(new Error('failover service shutting down'));
      await Promise.allSettled([...runners.values()]);
      await engine.tasks.drain();
      await notifications.stop();
    },
  };
}
