// The failover approval workflow wired into the Teams bot: the service (with the Teams notifier), the
// proposal on diagnosis/health cards, the card actions and the commands. main.ts calls this once.
import type { BotAdapter } from 'botbuilder';
import type { HealthSource, HubDirectory } from '../../diagnosis/hub.ts';
import { createFailoverService } from '../../failover/index.ts';
import type { AuditLog, DemoApproval, FailoverExecutor, FailoverService } from '../../failover/index.ts';
import type { Clock, Sleep } from '../../core/clock.ts';
import type { StateStore } from '../../core/store.ts';
import type { Logger } from '../../log.ts';
import { scrubForLog } from '../../log.ts';
import type { ReplyDeps } from '../messages/replies.ts';
import { FailoverActions } from './actions.ts';
import type { CardActionHandler } from '../cards/invoke.ts';
import { ApproverDirectory } from './approvers.ts';
import { FailoverCards } from './card/cards.ts';
import { cardDocumentKey } from './card/store.ts';
import { messageCommands } from './commands.ts';
import type { FailoverCommandHandlers } from './commands.ts';
import { adapterChannel, createTeamsFailoverNotifier } from './notifier.ts';
import type { FailoverMetrics, ProactiveChannel } from './notifier.ts';
import { createFailoverProposer } from './proposal.ts';
import type { FailoverProposer } from '../messages/replies.ts';

export { FailoverActions } from './actions.ts';
export { ApproverDirectory } from './approvers.ts';
export { FailoverCards } from './card/cards.ts';
export { createTeamsFailoverNotifier, adapterChannel, connectorStatus, referenceOf } from './notifier.ts';
export type { ProactiveChannel, FailoverMetrics } from './notifier.ts';
export { createFailoverProposer } from './proposal.ts';
export { messageCommands } from './commands.ts';
export type { FailoverCommandHandlers } from './commands.ts';

export interface FailoverTeamsDeps {
  store: StateStore;
  audit: AuditLog;
  executor: FailoverExecutor;
  directory: HubDirectory;
  health: HealthSource;
  clock: Clock;
  config: { approvers: readonly string[]; approvalTtlMinutes: number; pollSeconds: number };
  demo: boolean;
  logger: Logger;
  /** The proactive edge: the bot's adapter and app id, or a channel (tests). */
  proactive: { adapter: Pick<BotAdapter, 'continueConversationAsync'>; appId: string } | { channel: ProactiveChannel };
  metrics?: FailoverMetrics;
  /** Runner id of this process (see src/state/runner-lock.ts); random when absent. */
  instanceId?: string;
  /**
   * Demo mode with no FAILOVER_APPROVERS: the demo world's second engineer approves every request a few seconds
   * after it is made (the cards say so). Never set outside the demo (main.ts).
   */
  demoApproval?: DemoApproval;
  /** Tests: pauses that do not wait in real time, shorter notifier retries. */
  sleep?: Sleep;
  notifyRetryDelaysMs?: readonly number[];
}

export interface FailoverTeams {
  service: FailoverService;
  approvers: ApproverDirectory;
  proposer: FailoverProposer;
  /** The cards of requests (a card hosting a request renders through them). */
  cards: FailoverCards;
  actions: FailoverActions;
  /** Verb → handler for OnCallBot's cardActions. */
  cardActions: Record<string, CardActionHandler>;
  /** Every message command but the alerts': help, diagnose and health (with proposals), status, audit. */
  commands(reply: ReplyDeps): FailoverCommandHandlers;
}

/** The workflow's log events as pino lines: strings scrubbed (an ARM message may quote a URL or header). */
export function failoverLog(logger: Logger): (event: string, fields: Record<string, unknown>) => void {
  const log = logger.child({ component: 'failover' });
  return (event, fields) => {
    const safe: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) safe[key] = typeof value === 'string' ? scrubForLog(value) : value;
    // A refused card action is a user's mistake (info); a refused pre-flight or a failing edge is news (warn).
    const level = /failed|crashed|unanswered|rejected/.test(event) || event === 'failover.runner.refused' ? 'warn' : 'info';
    log[level](safe, event);
  };
}

export function createFailoverTeams(deps: FailoverTeamsDeps): FailoverTeams {
  const { store, clock, logger } = deps;
  const demoApprover = deps.demoApproval?.approver ?? null;
  // The demo's approver approves through the workflow like anyone else: it must be one of the approvers.
  const approverIds = demoApprover?.aadObjectId ? [...deps.config.approvers, demoApprover.aadObjectId] : deps.config.approvers;
  const approvers = new ApproverDirectory({ approvers: approverIds, store, logger, now: () => clock.now() });
  // The cards read the failback offer from the service, which is built after them (its notifier renders them).
  const cards = new FailoverCards({ store, approvers, clock, demo: deps.demo, demoApprover, failbacks: { failbackOffer: (record) => service.failbackOffer(record) } });
  const channel = 'channel' in deps.proactive ? deps.proactive.channel : adapterChannel(deps.proactive.adapter, deps.proactive.appId);
  const notifier = createTeamsFailoverNotifier({
    channel,
    cards,
    logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const service = createFailoverService({
    store,
    audit: deps.audit,
    executor: deps.executor,
    directory: deps.directory,
    health: deps.health,
    notifier,
    clock,
    config: { approvers: approverIds, approvalTtlMinutes: deps.config.approvalTtlMinutes, pollSeconds: deps.config.pollSeconds },
    log: failoverLog(logger),
    companionKeys: (requestId) => [cardDocumentKey(requestId)],
    ...(deps.instanceId ? { instanceId: deps.instanceId } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.notifyRetryDelaysMs ? { notifyRetryDelaysMs: deps.notifyRetryDelaysMs } : {}),
    ...(deps.demoApproval ? { demoApproval: deps.demoApproval } : {}),
  });
  const proposer = createFailoverProposer({ service, cards, approvers, store, clock, demo: deps.demo, demoApprover, logger });
  const actions = new FailoverActions({ service, cards, approvers, store, notifier, logger });
  return {
    service,
    approvers,
    proposer,
    cards,
    actions,
    cardActions: actions.handlers(),
    commands: (reply) => messageCommands({ reply, service, audit: deps.audit, approvers, clock, demo: deps.demo }),
  };
}
