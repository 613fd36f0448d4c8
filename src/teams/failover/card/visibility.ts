// What the `status` and `audit` commands may show of a failover request, depending on where they are typed.
// A request belongs to the conversation its card was posted in (a channel and its threads are one
// conversation): there it is shown in full. Anywhere else a request, or an audit record of one, is cut down
// to its hub, its state (or the decision taken) and its time BEFORE it reaches the card builders, so names,
// the justification, the reject reason, ARM messages and where it was made cannot be rendered by mistake.
//
// Approvers get no more elsewhere. They approve from the request's card, in its conversation, where they see
// it all; being in FAILOVER_APPROVERS does not make someone a member of a private channel; and a `status`
// card typed in a group chat or a channel is read by everyone there, not only by the approver who asked.
import { sameConversation } from '../../../failover/index.ts';
import type { AuditKind, AuditRecord, FailoverKind, FailoverRequest, FailoverState } from '../../../failover/index.ts';

/** A request as another conversation may see it. */
export interface RequestOutline {
  kind: FailoverKind;
  state: FailoverState;
  hubName: string;
  /** The hub's secondary region: what the failover does, not who asked for it. */
  failoverRegion: string;
  requestedAt: string | null;
  /** Until when an approver may act; only while waiting for approval. */
  expiresAt: string | null;
  startedAt: string | null;
}

export type StatusEntry = { here: true; record: FailoverRequest } | { here: false; outline: RequestOutline };

/** An audit record as another conversation may see it. */
export interface AuditOutline {
  at: string;
  kind: AuditKind;
  hubName: string;
}

export type AuditEntry = { here: true; record: AuditRecord } | { here: false; outline: AuditOutline };

export function outlineRequest(record: FailoverRequest): RequestOutline {
  return {
    kind: record.kind,
    state: record.state,
    hubName: record.hub.name,
    failoverRegion: record.failoverRegion,
    requestedAt: record.requestedAt,
    expiresAt: record.state === 'requested' ? record.expiresAt : null,
    startedAt: record.startedAt,
  };
}

export function outlineAudit(record: AuditRecord): AuditOutline {
  return { at: record.at, kind: record.kind, hubName: record.hubName };
}

/** The requests as `status` typed in `conversationId` shows them. */
export function statusEntries(records: readonly FailoverRequest[], conversationId: string): StatusEntry[] {
  return records.map((record) =>
    conversationId !== '' && sameConversation(record.conversation.id, conversationId) ? { here: true, record } : { here: false, outline: outlineRequest(record) },
  );
}

/** The audit records as `audit` typed in `conversationId` shows them; a record that does not say where it was made is from elsewhere. */
export function auditEntries(records: readonly AuditRecord[], conversationId: string): AuditEntry[] {
  return records.map((record) => {
    const madeIn = record.conversationId ?? '';
    return conversationId !== '' && madeIn !== '' && sameConversation(madeIn, conversationId) ? { here: true, record } : { here: false, outline: outlineAudit(record) };
  });
}
