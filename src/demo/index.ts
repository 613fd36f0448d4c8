// Demo mode (no AZURE_SUBSCRIPTION_IDS): Azure is the in-process ARM simulator, the Agents Playground, once
// the bot listens, is the Teams to talk to it from, and (with no FAILOVER_APPROVERS) a second engineer of the
// demo world approves the failovers requested. main.ts calls startDemo() and nothing else of this folder.
import { parseArmEndpoint } from '../config.ts';
import type { ArmEndpoint, Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { errorFields } from '../log.ts';
import { startArmSimulator } from '../sim/index.ts';
import { simulatorAlertFirer } from './alerts.ts';
import type { DemoAlertFirer } from '../alerts/ports.ts';
import type { ReceiveResult } from '../alerts/service.ts';
import type { DemoApproval } from '../failover/index.ts';
import { DEMO_APPROVER, startAgentsPlayground } from './playground.ts';

type Stop = () => Promise<void>;

/** How long the demo's approver takes to approve a request: long enough to read the card, short enough to wait. */
export const DEMO_APPROVAL_DELAY_MS = 5_000;

export interface Demo {
  /** Where the Azure edge goes: the simulator's subscriptions and URL. */
  arm: { subscriptionIds: string[]; armEndpoint: ArmEndpoint };
  /**
   * The demo's second engineer, who approves requests by herself, when nobody else can: with FAILOVER_APPROVERS
   * set, the approvers listed approve (from the Playground, as one of its users), and this is null.
   */
  failoverApproval(configuredApprovers: readonly string[]): DemoApproval | null;
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
    failoverApproval(configuredApprovers) {
      if (configuredApprovers.length > 0) return null;
      const { id, name, aadObjectId } = DEMO_APPROVER;
      return { approver: { id, name, aadObjectId }, delayMs: DEMO_APPROVAL_DELAY_MS };
    },
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
