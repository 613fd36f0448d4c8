// The card of a failover request for a given viewer: the shared card everyone sees (viewer null) or the
// user-specific view of an approver or of the requester. Reads what it needs from the store.
import type { Clock } from '../../../core/clock.ts';
import type { StateStore } from '../../../core/store.ts';
import { readRequest } from '../../../failover/repository.ts';
import type { Actor, FailoverRequest } from '../../../failover/types.ts';
import { isTerminal } from '../../../failover/workflow.ts';
import type { AdaptiveCard } from '../../cards/index.ts';
import { renderFailoverCard } from './render.ts';
import { failbackAllowedAt } from './view.ts';
import type { FailbackOffer, Notice, ViewerRole } from './view.ts';
import type { ApproverDirectory } from '../approvers.ts';
import { readCardDocument } from './store.ts';
import type { RequestCardDocument } from './store.ts';

export interface FailoverCardsDeps {
  store: StateStore;
  approvers: ApproverDirectory;
  clock: Clock;
  demo: boolean;
}

function sameUser(actor: Actor | null, other: Actor | null): boolean {
  if (actor === null || other === null) return false;
  if (actor.aadObjectId && other.aadObjectId) return actor.aadObjectId.toLowerCase() === other.aadObjectId.toLowerCase();
  return actor.id === other.id;
}

export class FailoverCards {
  private readonly deps: FailoverCardsDeps;

  constructor(deps: FailoverCardsDeps) {
    this.deps = deps;
  }

  /** How the viewer sees the request. The requester never gets the approver view of their own request. */
  roleOf(record: FailoverRequest, viewer: Actor | null): ViewerRole {
    if (viewer === null) return 'everyone';
    const approver = this.deps.approvers.isApprover(viewer.aadObjectId);
    if (sameUser(viewer, record.requester)) return approver ? 'requester-approver' : 'requester';
    return approver ? 'approver' : 'everyone';
  }

  /** Who gets a user-specific view (refresh.userIds); null = let Teams refresh for everyone (small conversation, nobody known). */
  async refreshUserIds(record: FailoverRequest, document: RequestCardDocument | null): Promise<string[] | null> {
    const requester = record.requester;
    const approvers = await this.deps.approvers.knownMris(requester?.aadObjectId ?? null);
    const users = [...approvers, ...(requester && !isTerminal(record.state) ? [requester.id] : [])];
    if (users.length === 0 && document?.smallConversation === true) return null;
    return users;
  }

  async document(record: FailoverRequest): Promise<RequestCardDocument | null> {
    return readCardDocument(this.deps.store, record.id);
  }

  /** What a succeeded failover offers next: the failback proposal on the same message, or when it may be asked for. */
  async failbackOffer(record: FailoverRequest, document: RequestCardDocument | null): Promise<FailbackOffer | null> {
    const at = failbackAllowedAt(record);
    if (at === null) return null;
    const failbackId = document?.failbackRequestId ?? null;
    if (failbackId !== null) {
      const failback = await readRequest(this.deps.store, failbackId);
      if (failback && failback.value.state === 'proposed') return { kind: 'proposed', record: failback.value };
    }
    return { kind: 'from', at };
  }

  async cardFor(record: FailoverRequest, viewer: Actor | null, notice: Notice | null = null): Promise<AdaptiveCard> {
    const document = await this.document(record);
    const failback = await this.failbackOffer(record, document);
    const shown = failback?.kind === 'proposed' ? failback.record : record;
    return renderFailoverCard(
      record,
      {
        locale: record.conversation.locale,
        now: this.deps.clock.now(),
        role: this.roleOf(record, viewer),
        approversConfigured: this.deps.approvers.configured,
        notice,
        failback,
      },
      { demo: this.deps.demo, base: document?.base ?? null, refreshUserIds: await this.refreshUserIds(shown, document) },
    );
  }
}
