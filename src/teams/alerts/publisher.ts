// The alert service's IncidentPublisher in Teams: renders an incident's card with the hub's live health
// and posts it (a new thread in a channel) or updates it in place. When the health calls for a failover
// decision, the card offers one through the same proposer as a pasted error's card: same policy, same
// verbs, same approvals. Once a request is on the card, every later version is rendered through the
// failover cards, around the request's section, from the alert card's current model.
import type { FailoverAdvice } from '../../diagnosis/advice.ts';
import type { Incident } from '../../alerts/incident.ts';
import type { IncidentPublisher, IncidentTarget, PostedCard } from '../../alerts/ports.ts';
import type { StateStore } from '../../core/store.ts';
import type { FailoverRequest, FailoverService } from '../../failover/index.ts';
import type { Logger } from '../../log.ts';
import { renderHostCard } from '../cards/index.ts';
import type { AdaptiveCard, HubCardPart, RenderedHostCard } from '../cards/index.ts';
import type { FailoverCards } from '../failover/index.ts';
import { writeCardDocument } from '../failover/card/store.ts';
import { lookupNamedHub } from '../messages/hub-lookup.ts';
import type { HubLookupDeps } from '../messages/hub-lookup.ts';
import { adviceFor } from '../messages/replies.ts';
import type { FailoverProposer } from '../messages/replies.ts';
import { alertCard } from './card-view.ts';
import type { AlertCardInput } from './card-view.ts';
import type { AlertChannel } from './channel.ts';

export interface AlertPublisherDeps {
  channel: AlertChannel;
  hubs: HubLookupDeps;
  healthBudgetMs: number;
  proposer: FailoverProposer;
  failover: { service: Pick<FailoverService, 'get'>; cards: FailoverCards };
  store: StateStore;
  demo: boolean;
  logger: Logger;
}

/** Advice the alert card shows: when the hub's health itself calls for a failover decision (as the health card). */
const DECISIONS: ReadonlySet<FailoverAdvice['kind']> = new Set(['worth-considering', 'worth-considering-but-impossible', 'health-unknown']);

interface Prepared {
  input: AlertCardInput;
  part: HubCardPart | null;
  /** Propose a failover request on the card. */
  offer: boolean;
}

/** An unrequested proposal that expired or was withdrawn: the card no longer carries it. */
function isDeadProposal(record: FailoverRequest): boolean {
  return record.requestedAt === null && (record.state === 'expired' || record.state === 'cancelled');
}

export function createAlertPublisher(deps: AlertPublisherDeps): IncidentPublisher {
  const log = deps.logger.child({ component: 'alert-publisher' });

  const prepare = async (incident: Incident, target: IncidentTarget): Promise<Prepared> => {
    const locale = target.subscription.locale;
    const base = { incident, hubs: target.hubs, locale, demo: deps.demo };
    const hub = target.hubs[0];
    if (incident.subject.kind !== 'hub' || hub === undefined) return { input: { ...base, health: null, advice: null, offersRequest: false }, part: null, offer: false };
    const { part } = await lookupNamedHub({ kind: 'resourceId', value: hub.id }, deps.hubs, deps.healthBudgetMs);
    if (incident.state !== 'open') return { input: { ...base, health: part, advice: null, offersRequest: false }, part, offer: false };
    const candidate = await adviceFor('transient-service', part, deps.proposer.eligibility);
    const advice = DECISIONS.has(candidate.kind) ? candidate : null;
    const offer = advice?.kind === 'worth-considering' && part.kind === 'health' && part.result.ok;
    return { input: { ...base, health: part, advice, offersRequest: offer }, part, offer };
  };

  /** The card without a request section. */
  const plain = (rendered: RenderedHostCard): AdaptiveCard => renderHostCard(rendered.model, { items: [], leads: false });

  /** Proposes a failover request for the card now in the conversation, and puts it on the card. */
  const offer = async (prepared: Prepared, target: IncidentTarget, posted: PostedCard & { activityId: string }): Promise<PostedCard> => {
    const part = prepared.part;
    if (part === null || part.kind !== 'health' || !part.result.ok) return posted;
    const proposal = await deps.proposer.prepare({
      hub: part.result.hub,
      health: part.result,
      locale: target.subscription.locale,
      context: { conversationId: posted.conversationId, reference: posted.reference, requester: null, personal: target.subscription.kind === 'personal' },
    });
    switch (proposal.kind) {
      case 'offered': {
        const finalized = proposal.finalize(alertCard(prepared.input, proposal.elements));
        await deps.channel.update(posted.reference, posted.activityId, finalized.card);
        await finalized.afterSend(posted.activityId);
        return { ...posted, requestId: proposal.requestId };
      }
      case 'unavailable': {
        const rendered = alertCard({ ...prepared.input, offersRequest: false }, proposal.elements);
        await deps.channel.update(posted.reference, posted.activityId, renderHostCard(rendered.model, { items: proposal.elements, leads: false }));
        return { ...posted, requestId: null };
      }
      case 'ineligible': {
        const trigger = prepared.input.advice?.kind === 'worth-considering' ? prepared.input.advice.trigger : { availabilityState: null, eventTrackingIds: [] };
        const advice: FailoverAdvice = { kind: 'worth-considering-but-impossible', trigger, reasons: proposal.reasons };
        await deps.channel.update(posted.reference, posted.activityId, plain(alertCard({ ...prepared.input, advice, offersRequest: false })));
        return { ...posted, requestId: null };
      }
    }
  };

  /** The request on the card still stands: render the card through it, around its section. */
  const rehost = async (record: FailoverRequest, prepared: Prepared, posted: PostedCard & { activityId: string }): Promise<void> => {
    const rendered = alertCard({ ...prepared.input, offersRequest: record.state === 'proposed' });
    const document = await deps.failover.cards.document(record);
    await writeCardDocument(deps.store, record.id, { host: rendered.model, smallConversation: document?.smallConversation ?? false });
    await deps.channel.update(posted.reference, posted.activityId, await deps.failover.cards.cardFor(record, null));
  };

  return {
    async post(incident, target) {
      const prepared = await prepare(incident, target);
      const message = await deps.channel.post(target.subscription, plain(alertCard(prepared.input)));
      const card: PostedCard = { ...message, requestId: null };
      if (message.activityId === null) {
        log.warn({ incidentId: incident.id, subscription: target.subscription.key }, 'the connector did not give the card an id: it will not be updated in place');
        return { card, complete: true };
      }
      // The failover offer needs the card's id: the service records the post first, then calls update().
      return { card, complete: !prepared.offer };
    },

    async update(incident, target, posted) {
      const activityId = posted.activityId;
      if (activityId === null) return posted;
      const prepared = await prepare(incident, target);
      const here = { ...posted, activityId };
      if (posted.requestId !== null) {
        const record = await deps.failover.service.get(posted.requestId);
        if (record !== null && !isDeadProposal(record)) {
          await rehost(record, prepared, here);
          return posted;
        }
      }
      if (prepared.offer) return offer(prepared, target, { ...here, requestId: null });
      await deps.channel.update(posted.reference, activityId, plain(alertCard(prepared.input)));
      return { ...posted, requestId: null };
    },
  };
}
