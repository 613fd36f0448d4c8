// Demo mode: `demo alert [hub]` makes the simulator fire a Resource Health alert for one of its hubs (the
// state Resource Health reports for it now) into the bot's alert intake, the same one POST /api/alerts
// feeds, so a newcomer sees an alert card arrive in a subscribed channel without an Azure subscription.
import { randomUUID } from 'node:crypto';
import type { DemoAlertFirer } from '../alerts/ports.ts';
import type { ReceiveResult } from '../alerts/service.ts';
import type { ArmSimulator } from '../sim/index.ts';
import { alertTargetId, resourceHealthAlert } from '../sim/index.ts';

export function simulatorAlertFirer(simulator: Pick<ArmSimulator, 'state'>, receiver: { receive(body: unknown): Promise<ReceiveResult> }): DemoAlertFirer {
  return {
    async fire(hubName) {
      const hubs = simulator.state.hubs();
      const hub = hubName === null ? (hubs.find((candidate) => candidate.health.availabilityState === 'Unavailable') ?? hubs[0]) : hubs.find((candidate) => candidate.name.toLowerCase() === hubName.toLowerCase());
      if (hub === undefined) return { kind: 'unknown-hub' };
      const state = hub.health.availabilityState;
      // A new activity-log event each time: a second `demo alert` is an update (or a recovery), not a repeat.
      await receiver.receive(resourceHealthAlert(hub, { current: state, eventDataId: randomUUID() }));
      return { kind: 'fired', hubName: hub.name, hubId: alertTargetId(hub), state };
    },
  };
}
