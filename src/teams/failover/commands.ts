// The handler of every message command, built once at start for MessageHandler: `help`; a paste or
// `health <hub>`, which may carry a failover proposal (the card records where it was posted); `status`, the
// requests waiting for approval and the failovers running; `audit [hub]`, the latest decisions.
import { TurnContext } from 'botbuilder';
import type { HubQuery } from '../../diagnosis/hub.ts';
import type { AuditLog, AuditRecord, FailoverRequest, FailoverService } from '../../failover/index.ts';
import type { Clock } from '../../core/clock.ts';
import { errorFields } from '../../log.ts';
import { renderFailoverAuditCard, renderFailoverNoticeCard, renderFailoverStatusCard } from './card/render.ts';
import { auditEntries, statusEntries } from './card/visibility.ts';
import { helpCommand, sendCard, updateCard } from '../messages/message-handler.ts';
import { completeReply } from '../messages/reply-delivery.ts';
import type { ScopeHandlers, TurnScope } from '../messages/message-handler.ts';
import type { AlertCommandKind } from '../messages/commands.ts';
import { replyToHealth, replyToPaste } from '../messages/replies.ts';
import type { Reply, ReplyDeps } from '../messages/replies.ts';
import { refusalText } from './actions.ts';
import { actorOf } from '../inbound/actor.ts';
import type { ApproverDirectory } from './approvers.ts';
import type { ProposalContext } from '../messages/replies.ts';

export interface FailoverCommandsDeps {
  /** The same reply dependencies as the bot's (with the failover proposer). */
  reply: ReplyDeps;
  service: FailoverService;
  audit: AuditLog;
  approvers: ApproverDirectory;
  clock: Clock;
  demo: boolean;
  /** How long reading the conversation roster may delay a proposal card. */
  rosterBudgetMs?: number;
}

/** Records read to find the latest ones of a hub. */
const AUDIT_SCAN = 1_000;

function proposalContext(turn: TurnContext, approvers: ApproverDirectory, rosterBudgetMs: number): ProposalContext {
  const activity = turn.activity;
  return {
    conversationId: activity.conversation?.id ?? '',
    reference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as unknown,
    requester: actorOf(activity.from),
    personal: activity.conversation?.conversationType === 'personal',
    roster: () => approvers.learnFromRoster(turn, rosterBudgetMs),
  };
}

/**
 * Sends the reply's card; when it went out before the hub's health answered, completes it in place within the
 * same turn. The turn (and Teams' request) stays open meanwhile: at most the health budget (4 s), well within
 * the ~15 s Teams waits, and a turn in flight is what a graceful stop already waits for.
 */
async function send(scope: TurnScope, reply: Reply): Promise<void> {
  Object.assign(scope.summary, reply.log);
  const activityId = await sendCard(scope.turn, reply.card);
  if (reply.complete) scope.summary.firstCardMs = Math.round(performance.now() - scope.started);
  Object.assign(scope.summary, await completeReply(reply, activityId, (id, card) => updateCard(scope.turn, id, card), scope.log));
}

/** Whether an audit record is about the hub the user named (name, host name or resource id). */
export function auditMatchesHub(record: AuditRecord, query: HubQuery): boolean {
  const value = query.value.toLowerCase();
  switch (query.kind) {
    case 'resourceId':
      return record.hubId.toLowerCase() === value;
    case 'hostName':
      return record.hubName.toLowerCase() === (value.split('.')[0] ?? '');
    case 'name':
      return record.hubName.toLowerCase() === value;
  }
}

function pendingOrRunning(record: FailoverRequest): boolean {
  return record.state === 'requested' || record.state === 'approved' || record.state === 'running';
}

/** Every command but the alerts' (src/teams/alerts/ adds those). */
export type FailoverCommandHandlers = Omit<ScopeHandlers, AlertCommandKind>;

export function messageCommands(deps: FailoverCommandsDeps): FailoverCommandHandlers {
  const rosterBudgetMs = deps.rosterBudgetMs ?? 1_500;

  const storeUnavailable = async (scope: TurnScope, error: unknown): Promise<void> => {
    scope.log.error({ ...errorFields(error) }, 'failover command: the store failed');
    scope.summary.card = 'failover-store-unavailable';
    await sendCard(scope.turn, renderFailoverNoticeCard(scope.locale, refusalText(scope.locale, 'store-unavailable'), 'warning'));
  };

  return {
    help: helpCommand(deps.demo),
    diagnose: async (scope, command) => {
      const actor = actorOf(scope.turn.activity.from);
      if (actor) await deps.approvers.learn(actor);
      await send(scope, await replyToPaste(command.text, scope.locale, deps.reply, proposalContext(scope.turn, deps.approvers, rosterBudgetMs)));
    },
    health: async (scope, command) => {
      await send(scope, await replyToHealth(command.hub, scope.locale, deps.reply, proposalContext(scope.turn, deps.approvers, rosterBudgetMs)));
    },
    status: async (scope) => {
      let records: FailoverRequest[];
      try {
        records = (await deps.service.listActive()).filter(pendingOrRunning);
      } catch (error) {
        await storeUnavailable(scope, error);
        return;
      }
      records.sort((a, b) => Date.parse(b.requestedAt ?? b.createdAt) - Date.parse(a.requestedAt ?? a.createdAt));
      scope.summary.card = 'failover-status';
      scope.summary.failovers = records.length;
      const entries = statusEntries(records, scope.turn.activity.conversation?.id ?? '');
      await sendCard(scope.turn, renderFailoverStatusCard(entries, { locale: scope.locale, demo: deps.demo, now: deps.clock.now() }));
    },
    audit: async (scope, command) => {
      let records: AuditRecord[];
      try {
        records = await deps.audit.latest(AUDIT_SCAN);
      } catch (error) {
        await storeUnavailable(scope, error);
        return;
      }
      const hub = command.hub;
      const shown = hub === null ? records : records.filter((record) => auditMatchesHub(record, hub));
      scope.summary.card = 'failover-audit';
      scope.summary.auditRecords = shown.length;
      const entries = auditEntries(shown, scope.turn.activity.conversation?.id ?? '');
      await sendCard(scope.turn, renderFailoverAuditCard(entries, { locale: scope.locale, demo: deps.demo, hub: hub?.value ?? null }));
    },
  };
}
