// The card of a failover request for a given viewer: the shared card everyone sees (viewer null) or the
// user-specific view of an approver or of the requester. Reads its card document from the store, and the
// failback offer of a succeeded failover from the failover service.
import type { Clock } from '../../../core/clock.ts';
import type { StateStore } from '../../../core/store.ts';
import { isTerminal, sameActor } from '../../../failover/index.ts';
import type { Actor, FailoverRequest, FailoverService } from '../../../failover/index.ts';
import type { AdaptiveCard } from '../../cards/index.ts';
import { renderFailoverCard } from './render.ts';
import type { Notice, ViewerRole } from './view.ts';
import type { ApproverDirectory } from '../approvers.ts';
import { readCardDocument } from './store.ts';
import type { RequestCardDocument } from './store.ts';

export interface FailoverCardsDeps {
  store: StateStore;
  approvers: ApproverDirectory;
  clock: Clock;
  demo: boolean;
  /** What a succeeded failover offers next (the service; built after the cards, which its notifier uses). */
  failbacks: Pick<FailoverService, 'failbackOffer'>;
  /** Demo mode: the demo world's approver, announced on the cards; null otherwise. */
  demoApprover: Actor | null;
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
    if (sameActor(viewer, record.requester)) return approver ? 'requester-approver' : 'requester';
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

  async cardFor(record: FailoverRequest, viewer: Actor | null, notice: Notice | null = null): Promise<AdaptiveCard> {
    const document = await this.document(record);
    const failback = await this.deps.failbacks.failbackOffer(record);
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
        demoApprover: this.deps.demoApprover,
      },
      { demo: this.deps.demo, host: document?.host ?? null, refreshUserIds: await this.refreshUserIds(shown, document) },
    );
  }
}
