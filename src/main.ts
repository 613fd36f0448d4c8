// Composition root: config → (demo: ARM simulator) → Azure edge → bot → HTTP (→ demo: Agents Playground).
// Nothing else wires; nothing here decides anything but what to start and how to stop it.
import { createAzureEdge } from './azure/index.ts';
import { ConfigError, describeConfig, loadConfig, loadEnvFile } from './config.ts';
import type { Config } from './config.ts';
import { startAgentsPlayground } from './http/playground.ts';
import { startHttpServer } from './http/server.ts';
import type { ReadinessCheck } from './http/server.ts';
import { createLogger, errorFields } from './log.ts';
import type { Logger } from './log.ts';
import { startArmSimulator } from './sim/index.ts';
import { TeamsAdapter } from './teams/adapter.ts';
import { OnCallBot, createTurnFailureHandler } from './teams/bot.ts';
import { ActivityDeduplicator } from './teams/dedupe.ts';
import { eligibilityFromHubFacts } from './teams/failover-eligibility.ts';

type Stop = () => Promise<void>;

const SHUTDOWN_GRACE_MS = 10_000;

async function armTarget(config: Config, logger: Logger, stops: Stop[]): Promise<{ subscriptionIds: string[]; armEndpoint: string }> {
  if (!config.demo) return { subscriptionIds: [...config.azure.subscriptionIds], armEndpoint: config.azure.armEndpoint };
  const simulator = await startArmSimulator({ scenario: 'demo', host: '127.0.0.1', port: 0 });
  stops.push(() => simulator.close());
  logger.info({ url: simulator.url, scenario: 'demo', subscriptions: simulator.subscriptions }, 'demo mode: Azure is simulated (no AZURE_SUBSCRIPTION_IDS)');
  return { subscriptionIds: simulator.subscriptions, armEndpoint: simulator.url };
}

async function start(config: Config, logger: Logger): Promise<Stop[]> {
  const stops: Stop[] = [];
  try {
    const target = await armTarget(config, logger, stops);
    // The edge gives up a little before the turn does, so the card can say why (throttled, 403, 5xx…)
    // rather than only that the turn's budget ran out.
    const azure = createAzureEdge({ ...target, healthBudgetMs: Math.max(150, Math.floor(config.healthBudgetMs * 0.7)) });

    const adapter = new TeamsAdapter({ bot: config.bot, logger, onTurnFailed: createTurnFailureHandler(logger) });
    const bot = new OnCallBot({
      logger,
      demo: config.demo,
      dedupe: new ActivityDeduplicator(),
      hubs: { directory: azure.directory, health: azure.health },
      healthBudgetMs: config.healthBudgetMs,
      eligibility: eligibilityFromHubFacts,
    });

    // Readiness covers what exists today: ARM (or the simulator). The state store joins with the failover work.
    const readiness: ReadinessCheck[] = [
      { name: 'arm', run: async (signal) => ({ ok: await azure.probe(signal), ...(config.demo ? { detail: 'simulated' } : {}) }) },
    ];
    const http = await startHttpServer({
      host: config.host,
      port: config.port,
      logger,
      messages: adapter.endpoint((turn) => bot.run(turn)),
      readiness,
    });
    stops.push(() => http.close(SHUTDOWN_GRACE_MS));

    if (config.demo && config.demoPlayground.enabled) {
      try {
        const playground = await startAgentsPlayground({ botEndpoint: `${http.url}/api/messages`, port: config.demoPlayground.port, logger });
        stops.push(() => playground.stop());
        process.stderr.write(`\nIoT Hub On-Call demo (Azure is simulated): open ${playground.url} in a browser and paste an IoT Hub error.\n\n`);
      } catch (error) {
        logger.warn({ ...errorFields(error) }, 'the Agents Playground did not start; the bot runs without it');
      }
    }
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
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: describeConfig(config), envFile }, 'starting');

  process.on('unhandledRejection', (reason) => logger.error({ ...errorFields(reason, { withMessage: false }) }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ ...errorFields(error, { withMessage: false }) }, 'uncaught exception, exiting');
    process.exit(1);
  });

  const stops = await start(config, logger);

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
