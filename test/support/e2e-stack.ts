// The end-to-end suites' stack: an ARM simulator, the fake Bot Connector and the real bot process pointed at
// the simulator. e2eStack() is called inside a describe(): it starts the stack in that suite's before() and
// stops every part of it in after() (bots first, so nothing calls an edge that is already closed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startArmSimulator } from '#src/sim/index.ts';
import type { ArmSimulator, ScenarioDefinition } from '#src/sim/index.ts';
import { startBotProcess } from './bot-process.ts';
import type { BotProcess } from './bot-process.ts';
import { startFakeConnector } from './fake-connector.ts';
import type { FakeConnector } from './fake-connector.ts';
import { startSimulatorProcess } from './sim-process.ts';
import type { SimulatorProcess } from './sim-process.ts';

/** What the bot needs to know of a simulator to use it as Azure. */
export interface SimulatorEndpoint {
  readonly url: string;
  readonly subscriptions: readonly string[];
}

/** The bot's environment for Azure as this simulator: its subscriptions and its ARM endpoint. */
export function simulatorEnv(sim: SimulatorEndpoint): Record<string, string> {
  return { AZURE_SUBSCRIPTION_IDS: sim.subscriptions.join(','), ARM_ENDPOINT: sim.url };
}

export interface SimulatorRunner<Sim extends SimulatorEndpoint> {
  start(): Promise<Sim>;
  stop(sim: Sim): Promise<unknown>;
}

/** The simulator in the test runner's own process (the usual case: faults and admin calls are direct). */
export function inProcessSimulator(scenario: string | ScenarioDefinition): SimulatorRunner<ArmSimulator> {
  return { start: () => startArmSimulator({ scenario }), stop: (sim) => sim.close() };
}

/** The simulator as its own process (`iothub-oncall sim`), as in production. */
export function simulatorProcess(scenario: string): SimulatorRunner<SimulatorProcess> {
  return { start: () => startSimulatorProcess({ scenario }), stop: (sim) => sim.stop('SIGKILL') };
}

export interface E2eStackOptions<Sim extends SimulatorEndpoint> {
  simulator: SimulatorRunner<Sim>;
  /** Bot environment on top of the simulator's. */
  botEnv?: Record<string, string>;
  /** Give the bots a SQLite store in a new temporary directory (removed in after()). */
  sqliteState?: boolean;
  /** Start the suite's bot in before() (default); false for suites whose tests start their own bots. */
  startSuiteBot?: boolean;
}

export interface E2eStack<Sim extends SimulatorEndpoint> {
  readonly sim: Sim;
  readonly connector: FakeConnector;
  /** The suite's bot. A test that restarts it assigns the new process here; after() stops whichever runs. */
  bot: BotProcess;
  /** The SQLite file of the bots' state (sqliteState only). */
  readonly database: string;
  /** Another bot process with the suite's environment and state (plus `env`); after() stops it too. */
  startBot(env?: Record<string, string>): Promise<BotProcess>;
}

export function e2eStack<Sim extends SimulatorEndpoint>(options: E2eStackOptions<Sim>): E2eStack<Sim> {
  let sim: Sim | undefined;
  let connector: FakeConnector | undefined;
  let suiteBot: BotProcess | undefined;
  let dir: string | undefined;
  const bots: BotProcess[] = [];
  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`e2e stack: no ${name} (not started, or not asked for)`);
    return part;
  };
  const database = (): string => join(started(dir, 'SQLite state'), 'state.db');
  const botEnv = (): Record<string, string> => ({
    ...simulatorEnv(started(sim, 'simulator')),
    ...(options.sqliteState ? { STATE_STORE: `sqlite:${database()}` } : {}),
    ...options.botEnv,
  });
  const stack: E2eStack<Sim> = {
    get sim() {
      return started(sim, 'simulator');
    },
    get connector() {
      return started(connector, 'fake connector');
    },
    get bot() {
      return started(suiteBot, 'suite bot');
    },
    set bot(bot) {
      suiteBot = bot;
      if (!bots.includes(bot)) bots.push(bot);
    },
    get database() {
      return database();
    },
    async startBot(env = {}) {
      const bot = await startBotProcess({ ...botEnv(), ...env });
      bots.push(bot);
      return bot;
    },
  };

  before(async () => {
    if (options.sqliteState) dir = mkdtempSync(join(tmpdir(), 'e2e-state-'));
    sim = await options.simulator.start();
    connector = await startFakeConnector();
    if (options.startSuiteBot ?? true) stack.bot = await stack.startBot();
  });

  after(async () => {
    for (const bot of bots) await bot.stop('SIGKILL');
    await connector?.close();
    if (sim) await options.simulator.stop(sim);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return stack;
}
