// The incident model: one incident per hub (Resource Health, metric and administrative alerts about it) or
// per Service Health tracking id, open → updated → resolved, with a short timeline of what Azure said and
// when. Pure: the current incident and one alert in, the next incident out.
//
// Resource Health and Service Health alerts are stateless activity-log alerts (always "Fired"): recovery is
// a new alert whose status or stage says so. A metric alert fires and later resolves under the same alert
// id. A hub's incident is resolved when every signal that opened or joined it is resolved; the next firing
// alert about the hub opens a new incident (a new card). News of a recovery with no incident open says
// nothing new and is ignored.
import type { HubTarget } from './target.ts';
import type { AlertSignal, MetricCriterion, MonitorCondition } from './signal.ts';

export type IncidentSubject =
  | { kind: 'hub'; hub: HubTarget }
  | { kind: 'service-health'; trackingId: string; regions: string[] };

export type TimelineEvent =
  | { kind: 'resource-health'; status: string; health: string | null; title: string }
  | { kind: 'metric'; condition: MonitorCondition; rule: string; criterion: MetricCriterion | null }
  | { kind: 'service-health'; stage: string; title: string }
  | { kind: 'administrative'; operation: string; status: string };

export interface TimelineEntry {
  /** When Azure says it happened (fired or resolved time), else when it arrived. */
  at: string;
  event: TimelineEvent;
}

export type SignalState = 'firing' | 'resolved';

export interface ResourceHealthFacts {
  status: string;
  health: string | null;
  previous: string | null;
  title: string;
  details: string | null;
  cause: string | null;
  type: string | null;
}

export interface ServiceHealthFacts {
  stage: string;
  title: string;
  communication: string;
  impactStartTime: string | null;
}

export interface MetricFacts {
  rule: string;
  condition: MonitorCondition;
  criteria: MetricCriterion[];
  at: string;
}

export interface Incident {
  id: string;
  subject: IncidentSubject;
  state: 'open' | 'resolved';
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** +1 at every change: a card shows version N until it is rendered again. */
  version: number;
  /** The most severe severity seen (Sev0 is the most severe), or ''. */
  severity: string;
  /** 'resource-health', 'service-health', 'metric|<alert id>': whether each still fires. */
  signals: Record<string, SignalState>;
  resourceHealth: ResourceHealthFacts | null;
  serviceHealth: ServiceHealthFacts | null;
  /** By alert id: the latest of each metric alert. */
  metrics: Record<string, MetricFacts>;
  /** The latest entries, oldest first. */
  timeline: TimelineEntry[];
  /** Entries that fell off the start of the timeline. */
  earlierEntries: number;
  /** Delivery keys already applied (the latest ones): applying one again changes nothing. */
  applied: string[];
}

export const MAX_TIMELINE = 8;
const MAX_APPLIED = 64;
const MAX_METRICS = 10;
const MAX_CRITERIA_KEPT = 3;

export type ApplyOutcome =
  | { kind: 'opened' | 'updated' | 'resolved'; incident: Incident }
  | { kind: 'duplicate' }
  | { kind: 'ignored'; why: 'no-open-incident' };

export interface ApplyInput {
  subject: IncidentSubject;
  signal: AlertSignal;
  /** deliveryKey(signal). */
  key: string;
  /** ISO time of now. */
  now: string;
  /** A new incident id, used only when an incident opens. */
  newId: () => string;
}

/** The store key part of a subject: one document per hub or per tracking id. */
export function subjectKey(subject: IncidentSubject): string {
  return subject.kind === 'hub' ? `hub|${subject.hub.id}` : `service-health|${subject.trackingId}`;
}

/** What an alert means for its signal: it fires, it resolves, it only adds to an open incident (admin, RCA). */
type Effect = { signal: string; state: SignalState } | { signal: null; state: 'note' };

const RESOLVED_STAGES = new Set(['resolved', 'complete', 'completed', 'canceled', 'cancelled']);

function effectOf(signal: AlertSignal): Effect {
  switch (signal.family) {
    case 'resource-health': {
      const resolved = signal.status.toLowerCase() === 'resolved' || signal.currentHealthStatus?.toLowerCase() === 'available';
      return { signal: 'resource-health', state: resolved ? 'resolved' : 'firing' };
    }
    case 'metric':
      return { signal: `metric|${signal.essentials.alertId.toLowerCase()}`, state: signal.essentials.monitorCondition === 'Resolved' ? 'resolved' : 'firing' };
    case 'service-health': {
      const stage = signal.stage.toLowerCase();
      if (stage === 'rca') return { signal: null, state: 'note' };
      return { signal: 'service-health', state: RESOLVED_STAGES.has(stage) ? 'resolved' : 'firing' };
    }
    default:
      return { signal: null, state: 'note' };
  }
}

function eventOf(signal: AlertSignal): TimelineEvent {
  switch (signal.family) {
    case 'resource-health':
      return { kind: 'resource-health', status: signal.status, health: signal.currentHealthStatus, title: signal.title };
    case 'metric':
      return { kind: 'metric', condition: signal.essentials.monitorCondition, rule: signal.essentials.alertRule, criterion: signal.criteria[0] ?? null };
    case 'service-health':
      return { kind: 'service-health', stage: signal.stage, title: signal.title };
    case 'administrative':
      return { kind: 'administrative', operation: signal.operationName, status: signal.status };
    case 'other':
      return { kind: 'administrative', operation: signal.essentials.alertRule, status: signal.essentials.monitorCondition };
  }
}

function timeOf(signal: AlertSignal, now: string): string {
  const { firedAt, resolvedAt, monitorCondition } = signal.essentials;
  if (monitorCondition === 'Resolved' && resolvedAt !== null) return resolvedAt;
  return firedAt ?? now;
}

/** Sev0 < Sev1 < … : the more severe of two ('' counts as the least severe). */
export function moreSevere(a: string, b: string): string {
  const rank = (severity: string): number => {
    const match = /^sev([0-4])$/i.exec(severity);
    return match ? Number(match[1]) : 9;
  };
  return rank(b) < rank(a) ? b : a;
}

function withEntry(incident: Incident, entry: TimelineEntry): Pick<Incident, 'timeline' | 'earlierEntries'> {
  // Deliveries may arrive out of order: the timeline is kept in the order Azure says things happened.
  const all = [...incident.timeline, entry].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const dropped = Math.max(0, all.length - MAX_TIMELINE);
  return { timeline: all.slice(dropped), earlierEntries: incident.earlierEntries + dropped };
}

function withFacts(incident: Incident, signal: AlertSignal, at: string): Pick<Incident, 'resourceHealth' | 'serviceHealth' | 'metrics' | 'severity'> {
  const severity = moreSevere(incident.severity, signal.essentials.severity);
  switch (signal.family) {
    case 'resource-health':
      return {
        resourceHealth: {
          status: signal.status,
          health: signal.currentHealthStatus,
          previous: signal.previousHealthStatus,
          title: signal.title,
          details: signal.details,
          cause: signal.cause,
          type: signal.type,
        },
        serviceHealth: incident.serviceHealth,
        metrics: incident.metrics,
        severity,
      };
    case 'service-health':
      return {
        resourceHealth: incident.resourceHealth,
        serviceHealth: { stage: signal.stage, title: signal.title, communication: signal.communication, impactStartTime: signal.impactStartTime ?? incident.serviceHealth?.impactStartTime ?? null },
        metrics: incident.metrics,
        severity,
      };
    case 'metric': {
      const id = signal.essentials.alertId.toLowerCase();
      const metrics = { ...incident.metrics, [id]: { rule: signal.essentials.alertRule, condition: signal.essentials.monitorCondition, criteria: signal.criteria.slice(0, MAX_CRITERIA_KEPT), at } };
      const kept = Object.entries(metrics)
        .sort(([, a], [, b]) => Date.parse(b.at) - Date.parse(a.at))
        .slice(0, MAX_METRICS);
      return { resourceHealth: incident.resourceHealth, serviceHealth: incident.serviceHealth, metrics: Object.fromEntries(kept), severity };
    }
    default:
      return { resourceHealth: incident.resourceHealth, serviceHealth: incident.serviceHealth, metrics: incident.metrics, severity };
  }
}

function mergedSubject(current: IncidentSubject, next: IncidentSubject): IncidentSubject {
  if (current.kind === 'service-health' && next.kind === 'service-health') {
    return { ...current, regions: [...new Set([...current.regions, ...next.regions])] };
  }
  return current;
}

function emptyIncident(id: string, subject: IncidentSubject, now: string): Incident {
  return {
    id,
    subject,
    state: 'open',
    openedAt: now,
    updatedAt: now,
    resolvedAt: null,
    version: 0,
    severity: '',
    signals: {},
    resourceHealth: null,
    serviceHealth: null,
    metrics: {},
    timeline: [],
    earlierEntries: 0,
    applied: [],
  };
}

/**
 * A resolved metric alert no longer counts once the incident has been decided on it: kept, every metric
 * alert that ever fired during a long incident would stay in the document. (A resolved entry only ever
 * says "not firing", which its absence says too.)
 */
function withoutResolvedMetrics(signals: Record<string, SignalState>): Record<string, SignalState> {
  return Object.fromEntries(Object.entries(signals).filter(([name, state]) => !(name.startsWith('metric|') && state === 'resolved')));
}

/** The incident after one alert, and what happened to it. */
export function applySignal(current: Incident | null, input: ApplyInput): ApplyOutcome {
  const { signal, key, now } = input;
  if (current?.applied.includes(key)) return { kind: 'duplicate' };
  const effect = effectOf(signal);
  const open = current !== null && current.state === 'open';
  // A Service Health incident stays the same incident after it is resolved: its RCA joins it.
  const sameServiceIncident = current !== null && current.subject.kind === 'service-health';
  let base: Incident;
  let opened = false;
  if (open || (sameServiceIncident && (effect.state !== 'firing' || current.state === 'open'))) {
    base = { ...current, subject: mergedSubject(current.subject, input.subject) };
  } else if (effect.state === 'firing') {
    base = emptyIncident(input.newId(), input.subject, now);
    opened = true;
  } else {
    return { kind: 'ignored', why: 'no-open-incident' };
  }
  if (!opened && base.state === 'resolved' && effect.state !== 'note') return { kind: 'ignored', why: 'no-open-incident' };

  const at = timeOf(signal, now);
  const signals = effect.signal === null ? base.signals : { ...base.signals, [effect.signal]: effect.state };
  const allResolved = Object.values(signals).length > 0 && Object.values(signals).every((state) => state === 'resolved');
  const resolvesNow = base.state === 'open' && effect.state === 'resolved' && allResolved;
  const next: Incident = {
    ...base,
    ...withFacts(base, signal, at),
    ...withEntry(base, { at, event: eventOf(signal) }),
    signals: withoutResolvedMetrics(signals),
    state: resolvesNow ? 'resolved' : base.state,
    resolvedAt: resolvesNow ? now : base.resolvedAt,
    updatedAt: now,
    version: base.version + 1,
    applied: [...base.applied, key].slice(-MAX_APPLIED),
  };
  return { kind: opened ? 'opened' : resolvesNow ? 'resolved' : 'updated', incident: next };
}
