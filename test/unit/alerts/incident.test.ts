// The incident model: open → updated → resolved, metric fire/resolve under one alert id, repeats, the
// timeline, and what a recovery with no incident open does (nothing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TIMELINE, applySignal, moreSevere } from '#src/alerts/incident.ts';
import type { ApplyOutcome, Incident, IncidentSubject } from '#src/alerts/incident.ts';
import { parseAlert } from '#src/alerts/parse.ts';
import type { AlertSignal } from '#src/alerts/signal.ts';
import { deliveryKey, hubTargetOf } from '#src/alerts/target.ts';
import { metricAlert, resourceHealthAlert, serviceHealthAlert } from '#src/sim/index.ts';

const HUB = { subscriptionId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', resourceGroup: 'rg', name: 'hub1' };
const target = hubTargetOf(`/subscriptions/${HUB.subscriptionId}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub1`);
assert.ok(target);
const HUB_SUBJECT: IncidentSubject = { kind: 'hub', hub: target };

function signal(body: unknown): AlertSignal {
  const parsed = parseAlert(body);
  assert.ok(parsed.ok);
  return parsed.signal;
}

let ids = 0;
function apply(current: Incident | null, body: unknown, subject: IncidentSubject = HUB_SUBJECT, now = '2026-05-04T10:00:00.000Z'): ApplyOutcome {
  const read = signal(body);
  return applySignal(current, { subject, signal: read, key: deliveryKey(read), now, newId: () => `inc-${++ids}` });
}

function incidentOf(outcome: ApplyOutcome): Incident {
  assert.ok(outcome.kind === 'opened' || outcome.kind === 'updated' || outcome.kind === 'resolved', outcome.kind);
  return outcome.incident;
}

const at = (minute: number): string => new Date(Date.parse('2026-05-04T09:00:00.000Z') + minute * 60_000).toISOString();

describe('applySignal', () => {
  it('opens on Resource Health Unavailable, updates, and resolves on Available (new activity-log alerts each time)', () => {
    const opened = apply(null, resourceHealthAlert(HUB, { current: 'Unavailable', firedAt: at(0) }));
    assert.equal(opened.kind, 'opened');
    const first = incidentOf(opened);
    assert.equal(first.state, 'open');
    assert.equal(first.version, 1);

    const updated = apply(first, resourceHealthAlert(HUB, { current: 'Degraded', previous: 'Unavailable', status: 'Updated', firedAt: at(10) }));
    assert.equal(updated.kind, 'updated');
    const second = incidentOf(updated);
    assert.equal(second.id, first.id, 'the same incident');
    assert.equal(second.resourceHealth?.health, 'Degraded');

    const resolved = apply(second, resourceHealthAlert(HUB, { current: 'Available', firedAt: at(30) }));
    assert.equal(resolved.kind, 'resolved');
    const third = incidentOf(resolved);
    assert.equal(third.state, 'resolved');
    assert.deepEqual(
      third.timeline.map((entry) => [entry.at, entry.event.kind === 'resource-health' ? entry.event.health : null]),
      [
        [at(0), 'Unavailable'],
        [at(10), 'Degraded'],
        [at(30), 'Available'],
      ],
    );
  });

  it('a repeated delivery changes nothing', () => {
    const body = resourceHealthAlert(HUB, { current: 'Unavailable', eventDataId: 'same-event' });
    const incident = incidentOf(apply(null, body));
    assert.equal(apply(incident, body).kind, 'duplicate');
    // The same event under another alert rule (another action group's copy): the same eventDataId.
    assert.equal(apply(incident, resourceHealthAlert(HUB, { current: 'Unavailable', eventDataId: 'same-event', alertRule: 'other-rule' })).kind, 'duplicate');
  });

  it('a recovery with no incident open is ignored, and so is one after the incident was resolved', () => {
    assert.deepEqual(apply(null, resourceHealthAlert(HUB, { current: 'Available' })), { kind: 'ignored', why: 'no-open-incident' });
    const open = incidentOf(apply(null, resourceHealthAlert(HUB, { current: 'Unavailable' })));
    const closed = incidentOf(apply(open, resourceHealthAlert(HUB, { current: 'Available' })));
    assert.equal(apply(closed, resourceHealthAlert(HUB, { current: 'Available' })).kind, 'ignored');
  });

  it('a firing alert after the incident was resolved opens a new incident', () => {
    const open = incidentOf(apply(null, resourceHealthAlert(HUB, { current: 'Unavailable' })));
    const closed = incidentOf(apply(open, resourceHealthAlert(HUB, { current: 'Available' })));
    const again = apply(closed, resourceHealthAlert(HUB, { current: 'Unavailable' }));
    assert.equal(again.kind, 'opened');
    assert.notEqual(incidentOf(again).id, open.id);
  });

  it('a metric alert fires and resolves under the same alert id; the incident waits for every signal', () => {
    const metric = incidentOf(apply(null, metricAlert(HUB, { alertId: 'M1', condition: 'Fired', value: 3 })));
    assert.equal(metric.signals['metric|m1'], 'firing');
    const both = incidentOf(apply(metric, resourceHealthAlert(HUB, { current: 'Unavailable' })));
    const metricDone = apply(both, metricAlert(HUB, { alertId: 'M1', condition: 'Resolved' }));
    assert.equal(metricDone.kind, 'updated', 'Resource Health still reports the hub unavailable');
    assert.deepEqual(incidentOf(metricDone).signals, { 'resource-health': 'firing' }, 'the resolved metric alert is not kept');
    const allDone = apply(incidentOf(metricDone), resourceHealthAlert(HUB, { current: 'Available' }));
    assert.equal(allDone.kind, 'resolved');
    // Fired and Resolved of one metric alert are two deliveries, not a repeat.
    assert.notEqual(deliveryKey(signal(metricAlert(HUB, { alertId: 'M1', condition: 'Fired' }))), deliveryKey(signal(metricAlert(HUB, { alertId: 'M1', condition: 'Resolved' }))));
  });

  it('keeps the timeline short and in the order Azure says things happened', () => {
    let incident = incidentOf(apply(null, resourceHealthAlert(HUB, { current: 'Unavailable', firedAt: at(0) })));
    // Updates arrive out of order.
    for (const minute of [5, 3, 9, 1, 7, 2, 8, 4, 6, 10]) incident = incidentOf(apply(incident, resourceHealthAlert(HUB, { current: 'Unavailable', status: 'Updated', firedAt: at(minute) })));
    assert.equal(incident.timeline.length, MAX_TIMELINE);
    assert.equal(incident.earlierEntries, 11 - MAX_TIMELINE);
    const times = incident.timeline.map((entry) => entry.at);
    assert.deepEqual(times, [...times].sort());
    assert.equal(times.at(-1), at(10));
  });

  it('keeps the most severe severity', () => {
    assert.equal(moreSevere('Sev3', 'Sev1'), 'Sev1');
    assert.equal(moreSevere('Sev0', 'Sev2'), 'Sev0');
    assert.equal(moreSevere('', 'Sev4'), 'Sev4');
  });

  it('a Service Health incident: Active opens, Resolved resolves, the RCA joins the resolved incident', () => {
    const subject: IncidentSubject = { kind: 'service-health', trackingId: 'ABC1-DEF', regions: ['West Europe'] };
    const active = incidentOf(apply(null, serviceHealthAlert({ subscriptionId: 'S', trackingId: 'ABC1-DEF', stage: 'Active', regions: ['West Europe'] }), subject));
    const resolved = apply(active, serviceHealthAlert({ subscriptionId: 'S', trackingId: 'ABC1-DEF', stage: 'Resolved', regions: ['West Europe'] }), subject);
    assert.equal(resolved.kind, 'resolved');
    const rca = apply(incidentOf(resolved), serviceHealthAlert({ subscriptionId: 'S', trackingId: 'ABC1-DEF', stage: 'RCA', regions: ['West Europe'] }), subject);
    assert.equal(rca.kind, 'updated');
    assert.equal(incidentOf(rca).state, 'resolved');
    assert.equal(incidentOf(rca).id, active.id);
    // An RCA of an incident the bot never saw opens nothing.
    assert.equal(apply(null, serviceHealthAlert({ subscriptionId: 'S', trackingId: 'ZZZ', stage: 'RCA', regions: ['West Europe'] }), subject).kind, 'ignored');
  });
});
