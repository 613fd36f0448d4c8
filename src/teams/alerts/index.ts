// Azure Monitor alerts in Teams: the alert service with its Teams publisher, the subscription commands and
// what happens when the bot leaves a conversation. main.ts calls this once.
import type { BotAdapter } from 'botbuilder';
import { createAlertService } from '../../alerts/service.ts';
import type { AlertService } from '../../alerts/service.ts';
import type { AlertLog, DemoAlertFirer } from '../../alerts/ports.ts';
import { createSubscriptionBook } from '../../alerts/subscription-book.ts';
import type { Clock } from '../../core/clock.ts';
import type { StateStore } from '../../core/store.ts';
import type { HealthSource, HubDirectory } from '../../diagnosis/hub.ts';
import type { Logger } from '../../log.ts';
import { scrubForLog } from '../../log.ts';
import type { FailoverTeams } from '../failover/index.ts';
import { adapterAlertChannel } from './channel.ts';
import type { AlertChannel } from './channel.ts';
import { alertCommands } from './commands.ts';
import type { AlertCommandHandlers } from './commands.ts';
import { alertSubscriptionLifecycle } from './lifecycle.ts';
import type { ConversationLifecycle } from './lifecycle.ts';
import { createAlertPublisher } from './publisher.ts';

export type { ConversationLifecycle } from './lifecycle.ts';
export type { AlertCommandHandlers } from './commands.ts';

export interface AlertsTeamsDeps {
  store: StateStore;
  clock: Clock;
  directory: HubDirectory;
  health: HealthSource;
  healthBudgetMs: number;
  demo: boolean;
  logger: Logger;
  /** The proactive edge: the bot's adapter and app id, or a channel (tests). */
  proactive: { adapter: Pick<BotAdapter, 'continueConversationAsync'>; appId: string } | { channel: AlertChannel };
  failover: Pick<FailoverTeams, 'service' | 'cards' | 'proposer'>;
  /** This process among the bot's instances. */
  instanceId: string;
  /** An action group can reach the bot (a webhook credential is configured). */
  webhookConfigured: boolean;
  /** Demo mode: the simulator's alert firer, given the service it fires into. */
  demoAlerts?: (service: AlertService) => DemoAlertFirer;
}

export interface AlertsTeams {
  service: AlertService;
  commands: AlertCommandHandlers;
  lifecycle: ConversationLifecycle;
}

/** The alert service's events as pino lines: strings scrubbed (an ARM message may quote a URL). */
export function alertLog(logger: Logger): AlertLog {
  const log = logger.child({ component: 'alerts' });
  return (event, fields) => {
    const safe: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) safe[key] = typeof value === 'string' ? scrubForLog(value) : value;
    const level = /failed|dropped|refused|given-up/.test(event) ? 'warn' : 'info';
    log[level](safe, event);
  };
}

export function createAlertsTeams(deps: AlertsTeamsDeps): AlertsTeams {
  const subscriptions = createSubscriptionBook(deps.store);
  const channel = 'channel' in deps.proactive ? deps.proactive.channel : adapterAlertChannel(deps.proactive.adapter, deps.proactive.appId);
  const publisher = createAlertPublisher({
    channel,
    hubs: { directory: deps.directory, health: deps.health },
    healthBudgetMs: deps.healthBudgetMs,
    proposer: deps.failover.proposer,
    failover: { service: deps.failover.service, cards: deps.failover.cards },
    store: deps.store,
    demo: deps.demo,
    logger: deps.logger,
  });
  const service = createAlertService({ store: deps.store, clock: deps.clock, directory: deps.directory, subscriptions, publisher, log: alertLog(deps.logger), instanceId: deps.instanceId });
  const commands = alertCommands({
    subscriptions,
    directory: deps.directory,
    clock: deps.clock,
    budgetMs: deps.healthBudgetMs,
    demo: deps.demo,
    webhookConfigured: deps.webhookConfigured,
    demoAlerts: deps.demoAlerts ? deps.demoAlerts(service) : null,
  });
  return { service, commands, lifecycle: alertSubscriptionLifecycle(subscriptions, deps.logger) };
}
