// `iothub-oncall sim …`: runs the ARM simulator in the foreground until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { ScenarioError, loadScenarioFile } from './scenario-file.ts';
import { BUILT_IN_SCENARIOS, type ScenarioDefinition } from './scenarios.ts';
import { startArmSimulator } from './server.ts';

export const DEFAULT_SIMULATOR_PORT = 4600;

const usage = `Usage: iothub-oncall sim [--port N] [--host ADDR] [--scenario NAME | --scenario-file PATH] [--speed X]

Runs a local stand-in for Azure Resource Manager (IoT Hub + Resource Health) over HTTP.
  --port N             port to listen on (default ${DEFAULT_SIMULATOR_PORT}; 0 = any free port)
  --host ADDR          address to bind (default 127.0.0.1; the bot accepts http only on loopback)
  --scenario NAME      built-in scenario: ${BUILT_IN_SCENARIOS.join(', ')} (default demo)
  --scenario-file PATH scenario JSON file (see test/fixtures/sim/)
  --speed X            simulated seconds per real second (default 1)

Script an incident while it runs with the admin endpoint, e.g.
  curl -X POST URL/_sim/hubs/<hub>/health -d '{"availabilityState":"Unavailable"}'
`;

export interface SimulatorCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Resolves when the command should stop (default: SIGINT or SIGTERM). */
  untilStopped?: () => Promise<void>;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const defaultIo: SimulatorCommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function runSimulatorCommand(args: string[], io: SimulatorCommandIo = defaultIo): Promise<number> {
  let values: { port?: string; host?: string; scenario?: string; 'scenario-file'?: string; speed?: string; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string' },
        'scenario-file': { type: 'string' },
        speed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const port = values.port === undefined ? DEFAULT_SIMULATOR_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`--port must be an integer between 0 and 65535 (got ${values.port ?? ''})\n`);
    return 2;
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0) {
    io.err(`--speed must be a number >= 0 (got ${values.speed ?? ''})\n`);
    return 2;
  }
  if (values.scenario !== undefined && values['scenario-file'] !== undefined) {
    io.err('give either --scenario or --scenario-file, not both\n');
    return 2;
  }
  let scenario: string | ScenarioDefinition = values.scenario ?? 'demo';
  try {
    if (values['scenario-file'] !== undefined) scenario = await loadScenarioFile(values['scenario-file']);
    const simulator = await startArmSimulator({ host: values.host ?? '127.0.0.1', port, scenario, speed });
    io.out(`ARM simulator listening on ${simulator.url} (scenario ${simulator.state.scenario}, speed ${speed})\n`);
    io.out(`  ARM_ENDPOINT=${simulator.url}\n  AZURE_SUBSCRIPTION_IDS=${simulator.subscriptions.join(',')}\n`);
    io.out(`  hubs: ${simulator.state.hubs().map((hub) => `${hub.name} (${hub.health.availabilityState})`).join(', ')}\n`);
    io.out(`  admin: ${simulator.url}/_sim/hubs, /_sim/requests, /_sim/faults, /_sim/events\n`);
    await (io.untilStopped ?? waitForSignal)();
    await simulator.close();
    io.out('ARM simulator stopped\n');
    return 0;
  } catch (error) {
    if (error instanceof ScenarioError) io.err(`${error.message}\n`);
    else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') io.err(`port ${port} is already in use; pick another with --port\n`);
    else io.err(`the simulator could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
