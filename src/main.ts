// Composition root: config → diagnosis workers → (demo: ARM simulator) → Azure edge → bot → HTTP (→ demo:
// Agents Playground).
// Nothing else wires; nothing here decides anything but what to start and how to stop it.
import { createAzureEdge } from './azure/index.ts';
import { ConfigError, describeConfig, loadConfig, loadEnvFile } from './config.ts';
import type { Config } from './config.ts';
import { createBotMetrics, metricsRoute } from './observability/metrics.ts';
import type { BotMetrics } from './observability/metrics.ts';
import { startDemo } from './demo/index.ts';
import { mainListenerAccess } from './http/ops-access.ts';
import { cachedReadiness } from './http/readiness.ts';
import type { ReadinessCheck } from './http/readiness.ts';
import { startHttpServer } from './http/server.ts';
import { chooseLogOutput, createLogger, errorFields } from './log.ts';
import type { Logger } from './log.ts';
import { recordArmAttempts } from './observability/arm-attempts.ts';
import { TeamsAdapter } from './teams/inbound/adapter.ts';
import { OnCallBot, createTurnFailureHandler } from './teams/bot.ts';
import { ActivityDeduplicator } from './teams/inbound/dedupe.ts';
import { beforeDeadline } from './core/abort.ts';
import { systemClock } from './core/clock.ts';
import { sqliteRunnerIdentity } from './state/runner-lock.ts';
import { auditApiRoute } from './http/audit-api.ts';
import { createAuditLog } from './state/audit.ts';
import { StoreIntegrityError } from './state/integrity.ts';
import { openStateStore } from './state/store.ts';
import { createFailoverTeams } from './teams/failover/index.ts';
import { createAlertsTeams } from './teams/alerts/index.ts';
import type { AlertsTeams } from './teams/alerts/index.ts';
import { alertsRoute } from './http/alerts-route.ts';
import { createEntraTokenVerifier } from './http/entra-webhook-token.ts';
import { randomUUID } from 'node:crypto';
import type { FailoverTeams } from './teams/failover/index.ts';
import type { ReplyDeps } from './teams/messages/replies.ts';
import { messageRateGateFor } from './teams/inbound/rate-limit.ts';
import { tenantGate } from './teams/inbound/tenant-gate.ts';
import { observeTurns } from './teams/inbound/turn-observer.ts';
import { startDiagnosisPool } from './workers/diagnosis-pool.ts';

type Stop = () => Promise<void>;

const SHUTDOWN_GRACE_MS = 10_000;
/** How often requests are expired, orphaned failovers adopted and unannounced outcomes offered again. */
const FAILOVER_SWEEP_MS = 30_000;
/** Expired proposals are deleted on every this-many sweeps (10 minutes): their grace is a day, no hurry. */
const PROPOSAL_PURGE_EVERY_SWEEPS = 20;
/** How often alert deliveries not processed yet (a crash, a failed post) are looked for. */
const ALERT_SWEEP_MS = 15_000;

/** The failover sweeper: expiry, adoption, announcements, the pending-approvals gauge, expired proposals. */
function startFailoverSweeper(failover: FailoverTeams, metrics: BotMetrics, logger: Logger): () => Promise<void> {
  let running: Promise<void> | null = null;
  let sweeps = 0;
  const sweep = async (): Promise<void> => {
    try {
      const result = await failover.service.expireDue();
      if (result.expired.length + result.adopted.length + result.announced.length > 0) logger.info({ ...result }, 'failover sweep');
      metrics.setPendingApprovals((await failover.service.listActive()).filter((record) => record.state === 'requested').length);
      if (sweeps++ % PROPOSAL_PURGE_EVERY_SWEEPS === 0) await failover.service.purgeProposals();
    } catch (error) {
      logger.warn({ ...errorFields(error) }, 'failover sweep failed (the store did not answer); next sweep later');
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = null;
    });
  }, FAILOVER_SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await failover.service.shutdown();
  };
}

/** Stops looking for alert deliveries and waits for those in flight, at most the grace period (the rest stay kept for the next start). */
async function stopAlerts(alerts: AlertsTeams, logger: Logger): Promise<void> {
  const drained = await beforeDeadline(
    alerts.service.stop().then(() => true),
    AbortSignal.timeout(SHUTDOWN_GRACE_MS),
    () => false,
  );
  if (!drained) logger.warn('grace period over: alert deliveries still in flight are kept and processed at the next start');
}

/** Waits for the message action's posts in flight, at most the shutdown grace period. */
async function drainMessageActionPosts(bot: OnCallBot, logger: Logger): Promise<void> {
  const posts = bot.diagnoseAction.postsInFlight;
  if (posts === 0) return;
  logger.info({ posts }, 'waiting for the message action posts in flight');
  const drained = await beforeDeadline(
    bot.diagnoseAction.idle().then(() => true),
    AbortSignal.timeout(SHUTDOWN_GRACE_MS),
    () => false,
  );
  if (!drained) logger.warn({ posts: bot.diagnoseAction.postsInFlight }, 'grace period over: message action posts still in flight');
}

async function start(config: Config, logger: Logger): Promise<Stop[]> {
  const stops: Stop[] = [];
  // GET /metrics; the failover wiring reports through metrics.failoverOutcome() and metrics.setPendingApprovals().
  const metrics: BotMetrics = createBotMetrics();
  try {
    // Pastes are read on worker threads within the budget. Closed after HTTP (stops run in reverse), so the
    // turns in flight finish their diagnosis first.
    const diagnosis = await startDiagnosisPool({ budgetMs: config.diagnosisBudgetMs, logger });
    stops.push(() => diagnosis.close());
    const demo = config.demo ? await startDemo(config.demoPlayground, logger, stops) : null;
    const target = demo?.arm ?? { subscriptionIds: [...config.azure.subscriptionIds], armEndpoint: config.azure.armEndpoint };
    // The edge gives up a little before the turn does, so the card can say why (throttled, 403, 5xx…)
    // rather than only that the turn's budget ran out.
    const azure = createAzureEdge({
      ...target,
      healthBudgetMs: Math.max(150, Math.floor(config.healthBudgetMs * 0.7)),
      onAttempt: recordArmAttempts({ metrics, logger }),
    });

    const demoApproval = demo?.failoverApproval(config.failover.approvers) ?? null;
    const adapter = new TeamsAdapter({ bot: config.bot, logger, onTurnFailed: createTurnFailureHandler(logger) });

    // Failover approval workflow: durable state, audit trail, the service with the Teams notifier.
    const store = await openStateStore(config.stateStore);
    stops.push(() => store.close());
    // SQLite: a restarted bot resumes its running failover at once under the same runner id (one live process per id).
    const runner = config.stateStore.kind === 'sqlite' ? sqliteRunnerIdentity(config.stateStore.path) : null;
    if (runner) stops.push(async () => runner.release());
    const audit = createAuditLog(store);
    const failover = createFailoverTeams({
      store,
      audit,
      executor: azure.failover,
      directory: azure.directory,
      health: azure.health,
      clock: systemClock,
      config: config.failover,
      demo: config.demo,
      logger,
      proactive: { adapter, appId: config.bot.appId },
      metrics,
      ...(runner ? { instanceId: runner.id } : {}),
      // Demo only: the demo world's approver approves requests when FAILOVER_APPROVERS names nobody.
      ...(demoApproval ? { demoApproval } : {}),
    });
    // Azure Monitor alerts: POST /api/alerts, the subscriptions and the incident cards.
    const alerts = createAlertsTeams({
      store,
      clock: systemClock,
      directory: azure.directory,
      health: azure.health,
      healthBudgetMs: config.healthBudgetMs,
      demo: config.demo,
      logger,
      proactive: { adapter, appId: config.bot.appId },
      failover,
      instanceId: runner?.id ?? `instance-${randomUUID()}`,
      webhookConfigured: config.alerts.token !== null || config.alerts.entra !== null,
      ...(demo ? { demoAlerts: (service) => demo.alertFirer(service) } : {}),
    });
    const replies: ReplyDeps = {
      diagnoser: diagnosis.diagnose,
      hubs: { directory: azure.directory, health: azure.health },
      demo: config.demo,
      healthBudgetMs: config.healthBudgetMs,
      eligibility: (hub) => failover.proposer.eligibility(hub),
      diagnosisObserver: metrics,
      failover: failover.proposer,
    };
    const bot = new OnCallBot({
      ...replies,
      logger,
      dedupe: new ActivityDeduplicator(),
      rateLimit: messageRateGateFor(config.rateLimit, metrics),
      commands: { ...failover.commands(replies), ...alerts.commands },
      conversationLifecycle: alerts.lifecycle,
      cardActions: failover.cardActions,
      unknownCardAction: failover.actions.unknownAction(),
      cardSubmit: (turn) => failover.actions.submit(turn),
      postClaimStore: store,
    });

    const checks: ReadinessCheck[] = [
      { name: 'arm', run: async (signal) => ({ ok: await azure.probe(signal), ...(config.demo ? { detail: 'simulated' } : {}) }) },
      { name: 'state', run: async () => (await store.ping(), { ok: true, detail: store.kind }) },
    ];
    // One cached verdict for every listener: probes cost an ARM call and a store read at most every 30 s.
    const readiness = cachedReadiness(checks);
    // Stopped after HTTP closes (stops run in reverse): first no new requests, then the turns in flight finish
    // (an approval among them may start a failover), then the pollers stop with their state saved at every
    // poll and a POST in flight saved before the process exits.
    stops.push(startFailoverSweeper(failover, metrics, logger));
    // After HTTP too, and before the failover service, the store and the workers: the Diagnose message action's
    // posts whose invoke was already answered (the card on its way to the conversation) land first.
    stops.push(() => drainMessageActionPosts(bot, logger));
    // After HTTP too: deliveries already answered 202 finish (or stay kept for the next start).
    alerts.service.start(ALERT_SWEEP_MS);
    stops.push(() => stopAlerts(alerts, logger));
    const http = await startHttpServer({
      host: config.host,
      port: config.port,
      logger,
      name: 'main',
      messages: adapter.endpoint(tenantGate(config.allowedTenantIds, logger, observeTurns((turn) => bot.run(turn), { logger, metrics }))),
      readiness,
      metrics: metricsRoute(metrics),
      operationsAccess: mainListenerAccess(config.bot.authEnabled, config.operations.token),
      routes: [auditApiRoute({ token: config.auditApiToken, audit, logger })],
      postRoutes: [
        alertsRoute({
          token: config.alerts.token,
          entra: config.alerts.entra === null ? null : createEntraTokenVerifier(config.alerts.entra),
          receiver: alerts.service,
          logger,
          onRefused: (reason) => metrics.alertRefused(reason),
        }),
      ],
    });
    stops.push(() => http.close(SHUTDOWN_GRACE_MS));
    if (config.operations.port !== null) {
      // Closed first on SIGTERM (stops run in reverse): the orchestrator stops routing to a bot that is leaving.
      const operations = await startHttpServer({ host: config.operations.host, port: config.operations.port, logger, name: 'operations', readiness, metrics: metricsRoute(metrics) });
      stops.push(() => operations.close(1_000));
    } else if (config.bot.authEnabled && config.operations.token === null) {
      logger.warn('/readyz and /metrics are not served: with MicrosoftAppId set they need OPS_PORT (operations listener) or OPS_TOKEN (bearer token on the main port)');
    }
    try {
      const { resumed } = await failover.service.resumeInFlight();
      if (resumed.length > 0) logger.info({ requestIds: resumed }, 'failovers in flight resumed');
    } catch (error) {
      logger.error({ ...errorFields(error) }, 'failovers in flight could not be resumed now (the store did not answer); the sweeper retries');
    }

    await demo?.openPlayground(http.url);
    logger.info({ url: http.url, demo: config.demo, auth: config.bot.authEnabled }, 'bot ready');
    return stops;
  } catch (error) {
    await stopAll(stops, logger);
    throw error;
  }
}

async function stopAll(stops: Stop[], logger: Logger): Promise<void> {
  // Last started, first stopped: HTTP before the playground that calls it… and before the simulator it calls.
  for (const stop of [...stops].reverse()) {
    try {
      await stop();
    } catch (error) {
      logger.warn({ ...errorFields(error) }, 'error while stopping');
    }
  }
}

async function main(): Promise<void> {
  let config: Config;
  let envFile: string | null;
  try {
    envFile = loadEnvFile(process.env);
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, output: chooseLogOutput(config.logFormat, process.stdout.isTTY === true) });
  logger.info({ config: describeConfig(config), envFile }, 'starting');

  process.on('unhandledRejection', (reason) => logger.error({ ...errorFields(reason, { withMessage: false }) }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ ...errorFields(error, { withMessage: false }) }, 'uncaught exception, exiting');
    process.exit(1);
  });

  let stops: Stop[];
  try {
    stops = await start(config, logger);
  } catch (error) {
    // A store the bot will not use (empty, damaged, foreign) is an operator's problem: its message says what
    // and where, a stack would say nothing more.
    if (error instanceof StoreIntegrityError) logger.fatal({ variable: error.variable }, error.message);
    else logger.fatal({ ...errorFields(error) }, 'failed to start');
    throw error;
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void stopAll(stops, logger).then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`IoT Hub On-Call failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
