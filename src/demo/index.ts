// Demo mode (no AZURE_SUBSCRIPTION_IDS): Azure is the in-process ARM simulator, and the Agents Playground, once
// the bot listens, is the Teams to talk to it from. main.ts calls startDemo() and nothing else of this folder.
import { parseArmEndpoint } from '../config.ts';
import type { ArmEndpoint, Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { errorFields } from '../log.ts';
import { startArmSimulator } from '../sim/index.ts';
import { startAgentsPlayground } from './playground.ts';
import { simulatorAlertFirer } from './alerts.ts';
import type { DemoAlertFirer } from '../alerts/ports.ts';
import type { ReceiveResult } from '../alerts/service.ts';

type Stop = () => Promise<void>;

export interface Demo {
  /** Where the Azure edge goes: the simulator's subscriptions and URL. */
  arm: { subscriptionIds: string[]; armEndpoint: ArmEndpoint };
  /** Starts the Playground against the bot (when enabled); if it does not start, the bot runs without it. */
  openPlayground(botUrl: string): Promise<void>;
  /** `demo alert`: the simulator fires Resource Health alerts of its hubs into the bot's alert intake. */
  alertFirer(receiver: { receive(body: unknown): Promise<ReceiveResult> }): DemoAlertFirer;
}

/** Starts the simulator now; each part pushes its stop on `stops` when it starts (the caller stops them in reverse). */
export async function startDemo(playground: Config['demoPlayground'], logger: Logger, stops: Stop[]): Promise<Demo> {
  const simulator = await startArmSimulator({ scenario: 'demo', host: '127.0.0.1', port: 0 });
  stops.push(() => simulator.close());
  logger.info({ url: simulator.url, scenario: 'demo', subscriptions: simulator.subscriptions }, 'demo mode: Azure is simulated (no AZURE_SUBSCRIPTION_IDS)');
  return {
    arm: { subscriptionIds: simulator.subscriptions, armEndpoint: parseArmEndpoint(simulator.url) },
    alertFirer: (receiver) => simulatorAlertFirer(simulator, receiver),
    async openPlayground(botUrl) {
      if (!playground.enabled) return;
      try {
        const running = await startAgentsPlayground({ botEndpoint: `${botUrl}/api/messages`, port: playground.port, logger });
        stops.push(() => running.stop());
        process.stderr.write(`\nIoT Hub On-Call demo (Azure is simulated): open ${running.url} in a browser and paste an IoT Hub error.\n\n`);
      } catch (error) {
        logger.warn({ ...errorFields(error) }, 'the Agents Playground did not start; the bot runs without it');
      }
    },
  };
}
