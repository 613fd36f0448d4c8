// The failover request record and the audit trail, as plain JSON-serialisable data. The record is
// what the store holds, what cards render and what the workflow transitions.
import type { AvailabilityState, Hub } from '../diagnosis/hub.ts';
import type { Locale } from '../core/locale.ts';
import type { SecretKind } from '../diagnosis/types.ts';
import type { IneligibilityReason } from '../diagnosis/advice.ts';

export type { IneligibilityReason };

export type FailoverKind = 'failover' | 'failback';

export type FailoverOperationStatus = 'running' | 'succeeded' | 'failed';

export interface EligibilityDetails {
  hubState: string;
  /** Earliest instant the time-based reasons (daily-limit, cooldown) stop applying; null if none applies. */
  availableAt: string | null;
  runningRequestId: string | null;
  failoversLast24h: number;
  failbacksLast24h: number;
  lastSuccessAt: string | null;
}

/** The advice module's FailoverEligibility, plus details for the card (assignable to it: see policy.ts). */
export type FailoverEligibility = { possible: true } | { possible: false; reasons: IneligibilityReason[]; details: EligibilityDetails };

export type FailoverState =
  | 'proposed' // card shown, nobody asked yet
  | 'requested' // someone asked, with a justification; waiting for an approver
  | 'approved' // an approver said yes; the runner has not claimed it yet
  | 'running' // claimed by a runner; operation === null means the POST is in flight
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled';

export const TERMINAL_STATES: readonly FailoverState[] = ['succeeded', 'failed', 'rejected', 'expired', 'cancelled'];

export type TerminalState = 'succeeded' | 'failed' | 'rejected' | 'expired' | 'cancelled';

/** A Teams user as the bot sees them on an activity. */
export interface Actor {
  /** Teams user id (29:...). */
  id: string;
  name: string;
  /** Entra object id (activity.from.aadObjectId); null when the channel did not send one. */
  aadObjectId: string | null;
}

export interface HubSummary {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  hostName: string;
  primaryLocation: string | null;
  secondaryLocation: string | null;
}

export interface ConversationBinding {
  /** Conversation id of the card (a channel thread keeps its ';messageid=' suffix). */
  id: string;
  /** Opaque ConversationReference JSON from Teams; only src/teams/ reads it. */
  reference: unknown;
  /** Activity id of the card message, once sent (updated in place for everyone). */
  cardActivityId: string | null;
  locale: Locale;
}

export interface OperationState {
  status: FailoverOperationStatus;
  /** Poller state from the executor, saved after every poll. */
  resumeToken: string;
  armRequestId: string | null;
  operationId: string | null;
  lastPolledAt: string;
  polls: number;
  errorMessage: string | null;
}

/** Which runner owns a running request, until when (renewed at every poll). */
export interface RunnerClaim {
  runnerId: string;
  until: string;
}

/** Something the approval relied on that no longer held right before the ARM call. */
export type PreflightFailure =
  | { kind: 'approval-expired'; approvedAt: string }
  | { kind: 'hub-unreachable'; detail: string }
  | { kind: 'hub-changed'; primaryLocation: string | null; secondaryLocation: string | null }
  | { kind: 'hub-recovered'; availabilityState: AvailabilityState }
  | { kind: 'ineligible'; reasons: IneligibilityReason[]; availableAt: string | null }
  | { kind: 'failover-running'; requestId: string };

export type FailureCause =
  | { kind: 'refused'; checks: PreflightFailure[] }
  /** ARM answered the POST with an error: nothing started. */
  | { kind: 'arm-rejected'; statusCode: number | null; armCode: string | null; armRequestId: string | null; message: string }
  /** The operation ran and ended in failure. */
  | { kind: 'operation-failed'; message: string | null }
  /** The bot cannot tell whether the hub failed over; humans must look at the hub. */
  | { kind: 'outcome-unknown'; why: 'post-unanswered' | 'polling-gave-up' | 'hub-reports-failure' };

export type AuditKind = 'requested' | 'approved' | 'rejected' | 'expired' | 'cancelled' | 'started' | 'progress' | 'succeeded' | 'failed' | 'refused';

export interface HistoryEntry {
  at: string;
  event: AuditKind;
  /** Display name of who did it; null for the bot itself. */
  by: string | null;
}

/** Which kinds of secret were removed from the justification and from the reject reason ([] when none). */
export interface SecretsRemoved {
  justification: SecretKind[];
  reason: SecretKind[];
}

export interface FailoverRequest {
  /** Opaque random id: the only thing a card carries. */
  id: string;
  hub: HubSummary;
  /** The hub as read at proposal time; the runner re-reads it through the directory before the POST. */
  hubSnapshot: Hub;
  kind: FailoverKind;
  /** Region the POST asks for: the hub's secondary location at proposal time. */
  failoverRegion: string;
  state: FailoverState;
  /** +1 on every transition (cards embed it; attachCard and announcement bookkeeping do not bump it). */
  version: number;
  /**
   * Random, new on every stored write: tells a writer whose compare-and-set came back as a conflict whether
   * the write was in fact its own (a storage SDK retry of a PUT that had landed).
   */
  revision: string;
  proposedBy: Actor | null;
  requester: Actor | null;
  approver: Actor | null;
  rejectedBy: Actor | null;
  cancelledBy: Actor | null;
  /** As typed, with any secret in it redacted (see free-text.ts). */
  justification: string | null;
  /** As typed, with any secret in it redacted. */
  rejectReason: string | null;
  /** Kinds of the secrets removed from what people typed; absent in records stored before it was kept. */
  secretsRemoved?: SecretsRemoved;
  createdAt: string;
  requestedAt: string | null;
  decidedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** A proposal or request in effect until this instant; AT this instant it is expired. */
  expiresAt: string;
  conversation: ConversationBinding;
  /** Health when proposed: a failover proposed during an outage is refused if the hub has recovered since. */
  basis: { availabilityState: AvailabilityState | null; checkedAt: string | null };
  operation: OperationState | null;
  claim: RunnerClaim | null;
  failure: FailureCause | null;
  /** When the final thread message was posted (succeeded/failed only). */
  outcomeAnnouncedAt: string | null;
  /** A succeeded failover: the failback proposed after it, on the same message (one, whoever asked first). */
  failbackRequestId?: string | null;
  /** Last transitions, newest last, capped. */
  history: HistoryEntry[];
}

export interface AuditActor {
  name: string;
  aadObjectId: string | null;
}

/** An audit entry as the workflow produces it; the audit log gives it an id when appended. */
export interface AuditDraft {
  at: string;
  kind: AuditKind;
  hubId: string;
  hubName: string;
  failoverKind: FailoverKind;
  /** null: the bot itself (runner, sweeper). */
  actor: AuditActor | null;
  requestId: string;
  /**
   * Conversation of the request's card: `status` and `audit` show the record in full only there. Absent in
   * records written before it was kept, which are then shown as from another conversation.
   */
  conversationId?: string;
  justification: string | null;
  reason: string | null;
  failoverRegion: string | null;
  armRequestId: string | null;
  operationId: string | null;
  detail: string | null;
}

export interface AuditRecord extends AuditDraft {
  id: string;
}

export type AlreadyRefusal = `already-${Exclude<FailoverState, 'proposed'>}`;

/** Why a command was not applied. 'already-*' means it (or its outcome) already happened: show the current card. */
export type RefusalReason =
  | AlreadyRefusal
  | 'not-found'
  | 'justification-required'
  /** What was typed held nothing but a secret, which was removed. */
  | 'justification-only-secret'
  | 'justification-too-long'
  | 'reason-required'
  | 'reason-only-secret'
  | 'reason-too-long'
  | 'no-approvers-configured'
  | 'not-an-approver'
  | 'self-approval'
  | 'not-allowed-to-cancel'
  | 'expired'
  | 'not-due'
  | 'not-requested'
  | 'not-approved'
  | 'not-running'
  | 'not-owner'
  | 'lease-held'
  | 'invalid-progress'
  | 'ineligible';

/** What a succeeded failover offers next: a failback from `at`, or the failback proposal itself. */
export type FailbackOffer = { kind: 'from'; at: string } | { kind: 'proposed'; record: FailoverRequest };
