// The alert cards of the gallery (test/browser/cards.test.ts): one incident of the demo's hub in an outage,
// through the alert pipeline itself (the simulator's Common Alert Schema payloads, parsed and applied to the
// incident), as it opens, is updated and recovers; a metric alert on a healthy hub; a Service Health
// incident. Rendered by the bot's own alert card, with the failover proposal where the bot offers one.
import { applySignal } from '#src/alerts/incident.ts';
import type { Incident, IncidentSubject } from '#src/alerts/incident.ts';
import { parseAlert } from '#src/alerts/parse.ts';
import { deliveryKey, hubTargetOf } from '#src/alerts/target.ts';
import type { Locale } from '#src/core/locale.ts';
import { adviseFailover } from '#src/diagnosis/advice.ts';
import type { Hub, HubHealthResult } from '#src/diagnosis/hub.ts';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { metricAlert, resourceHealthAlert, serviceHealthAlert } from '#src/sim/index.ts';
import type { AlertHub } from '#src/sim/index.ts';
import { alertCard } from '#src/teams/alerts/card-view.ts';
import type { AlertCardInput } from '#src/teams/alerts/card-view.ts';
import { renderFailoverSection } from '#src/teams/failover/card/render.ts';
import type { FailoverRequest } from '#src/failover/index.ts';
import { CARD_BUDGET_PX, HEALTHY, OUTAGE, OUTAGE_DIAGNOSIS_BUDGET_PX, at, failoverRecords, healthPart, healthyHealth, outageHealth, viewContext } from './card-gallery.ts';
import type { GalleryCase } from './card-gallery.ts';
import { templatePattern } from './failover.ts';

/** An alert on a hub in an outage has the outage diagnosis's budget; every other alert card the common one. */
export const OUTAGE_ALERT_BUDGET_PX = OUTAGE_DIAGNOSIS_BUDGET_PX;

const alertHub = (hub: Hub): AlertHub => ({ subscriptionId: hub.subscriptionId, resourceGroup: hub.resourceGroup, name: hub.name });

function hubSubject(hub: Hub): IncidentSubject {
  const target = hubTargetOf(hub.id);
  if (target === null) throw new Error(`gallery: ${hub.id} is not a hub's id`);
  return { kind: 'hub', hub: target };
}

/** The incident after each payload in turn, as the bot keeps it. */
function incidentAfter(subject: IncidentSubject, payloads: { body: unknown; minutesAgo: number }[]): Incident {
  let incident: Incident | null = null;
  for (const { body, minutesAgo } of payloads) {
    const parsed = parseAlert(body);
    if (!parsed.ok) throw new Error(`gallery: the alert does not parse: ${parsed.detail}`);
    const outcome = applySignal(incident, { subject, signal: parsed.signal, key: deliveryKey(parsed.signal), now: at(minutesAgo), newId: () => 'gallery-incident-1' });
    if (outcome.kind === 'duplicate' || outcome.kind === 'ignored') throw new Error(`gallery: the alert changed nothing (${outcome.kind})`);
    incident = outcome.incident;
  }
  if (incident === null) throw new Error('gallery: no alert');
  return incident;
}

function degradedHealth(): HubHealthResult {
  const outage = outageHealth();
  if (!outage.ok) throw new Error('gallery: the outage health is a failure');
  return { ...outage, health: { ...outage.health, availabilityState: 'Degraded', title: 'Degraded', since: at(10) } };
}

function recoveredHealth(): HubHealthResult {
  const healthy = healthyHealth();
  if (!healthy.ok) throw new Error('gallery: the healthy health is a failure');
  return { ...healthy, hub: OUTAGE, health: { ...healthy.health, since: at(2), recentlyResolved: null } };
}

/** Every alert card kind, with what its first screen must show. */
export function alertGalleryCases(locale: Locale): GalleryCase[] {
  const ui = uiStrings(locale);
  const t = ui.alerts;
  const f = ui.failover;
  const outageHub = alertHub(OUTAGE);
  const unavailable = { body: resourceHealthAlert(outageHub, { current: 'Unavailable', firedAt: at(25), eventDataId: 'gallery-rh-1' }), minutesAgo: 24 };
  const degraded = {
    body: resourceHealthAlert(outageHub, { current: 'Degraded', previous: 'Unavailable', status: 'Updated', firedAt: at(10), eventDataId: 'gallery-rh-2' }),
    minutesAgo: 9,
  };
  const available = { body: resourceHealthAlert(outageHub, { current: 'Available', firedAt: at(2), eventDataId: 'gallery-rh-3' }), minutesAgo: 1 };
  const proposal = renderFailoverSection(failoverRecords(locale)['proposed'] as FailoverRequest, viewContext(locale, 'everyone'), true);
  const names = { hub: OUTAGE.name, source: 'West Europe', target: 'North Europe' };
  const heading = fill(f.headings.proposed.failover, names);
  const requestNext = fill(ui.advice.next.request, { secondary: 'North Europe' });
  const live = (state: keyof typeof ui.health.states) => templatePattern(t.live.state, { state: ui.health.states[state] });
  const timelineLabel = (n: number) => fill(t.timeline.toggle, { n: String(n) });

  const onHub = (incident: Incident, health: HubHealthResult, offer: boolean): AlertCardInput => {
    const advice = incident.state === 'open' ? adviseFailover({ verdict: 'transient-service', health, eligibility: { possible: true } }) : null;
    return { incident, hubs: [health.ok ? health.hub : OUTAGE], health: healthPart(health), advice: advice?.kind === 'worth-considering' ? advice : null, offersRequest: offer, locale, demo: true };
  };

  const opened = incidentAfter(hubSubject(OUTAGE), [unavailable]);
  const updated = incidentAfter(hubSubject(OUTAGE), [unavailable, degraded]);
  const recovered = incidentAfter(hubSubject(OUTAGE), [unavailable, degraded, available]);
  const metricRule = `${HEALTHY.name}-connected-devices-drop`;
  const metric = incidentAfter(hubSubject(HEALTHY), [
    { body: metricAlert(alertHub(HEALTHY), { alertId: 'gallery-metric-1', condition: 'Fired', metricName: 'connectedDeviceCount', operator: 'LessThan', threshold: '40000', value: 31250, firedAt: at(6) }), minutesAgo: 5 },
  ]);
  const serviceHealth = incidentAfter({ kind: 'service-health', trackingId: 'SIM1-IOT', regions: ['West Europe'] }, [
    {
      body: serviceHealthAlert({ subscriptionId: OUTAGE.subscriptionId, trackingId: 'SIM1-IOT', stage: 'Active', regions: ['West Europe'], title: 'Azure IoT Hub - West Europe - Investigating', firedAt: at(20) }),
      minutesAgo: 19,
    },
  ]);

  return [
    {
      name: 'alert',
      card: alertCard(onHub(opened, outageHealth(), true), proposal).card,
      budgetPx: OUTAGE_ALERT_BUDGET_PX,
      firstScreen: [fill(t.titles.Unavailable, { hub: OUTAGE.name }), templatePattern(t.since, {}), t.owner.PlatformInitiated, live('Unavailable'), requestNext, heading],
      primaryAction: f.buttons.request.failover,
      reveals: { label: timelineLabel(1), text: fill(t.timeline.resourceHealth, { status: 'Active', health: ui.health.states.Unavailable }) },
    },
    {
      name: 'alert-updated',
      card: alertCard(onHub(updated, degradedHealth(), true), proposal).card,
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [fill(t.titles.Degraded, { hub: OUTAGE.name }), templatePattern(t.since, {}), t.owner.PlatformInitiated, live('Degraded'), requestNext, heading],
      primaryAction: f.buttons.request.failover,
      reveals: { label: timelineLabel(2), text: fill(t.timeline.resourceHealth, { status: 'Updated', health: ui.health.states.Degraded }) },
    },
    {
      name: 'alert-recovered',
      card: alertCard(onHub(recovered, recoveredHealth(), false)).card,
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [fill(t.titles.resolved, { hub: OUTAGE.name }), templatePattern(t.resolvedAfter, {}), t.owner.PlatformInitiated, live('Available'), t.resolvedAdvice],
      primaryAction: null,
      reveals: { label: timelineLabel(3), text: fill(t.timeline.resourceHealth, { status: 'Resolved', health: ui.health.states.Available }) },
    },
    {
      name: 'alert-metric',
      card: alertCard(onHub(metric, healthyHealth(), false)).card,
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [fill(t.titles.metric, { hub: HEALTHY.name, rule: metricRule }), templatePattern(t.owner.metric, {}), live('Available'), t.nextSteps.available],
      primaryAction: null,
      reveals: { label: t.details.toggle, text: t.details.rule },
    },
    {
      name: 'alert-service-health',
      card: alertCard({ incident: serviceHealth, hubs: [OUTAGE], health: null, advice: null, offersRequest: false, locale, demo: true }).card,
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [fill(t.titles.serviceHealth, { regions: 'West Europe' }), fill(t.owner.serviceHealth, { trackingId: 'SIM1-IOT' }), t.serviceHealth.nextStep],
      primaryAction: OUTAGE.name,
      reveals: { label: timelineLabel(1), text: templatePattern(t.timeline.serviceHealth, { stage: 'Active' }) },
    },
  ];
}
