// The ARM simulator as its own process (`node src/cli.ts sim`), for tests that want bot, simulator and
// test runner fully separate. Most tests start it in-process with startArmSimulator instead.
import { spawnProjectNode } from './bot-process.ts';
import type { RunningProcess } from './bot-process.ts';

export interface SimulatorProcess extends RunningProcess {
  /** Base URL (ARM_ENDPOINT for the bot). */
  readonly url: string;
  readonly subscriptions: string[];
}

export async function startSimulatorProcess(options: { scenario?: string; scenarioFile?: string } = {}): Promise<SimulatorProcess> {
  const args = ['src/cli.ts', 'sim', '--port', '0', '--host', '127.0.0.1'];
  if (options.scenarioFile !== undefined) args.push('--scenario-file', options.scenarioFile);
  else args.push('--scenario', options.scenario ?? 'healthy');
  const running = spawnProjectNode(args, {});
  try {
    const listening = await running.waitForLine((line) => line.startsWith('ARM simulator listening on '));
    const subscriptionsLine = await running.waitForLine((line) => line.trim().startsWith('AZURE_SUBSCRIPTION_IDS='));
    const url = /listening on (http:\/\/\S+)/.exec(listening)?.[1];
    if (!url) throw new Error(`simulator process: no URL in ${listening}`);
    const subscriptions = subscriptionsLine.trim().slice('AZURE_SUBSCRIPTION_IDS='.length).split(',').filter((id) => id !== '');
    return { ...running, url, subscriptions };
  } catch (error) {
    await running.stop('SIGKILL');
    throw error;
  }
}
