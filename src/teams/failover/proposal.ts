// The failover proposal on a diagnosis or health card: when the advice says a failover is worth considering
// and the hub can fail over, a request record is proposed, its section is rendered into the card, the card
// is sent, and then the record learns the card's activity id (so its updates replace that message).
import type { Locale } from '../../core/locale.ts';
import type { Clock } from '../../core/clock.ts';
import type { StateStore } from '../../core/store.ts';
import type { Actor, FailoverRequest, FailoverService } from '../../failover/index.ts';
import { uiStrings } from '../../i18n/index.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import type { FailoverProposer, PreparedProposal } from '../messages/replies.ts';
import { failoverRefresh, renderFailoverSection } from './card/render.ts';
import type { FailoverViewContext } from './card/view.ts';
import { SMALL_CONVERSATION_MEMBERS } from './approvers.ts';
import type { ApproverDirectory, RosterFacts } from './approvers.ts';
import { createCardDocument } from './card/store.ts';
import type { FailoverCards } from './card/cards.ts';

export interface FailoverProposerDeps {
  service: FailoverService;
  cards: FailoverCards;
  approvers: ApproverDirectory;
  store: StateStore;
  clock: Clock;
  demo: boolean;
  /** Demo mode: the demo world's approver, announced on the proposal; null otherwise. */
  demoApprover: Actor | null;
  logger: Logger;
}

export function createFailoverProposer(deps: FailoverProposerDeps): FailoverProposer {
  const log = deps.logger.child({ component: 'failover-proposal' });

  const unavailable = (locale: Locale): PreparedProposal => ({
    kind: 'unavailable',
    elements: [{ type: 'TextBlock', text: uiStrings(locale).failover.proposalUnavailable, color: 'warning', wrap: true }],
  });

  const viewContext = (record: FailoverRequest): FailoverViewContext => ({
    locale: record.conversation.locale,
    now: deps.clock.now(),
    role: 'everyone',
    approversConfigured: deps.approvers.configured,
    demoApprover: deps.demoApprover,
  });

  return {
    async eligibility(hub) {
      try {
        return await deps.service.eligibility(hub, 'failover');
      } catch (error) {
        // Without the store there is no request to make: say it cannot be checked (the advice lists no reason).
        log.warn({ hubId: hub.id, ...errorFields(error) }, 'failover eligibility could not be read');
        return { possible: false, reasons: [] };
      }
    },

    async prepare({ hub, health, locale, context }) {
      let roster: RosterFacts = { memberCount: context.personal ? 2 : null };
      if (context.roster) roster = await context.roster();
      const smallConversation = roster.memberCount !== null && roster.memberCount <= SMALL_CONVERSATION_MEMBERS;
      let record: FailoverRequest;
      try {
        const proposed = await deps.service.propose({
          hub,
          kind: 'failover',
          conversation: { id: context.conversationId, reference: context.reference },
          locale,
          requester: context.requester,
          health,
        });
        if (!proposed.ok) return { kind: 'ineligible', reasons: proposed.reasons };
        record = proposed.record;
      } catch (error) {
        log.error({ hubId: hub.id, ...errorFields(error) }, 'failover proposal could not be stored');
        return unavailable(locale);
      }
      const elements = renderFailoverSection(record, viewContext(record), deps.demo);
      const refreshUserIds = await deps.cards.refreshUserIds(record, { host: null, smallConversation });
      return {
        kind: 'offered',
        requestId: record.id,
        elements,
        finalize(rendered) {
          // The posted card carries the same refresh as every later version of it.
          const withRefresh: AdaptiveCard = { ...rendered.card, refresh: failoverRefresh(record.id, record.conversation.locale, refreshUserIds) };
          return {
            card: withRefresh,
            async afterSend(activityId) {
              if (activityId === null) {
                log.warn({ requestId: record.id }, 'the proposal card has no activity id: its updates will not replace it');
                return;
              }
              try {
                await createCardDocument(deps.store, record.id, { host: rendered.model, smallConversation });
                const attached = await deps.service.attachCard(record.id, activityId);
                log.info({ requestId: record.id, cardActivityId: activityId, attached: attached !== null }, 'failover proposed on the card');
              } catch (error) {
                log.error({ requestId: record.id, ...errorFields(error) }, 'the proposal card could not be recorded: later updates will not replace it');
              }
            },
          };
        },
      };
    },
  };
}
