// PURE. The failover approval state machine: proposed → requested → approved → running → succeeded | failed,
// plus rejected, expired, cancelled. transition() decides; the service persists the result with a
// compare-and-set, so whatever reaches the store went through here exactly once.
import type { AvailabilityState, Hub } from '../diagnosis/hub.ts';
import type { Locale } from '../core/locale.ts';
import type { SecretKind } from '../diagnosis/types.ts';
import { redactTypedText } from './free-text.ts';
import type { FailoverProgress } from './ports.ts';
import { primaryLocation, secondaryLocation } from './policy.ts';
import type { FailoverEligibility } from './types.ts';
import type {
  Actor,
  AlreadyRefusal,
  AuditDraft,
  AuditKind,
  FailoverKind,
  FailoverRequest,
  FailoverState,
  FailureCause,
  OperationState,
  PreflightFailure,
  RefusalReason,
  TerminalState,
} from './types.ts';
import { TERMINAL_STATES } from './types.ts';

export const JUSTIFICATION_MAX_LENGTH = 1000;
export const REASON_MAX_LENGTH = 1000;
export const HISTORY_MAX_ENTRIES = 30;
/** Typed text longer than this many times its maximum is refused unread: the redaction's work stays bounded. */
export const UNREAD_TEXT_FACTOR = 4;

export type WorkflowCommand =
  | { type: 'request'; actor: Actor; justification: string }
  | { type: 'approve'; actor: Actor }
  | { type: 'reject'; actor: Actor; reason: string }
  | { type: 'cancel'; actor: Actor }
  | { type: 'expire' }
  /** Claim by a runner: approved → running with no operation yet (the POST is about to be sent). */
  | { type: 'start'; runnerId: string }
  /** Take over a running request whose runner's lease has run out (or renew one's own claim). */
  | { type: 'resume'; runnerId: string }
  | { type: 'progress'; runnerId: string; progress: FailoverProgress }
  | { type: 'succeed'; runnerId: string; progress: FailoverProgress | null; detail: string | null }
  | { type: 'fail'; runnerId: string; progress: FailoverProgress | null; cause: FailureCause }
  /** The pre-flight checks found that something the approval relied on no longer holds. */
  | { type: 'refuse'; checks: PreflightFailure[] };

export interface WorkflowContext {
  now: number;
  /** Entra object ids allowed to approve or reject (FAILOVER_APPROVERS). Empty: nobody can. */
  approvers: readonly string[];
  ttlMinutes: number;
  /** How long a runner's claim holds without a renewal. */
  leaseMs: number;
  /** Eligibility of the hub now; request and approve are refused when it says not possible. */
  eligibility?: FailoverEligibility;
}

export type TransitionResult = { ok: true; next: FailoverRequest; audit: AuditDraft[] } | { ok: false; refusal: RefusalReason };

export function isTerminal(state: FailoverState): state is TerminalState {
  return TERMINAL_STATES.includes(state);
}

/** Proposals and requests expire AT expiresAt (not one millisecond later). */
export function isDue(record: FailoverRequest, now: number): boolean {
  return (record.state === 'proposed' || record.state === 'requested') && now >= Date.parse(record.expiresAt);
}

export function sameActor(a: Actor | null, b: Actor | null): boolean {
  if (!a || !b) return false;
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.id === b.id;
}

export function isApprover(actor: Actor, approvers: readonly string[]): boolean {
  const id = actor.aadObjectId?.toLowerCase();
  return id !== undefined && id !== '' && approvers.some((approver) => approver.toLowerCase() === id);
}

/** Who should see Approve/Reject on the card: the approvers, minus the requester. */
export function eligibleApprovers(record: FailoverRequest, approvers: readonly string[]): string[] {
  const requester = record.requester?.aadObjectId?.toLowerCase() ?? null;
  return approvers.filter((approver) => approver.toLowerCase() !== requester);
}

export interface NewProposal {
  id: string;
  /** Random token of the first stored write (see FailoverRequest.revision). */
  revision: string;
  hub: Hub;
  kind: FailoverKind;
  conversation: { id: string; reference: unknown };
  locale: Locale;
  proposedBy: Actor | null;
  availabilityState: AvailabilityState | null;
  healthCheckedAt: string | null;
  now: number;
  ttlMinutes: number;
}

export function newProposal(input: NewProposal): FailoverRequest {
  const target = secondaryLocation(input.hub);
  if (target === null) throw new Error(`hub ${input.hub.name} has no secondary location: it cannot be proposed for failover`);
  return {
    id: input.id,
    hub: {
      id: input.hub.id,
      name: input.hub.name,
      resourceGroup: input.hub.resourceGroup,
      subscriptionId: input.hub.subscriptionId,
      hostName: input.hub.hostName,
      primaryLocation: primaryLocation(input.hub),
      secondaryLocation: target,
    },
    hubSnapshot: input.hub,
    kind: input.kind,
    failoverRegion: target,
    state: 'proposed',
    version: 1,
    revision: input.revision,
    proposedBy: input.proposedBy,
    requester: null,
    approver: null,
    rejectedBy: null,
    cancelledBy: null,
    justification: null,
    rejectReason: null,
    createdAt: iso(input.now),
    requestedAt: null,
    decidedAt: null,
    startedAt: null,
    finishedAt: null,
    expiresAt: iso(input.now + input.ttlMinutes * 60_000),
    conversation: { id: input.conversation.id, reference: input.conversation.reference, cardActivityId: null, locale: input.locale },
    basis: { availabilityState: input.availabilityState, checkedAt: input.healthCheckedAt },
    operation: null,
    claim: null,
    failure: null,
    outcomeAnnouncedAt: null,
    history: [],
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function already(state: Exclude<FailoverState, 'proposed'>): RefusalReason {
  const refusal: AlreadyRefusal = `already-${state}`;
  return refusal;
}

function refuse(refusal: RefusalReason): TransitionResult {
  return { ok: false, refusal };
}

interface AuditExtras {
  actor?: Actor | null;
  justification?: string | null;
  reason?: string | null;
  armRequestId?: string | null;
  operationId?: string | null;
  detail?: string | null;
}

function draft(record: FailoverRequest, kind: AuditKind, now: number, extras: AuditExtras = {}): AuditDraft {
  const actor = extras.actor ?? null;
  return {
    at: iso(now),
    kind,
    hubId: record.hub.id,
    hubName: record.hub.name,
    failoverKind: record.kind,
    actor: actor ? { name: actor.name, aadObjectId: actor.aadObjectId } : null,
    requestId: record.id,
    conversationId: record.conversation.id,
    justification: extras.justification ?? null,
    reason: extras.reason ?? null,
    failoverRegion: record.failoverRegion,
    armRequestId: extras.armRequestId ?? null,
    operationId: extras.operationId ?? null,
    detail: extras.detail ?? null,
  };
}

/** Applies the bookkeeping every transition shares: version, history. */
function advance(record: FailoverRequest, changes: Partial<FailoverRequest>, audit: AuditDraft[]): TransitionResult {
  const history = [...record.history, ...audit.map((entry) => ({ at: entry.at, event: entry.kind, by: entry.actor?.name ?? null }))];
  const next: FailoverRequest = {
    ...record,
    ...changes,
    version: record.version + 1,
    history: history.slice(-HISTORY_MAX_ENTRIES),
  };
  return { ok: true, next, audit };
}

function withProgress(previous: OperationState | null, progress: FailoverProgress, now: number): OperationState {
  return {
    status: progress.status,
    resumeToken: progress.resumeToken,
    armRequestId: progress.armRequestId ?? previous?.armRequestId ?? null,
    operationId: progress.operationId ?? previous?.operationId ?? null,
    lastPolledAt: iso(now),
    polls: (previous?.polls ?? 0) + 1,
    errorMessage: progress.errorMessage,
  };
}

/** An operation whose outcome was established without the poller (from the hub itself). */
function settled(operation: OperationState | null, status: 'succeeded' | 'failed'): OperationState | null {
  return operation ? { ...operation, status } : null;
}

/** The 'started' audit entry is written when ARM first answers the POST (it carries the ARM ids). */
function startedAudit(record: FailoverRequest, operation: OperationState, now: number): AuditDraft[] {
  if (record.operation !== null) return [];
  return [draft(record, 'started', now, { actor: record.approver, armRequestId: operation.armRequestId, operationId: operation.operationId })];
}

interface TextRefusals {
  required: RefusalReason;
  onlySecret: RefusalReason;
  tooLong: RefusalReason;
}

type TextInput = { ok: true; text: string; secretsRemoved: SecretKind[] } | { ok: false; refusal: RefusalReason };

/** Typed text, redacted like a paste BEFORE it is validated: only a secret is as good as nothing. */
function textInput(value: string, refusals: TextRefusals, max: number): TextInput {
  if (value.length > max * UNREAD_TEXT_FACTOR) return { ok: false, refusal: refusals.tooLong };
  const typed = redactTypedText(value);
  if (typed.text === '') return { ok: false, refusal: typed.secretsRemoved.length > 0 ? refusals.onlySecret : refusals.required };
  if (typed.text.length > max) return { ok: false, refusal: refusals.tooLong };
  return { ok: true, ...typed };
}

/** The audit detail of typed text that had secrets removed (kinds, never values). */
function secretsDetail(kinds: readonly SecretKind[]): string | null {
  return kinds.length === 0 ? null : `secrets-removed:${kinds.join(',')}`;
}

function describeFailure(cause: FailureCause): string {
  switch (cause.kind) {
    case 'refused':
      return cause.checks.map((check) => check.kind).join(',');
    case 'arm-rejected':
      return `arm-rejected ${cause.statusCode ?? ''} ${cause.armCode ?? ''}`.trim();
    case 'operation-failed':
      return 'operation-failed';
    case 'outcome-unknown':
      return `outcome-unknown:${cause.why}`;
  }
}

function ownerCheck(record: FailoverRequest, runnerId: string): RefusalReason | null {
  if (record.state !== 'running') return 'not-running';
  if (record.claim?.runnerId !== runnerId) return 'not-owner';
  return null;
}

export function transition(record: FailoverRequest, command: WorkflowCommand, ctx: WorkflowContext): TransitionResult {
  if (isTerminal(record.state)) return refuse(already(record.state));
  const now = ctx.now;
  const state = record.state;
  switch (command.type) {
    case 'request': {
      if (state !== 'proposed') return refuse(already(state));
      if (isDue(record, now)) return refuse('expired');
      const justification = textInput(
        command.justification,
        { required: 'justification-required', onlySecret: 'justification-only-secret', tooLong: 'justification-too-long' },
        JUSTIFICATION_MAX_LENGTH,
      );
      if (!justification.ok) return refuse(justification.refusal);
      if (ctx.eligibility && !ctx.eligibility.possible) return refuse('ineligible');
      return advance(
        record,
        {
          state: 'requested',
          requester: command.actor,
          justification: justification.text,
          secretsRemoved: { justification: justification.secretsRemoved, reason: [] },
          requestedAt: iso(now),
          expiresAt: iso(now + ctx.ttlMinutes * 60_000),
        },
        [draft(record, 'requested', now, { actor: command.actor, justification: justification.text, detail: secretsDetail(justification.secretsRemoved) })],
      );
    }
    case 'approve': {
      if (state === 'proposed') return refuse('not-requested');
      if (state !== 'requested') return refuse(already(state));
      if (isDue(record, now)) return refuse('expired');
      if (ctx.approvers.length === 0) return refuse('no-approvers-configured');
      if (!isApprover(command.actor, ctx.approvers)) return refuse('not-an-approver');
      if (sameActor(command.actor, record.requester)) return refuse('self-approval');
      if (ctx.eligibility && !ctx.eligibility.possible) return refuse('ineligible');
      return advance(record, { state: 'approved', approver: command.actor, decidedAt: iso(now) }, [
        draft(record, 'approved', now, { actor: command.actor, justification: record.justification }),
      ]);
    }
    case 'reject': {
      if (state === 'proposed') return refuse('not-requested');
      if (state !== 'requested') return refuse(already(state));
      if (isDue(record, now)) return refuse('expired');
      if (ctx.approvers.length === 0) return refuse('no-approvers-configured');
      if (!isApprover(command.actor, ctx.approvers)) return refuse('not-an-approver');
      const reason = textInput(command.reason, { required: 'reason-required', onlySecret: 'reason-only-secret', tooLong: 'reason-too-long' }, REASON_MAX_LENGTH);
      if (!reason.ok) return refuse(reason.refusal);
      return advance(
        record,
        {
          state: 'rejected',
          rejectedBy: command.actor,
          rejectReason: reason.text,
          secretsRemoved: { justification: record.secretsRemoved?.justification ?? [], reason: reason.secretsRemoved },
          decidedAt: iso(now),
          finishedAt: iso(now),
        },
        [draft(record, 'rejected', now, { actor: command.actor, reason: reason.text, detail: secretsDetail(reason.secretsRemoved) })],
      );
    }
    case 'cancel': {
      if (state === 'running') return refuse(already(state));
      if (isDue(record, now)) return refuse('expired');
      const owner = state === 'proposed' ? record.proposedBy : record.requester;
      if (!sameActor(command.actor, owner) && !isApprover(command.actor, ctx.approvers)) return refuse('not-allowed-to-cancel');
      return advance(record, { state: 'cancelled', cancelledBy: command.actor, finishedAt: iso(now) }, [draft(record, 'cancelled', now, { actor: command.actor })]);
    }
    case 'expire': {
      if (state !== 'proposed' && state !== 'requested') return refuse(already(state));
      if (!isDue(record, now)) return refuse('not-due');
      return advance(record, { state: 'expired', finishedAt: iso(now) }, [
        draft(record, 'expired', now, { detail: state === 'proposed' ? 'proposal-not-requested' : 'not-approved-in-time' }),
      ]);
    }
    case 'start': {
      if (state === 'proposed' || state === 'requested') return refuse('not-approved');
      if (state !== 'approved') return refuse(already(state));
      return advance(record, { state: 'running', startedAt: iso(now), operation: null, claim: { runnerId: command.runnerId, until: iso(now + ctx.leaseMs) } }, []);
    }
    case 'resume': {
      if (state !== 'running') return refuse('not-running');
      const claim = record.claim;
      if (claim && claim.runnerId !== command.runnerId && now < Date.parse(claim.until)) return refuse('lease-held');
      return advance(record, { claim: { runnerId: command.runnerId, until: iso(now + ctx.leaseMs) } }, []);
    }
    case 'progress': {
      const notOwner = ownerCheck(record, command.runnerId);
      if (notOwner) return refuse(notOwner);
      if (command.progress.status !== 'running') return refuse('invalid-progress');
      const operation = withProgress(record.operation, command.progress, now);
      const audit = startedAudit(record, operation, now);
      if (record.operation !== null && operation.operationId !== record.operation.operationId) {
        audit.push(draft(record, 'progress', now, { armRequestId: operation.armRequestId, operationId: operation.operationId, detail: 'operation-id-changed' }));
      }
      return advance(record, { operation, claim: { runnerId: command.runnerId, until: iso(now + ctx.leaseMs) } }, audit);
    }
    case 'succeed': {
      const notOwner = ownerCheck(record, command.runnerId);
      if (notOwner) return refuse(notOwner);
      if (command.progress && command.progress.status !== 'succeeded') return refuse('invalid-progress');
      const operation = command.progress ? withProgress(record.operation, command.progress, now) : settled(record.operation, 'succeeded');
      const audit = operation && command.progress ? startedAudit(record, operation, now) : [];
      audit.push(
        draft(record, 'succeeded', now, {
          actor: record.approver,
          armRequestId: operation?.armRequestId ?? null,
          operationId: operation?.operationId ?? null,
          detail: command.detail,
        }),
      );
      return advance(record, { state: 'succeeded', operation, claim: null, finishedAt: iso(now) }, audit);
    }
    case 'fail': {
      const notOwner = ownerCheck(record, command.runnerId);
      if (notOwner) return refuse(notOwner);
      if (command.progress && command.progress.status !== 'failed') return refuse('invalid-progress');
      const operation = command.progress ? withProgress(record.operation, command.progress, now) : settled(record.operation, 'failed');
      const audit = operation && command.progress ? startedAudit(record, operation, now) : [];
      const armRequestId = command.cause.kind === 'arm-rejected' ? command.cause.armRequestId : (operation?.armRequestId ?? null);
      audit.push(
        draft(record, 'failed', now, {
          actor: record.approver,
          reason: command.cause.kind === 'arm-rejected' || command.cause.kind === 'operation-failed' ? command.cause.message : null,
          armRequestId,
          operationId: operation?.operationId ?? null,
          detail: describeFailure(command.cause),
        }),
      );
      return advance(record, { state: 'failed', operation, claim: null, failure: command.cause, finishedAt: iso(now) }, audit);
    }
    case 'refuse': {
      if (state === 'proposed' || state === 'requested') return refuse('not-approved');
      if (state !== 'approved') return refuse(already(state));
      const cause: FailureCause = { kind: 'refused', checks: command.checks };
      return advance(record, { state: 'failed', failure: cause, finishedAt: iso(now) }, [
        draft(record, 'refused', now, { actor: record.approver, reason: describeFailure(cause), detail: JSON.stringify(command.checks) }),
      ]);
    }
  }
}

/** Invariants every stored record satisfies; empty when the record is consistent. */
export function recordProblems(record: FailoverRequest): string[] {
  const problems: string[] = [];
  const need = (condition: boolean, problem: string): void => {
    if (!condition) problems.push(problem);
  };
  const s = record.state;
  const pastRequest = s !== 'proposed';
  need(record.version >= 1, 'version < 1');
  need(Number.isFinite(Date.parse(record.createdAt)) && Number.isFinite(Date.parse(record.expiresAt)), 'bad timestamps');
  need(record.failoverRegion !== '', 'no failover region');
  if (s === 'proposed') need(record.requester === null && record.requestedAt === null && record.approver === null, 'proposed with a requester or approver');
  if (pastRequest && s !== 'expired' && s !== 'cancelled') need(record.requester !== null && record.justification !== null && record.requestedAt !== null, `${s} without a request`);
  if (record.requester !== null) need((record.justification ?? '').trim() !== '', 'requester without justification');
  if (['approved', 'running', 'succeeded'].includes(s)) need(record.approver !== null && record.decidedAt !== null, `${s} without approval`);
  if (record.approver !== null) need(!sameActor(record.approver, record.requester), 'self-approved');
  if (s === 'rejected') need(record.rejectedBy !== null && (record.rejectReason ?? '') !== '', 'rejected without reason');
  if (s === 'cancelled') need(record.cancelledBy !== null, 'cancelled without actor');
  if (s === 'running') need(record.claim !== null && record.startedAt !== null, 'running without claim');
  if (s !== 'running') need(record.claim === null, `${s} with a claim`);
  if (record.operation !== null) need(record.startedAt !== null, 'operation without start');
  if (s === 'succeeded' && record.operation !== null) need(record.operation.status === 'succeeded', 'succeeded with a non-succeeded operation');
  if (s === 'failed') need(record.failure !== null, 'failed without cause');
  if (s !== 'failed') need(record.failure === null, `${s} with a failure cause`);
  need(isTerminal(s) === (record.finishedAt !== null), 'finishedAt inconsistent with state');
  return problems;
}
