// An incident → the view model of its card (cards/alert.json), decision first: what happened, whose
// problem it is and the hub's live state, the one next step, the primary action (the failover slot, filled
// by the failover proposal); the timeline and the details one click away. Every value from Azure is echoed
// (cleaned, cut, escaped) here.
import type { FailoverAdvice } from '../../diagnosis/advice.ts';
import type { AvailabilityState, Hub } from '../../diagnosis/hub.ts';
import type { Incident, TimelineEntry } from '../../alerts/incident.ts';
import type { MetricCriterion } from '../../alerts/signal.ts';
import type { Locale } from '../../core/locale.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import type { Budget } from '../cards/budget.ts';
import { buildAdvice, buildNextStep, emptyAdvice } from '../cards/advice-view.ts';
import { echo } from '../cards/escape.ts';
import { buildHealthSection, buildHubChoice, emptyHealthSection, emptyHubChoice, primaryLocation, STATE_COLORS } from '../cards/health-view.ts';
import { echoList } from '../cards/lists.ts';
import { fittedHostCard } from '../cards/render.ts';
import type { HostCardView, RenderedHostCard } from '../cards/render.ts';
import { formatTime } from '../cards/time.ts';
import type { HubCardPart } from '../cards/types.ts';
import type { ContainerStyle, FactView, LineView, NextStepView, TextColor, ToggleView } from '../cards/view-types.ts';
import { formatElapsed } from '../failover/card/view.ts';

export interface AlertCardInput {
  incident: Incident;
  /** The hub of a hub incident; a conversation's hubs in the impacted regions for Service Health. */
  hubs: readonly Hub[];
  /** The hub's live health (hub incidents), or null. */
  health: HubCardPart | null;
  /** What the card advises about a failover (open hub incidents whose health calls for a decision), or null. */
  advice: FailoverAdvice | null;
  /** A failover request button is (or will be) on the card: the next step points at it. */
  offersRequest: boolean;
  locale: Locale;
  demo: boolean;
}

const AVAILABILITY: readonly AvailabilityState[] = ['Available', 'Unavailable', 'Degraded', 'Unknown'];

function availability(value: string | null): AvailabilityState | null {
  return AVAILABILITY.find((state) => state.toLowerCase() === value?.toLowerCase()) ?? null;
}

function stateName(value: string | null, locale: Locale): string {
  const known = availability(value);
  return known ? uiStrings(locale).health.states[known] : echo(value ?? '?', 40);
}

function criterionText(criterion: MetricCriterion | null, locale: Locale): string | null {
  if (criterion === null || criterion.metricName === '') return null;
  const t = uiStrings(locale).alerts;
  const values = { metric: echo(criterion.metricName, 80), operator: echo(criterion.operator, 30), threshold: echo(criterion.threshold ?? '?', 30) };
  return criterion.value === null ? fill(t.criterionNoValue, values) : fill(t.criterion, { ...values, value: echo(String(criterion.value), 30) });
}

/** The metric alert that fired last (and still fires, when one does). */
function latestMetric(incident: Incident): { rule: string; criterion: MetricCriterion | null } | null {
  const all = Object.values(incident.metrics).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const firing = all.find((metric) => metric.condition === 'Fired') ?? all[0];
  return firing ? { rule: firing.rule, criterion: firing.criteria[0] ?? null } : null;
}

function timelineText(entry: TimelineEntry, locale: Locale, budget: Budget): string {
  const t = uiStrings(locale).alerts.timeline;
  const event = entry.event;
  switch (event.kind) {
    case 'resource-health':
      return event.health === null
        ? fill(t.resourceHealthNoState, { status: echo(event.status, 30) })
        : fill(t.resourceHealth, { status: echo(event.status, 30), health: stateName(event.health, locale) });
    case 'metric': {
      const rule = echo(event.rule, Math.min(80, budget.valueChars));
      if (event.condition === 'Resolved') return fill(t.metricResolved, { rule });
      const criterion = criterionText(event.criterion, locale);
      return criterion === null ? fill(t.metricFiredBare, { rule }) : fill(t.metricFired, { rule, criterion });
    }
    case 'service-health':
      return fill(t.serviceHealth, { stage: echo(event.stage, 30), title: echo(event.title, Math.min(160, budget.azureTextChars)) });
    case 'administrative':
      return fill(t.administrative, { operation: echo(event.operation, 100), status: echo(event.status, 30) });
  }
}

interface Headline {
  style: ContainerStyle;
  label: string;
  title: string;
  lines: LineView[];
  fallback: string;
}

function sourceOf(incident: Incident): keyof ReturnType<typeof uiStrings>['alerts']['sources'] {
  if (incident.subject.kind === 'service-health') return 'service-health';
  if (incident.resourceHealth !== null) return 'resource-health';
  if (Object.keys(incident.metrics).length > 0) return 'metric';
  return 'administrative';
}

function headline(incident: Incident, hubName: string, locale: Locale, budget: Budget): Headline {
  const t = uiStrings(locale).alerts;
  const resolved = incident.state === 'resolved';
  const source = t.sources[sourceOf(incident)];
  const state = t.states[incident.state];
  const label = incident.severity === '' ? fill(t.label, { source, state }) : fill(t.labelWithSeverity, { source, severity: echo(incident.severity, 10), state });
  const hub = echo(hubName, 60);
  let title: string;
  const lines: LineView[] = [];
  const firstAt = incident.timeline[0]?.at ?? incident.openedAt;
  if (incident.subject.kind === 'service-health') {
    const regions = echoList(locale, incident.subject.regions, 4, 40);
    title = fill(resolved ? t.titles.serviceHealthResolved : t.titles.serviceHealth, { regions });
    const title2 = incident.serviceHealth?.title ?? '';
    if (title2 !== '') lines.push({ text: `**${echo(title2, Math.min(200, budget.azureTextChars))}**` });
  } else {
    const health = availability(incident.resourceHealth?.health ?? null);
    const metric = latestMetric(incident);
    if (resolved) title = fill(t.titles.resolved, { hub });
    else if (incident.resourceHealth !== null && health !== null && health !== 'Available') title = fill(t.titles[health], { hub });
    else if (metric !== null) title = fill(t.titles.metric, { hub, rule: echo(metric.rule, 80) });
    else title = fill(t.titles.other, { hub });
    const azureTitle = incident.resourceHealth?.title ?? '';
    if (azureTitle !== '') lines.push({ text: echo(azureTitle, Math.min(200, budget.azureTextChars)) });
  }
  if (resolved && incident.resolvedAt !== null) {
    lines.push({ text: fill(t.resolvedAfter, { time: formatTime(locale, incident.resolvedAt), duration: formatElapsed(locale, Date.parse(incident.resolvedAt) - Date.parse(firstAt)) }) });
  } else {
    lines.push({ text: fill(t.since, { time: formatTime(locale, firstAt) }) });
  }
  return {
    style: resolved ? 'good' : incident.severity.toLowerCase() === 'sev0' || incident.severity.toLowerCase() === 'sev1' ? 'attention' : 'warning',
    label,
    title,
    lines,
    fallback: fill(t.fallbackText, { subject: title }),
  };
}

function ownerText(incident: Incident, locale: Locale): string {
  const t = uiStrings(locale).alerts.owner;
  if (incident.subject.kind === 'service-health') return fill(t.serviceHealth, { trackingId: echo(incident.subject.trackingId, 40) });
  const cause = incident.resourceHealth?.cause ?? null;
  if (incident.resourceHealth !== null) return cause === 'PlatformInitiated' || cause === 'UserInitiated' ? t[cause] : t.unknown;
  const metric = latestMetric(incident);
  const criterion = metric === null ? null : criterionText(metric.criterion, locale);
  return criterion === null ? t.unknown : fill(t.metric, { criterion });
}

function liveView(part: HubCardPart | null, locale: Locale): { show: boolean; text: string; color: TextColor } {
  if (part === null || part.kind !== 'health') return { show: false, text: '', color: 'default' };
  const t = uiStrings(locale);
  const result = part.result;
  if (result.ok) {
    const state = result.health.availabilityState;
    return { show: true, text: fill(t.alerts.live.state, { state: t.health.states[state], time: formatTime(locale, result.checkedAt) }), color: STATE_COLORS[state] };
  }
  return { show: true, text: fill(t.alerts.live.unavailable, { reason: t.health.unavailableReasons[result.reason] }), color: 'warning' };
}

function detailFacts(incident: Incident, hubs: readonly Hub[], locale: Locale): FactView[] {
  const t = uiStrings(locale).alerts.details;
  const facts: FactView[] = [];
  const subject = incident.subject;
  if (subject.kind === 'hub') facts.push({ title: t.hub, value: echo(hubs[0]?.name ?? subject.hub.name, 60) });
  else {
    facts.push({ title: t.trackingId, value: echo(subject.trackingId, 40) });
    facts.push({ title: t.regions, value: echoList(locale, subject.regions, 6, 40) });
  }
  const rules = [...new Set(Object.values(incident.metrics).map((metric) => metric.rule).filter((rule) => rule !== ''))];
  if (rules.length > 0) facts.push({ title: t.rule, value: echoList(locale, rules, 3, 60) });
  if (incident.severity !== '') facts.push({ title: t.severity, value: echo(incident.severity, 10) });
  facts.push({ title: t.opened, value: formatTime(locale, incident.timeline[0]?.at ?? incident.openedAt) });
  facts.push({ title: t.updated, value: formatTime(locale, incident.updatedAt) });
  facts.push({ title: t.incident, value: echo(incident.id, 60) });
  return facts;
}

/** What the card keeps one click away, each under a label that says what it opens. */
function toggles(locale: Locale, incident: Incident, show: { advice: boolean; health: boolean }): Record<'timeline' | 'advice' | 'health' | 'details', ToggleView> {
  const ui = uiStrings(locale);
  const t = ui.alerts;
  return {
    timeline: { show: true, id: 'alert-timeline', label: fill(t.timeline.toggle, { n: incident.timeline.length + incident.earlierEntries }) },
    advice: { show: show.advice, id: 'alert-advice', label: ui.advice.label },
    health: { show: show.health, id: 'alert-health', label: ui.health.detailsLabel },
    details: { show: true, id: 'alert-details', label: t.details.toggle },
  };
}

/** A next step of the alert's own (no failover advice): "Next: …". */
function ownNextStep(locale: Locale, step: string): NextStepView {
  return buildNextStep(null, { kind: 'none' }, locale, false, step);
}

function serviceHealthParts(incident: Incident, hubs: readonly Hub[], locale: Locale, budget: Budget): Pick<HostCardView, 'hubs' | 'choice' | 'next'> & { communication: LineView[] } {
  const t = uiStrings(locale).alerts;
  const resolved = incident.state === 'resolved';
  const communication = incident.serviceHealth?.communication ?? '';
  return {
    hubs: {
      show: hubs.length > 0,
      heading: plural(locale, hubs.length, t.serviceHealth.hubsHeading),
      lines: hubs.slice(0, 10).map((hub) => ({ text: `• ${fill(t.serviceHealth.hubLine, { hub: `**${echo(hub.name, 60)}**`, region: echo(primaryLocation(hub), 40) })}` })),
    },
    // While the incident is open, the hub buttons are the next step (each opens that hub's live health).
    choice: resolved || hubs.length === 0 ? emptyHubChoice() : buildHubChoice(hubs, locale, t.serviceHealth.nextStep),
    next: resolved ? ownNextStep(locale, t.serviceHealth.resolvedNextStep) : ownNextStep(locale, ''),
    communication: communication === '' ? [] : [{ text: fill(t.serviceHealth.communication, { text: echo(communication, Math.min(300, budget.azureTextChars)) }) }],
  };
}

/** The card's view for one budget (the failover slot is filled by the caller). */
export function buildAlertView(input: AlertCardInput, budget: Budget): HostCardView {
  const { incident, hubs, locale } = input;
  const subjectName = incident.subject.kind === 'hub' ? (hubs[0]?.name ?? incident.subject.hub.name) : '';
  const head = headline(incident, subjectName, locale, budget);
  const timeline = {
    showEarlier: incident.earlierEntries > 0,
    earlier: incident.earlierEntries > 0 ? plural(locale, incident.earlierEntries, uiStrings(locale).alerts.timeline.earlier) : '',
    entries: incident.timeline.map((entry) => ({ time: formatTime(locale, entry.at), text: timelineText(entry, locale, budget) })),
  };
  const details = { facts: detailFacts(incident, hubs, locale) };
  const owner = { show: true, text: ownerText(incident, locale) };
  if (incident.subject.kind === 'service-health') {
    const parts = serviceHealthParts(incident, hubs, locale, budget);
    return {
      headline: { ...head, lines: [...head.lines, ...parts.communication] },
      owner,
      live: { show: false, text: '', color: 'default' },
      hubs: parts.hubs,
      choice: parts.choice,
      next: parts.next,
      advice: emptyAdvice(),
      timeline,
      details,
      health: emptyHealthSection(),
      toggles: toggles(locale, incident, { advice: false, health: false }),
    };
  }
  const t = uiStrings(locale).alerts;
  const resolved = incident.state === 'resolved';
  const part = input.health;
  const advice = !resolved && input.advice !== null && part !== null ? input.advice : null;
  const adviceView = advice !== null && part !== null ? buildAdvice(advice, part, locale) : emptyAdvice();
  const health = part === null ? emptyHealthSection() : buildHealthSection(part, locale, budget, 'health');
  const ownStep = resolved ? t.resolvedAdvice : t.nextSteps[nextStepOf(part)];
  return {
    headline: head,
    owner,
    live: liveView(part, locale),
    hubs: { show: false, heading: '', lines: [] },
    choice: emptyHubChoice(),
    next: advice !== null && part !== null ? buildNextStep(advice, part, locale, input.offersRequest, ownStep) : ownNextStep(locale, ownStep),
    advice: adviceView,
    timeline,
    details,
    health,
    toggles: toggles(locale, incident, { advice: adviceView.show, health: health.show }),
  };
}

function nextStepOf(part: HubCardPart | null): 'available' | 'healthUnknown' {
  return part !== null && part.kind === 'health' && part.result.ok && part.result.health.availabilityState === 'Available' ? 'available' : 'healthUnknown';
}

/** The card, within the size budget, with the model later versions are rendered from. */
export function alertCard(input: AlertCardInput, failover: readonly unknown[] = []): RenderedHostCard {
  return fittedHostCard('alert', input.locale, input.demo, failover, (budget) => buildAlertView(input, budget));
}
