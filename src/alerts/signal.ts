// What an Azure Monitor alert says, once read: plain data the rest of the alert feature works on. Only what
// the cards and the incident model use is kept (no claims, no caller, no raw HTML), so a stored delivery
// holds nothing a card would not show.

export type MonitorCondition = 'Fired' | 'Resolved';

/** The families the bot tells apart; everything else is 'other' (answered 202 and ignored). */
export type AlertFamily = 'resource-health' | 'service-health' | 'metric' | 'administrative' | 'other';

export interface AlertEssentials {
  alertId: string;
  alertRule: string;
  /** Sev0 (critical) … Sev4 (verbose), or '' when absent. */
  severity: string;
  signalType: string;
  monitorCondition: MonitorCondition;
  monitoringService: string;
  /** ARM ids of the targets, lower-cased (Azure sends them lower-cased; ARM spells them otherwise). */
  targetIds: string[];
  /** ISO 8601 (UTC, with Z), or null when absent or unreadable. */
  firedAt: string | null;
  resolvedAt: string | null;
  description: string;
}

export interface ResourceHealthSignal {
  family: 'resource-health';
  essentials: AlertEssentials;
  eventDataId: string | null;
  /** Active | In Progress | Updated | Resolved (as Azure spells it). */
  status: string;
  /** Available | Unavailable | Degraded | Unknown, or null (Azure may send null). */
  currentHealthStatus: string | null;
  previousHealthStatus: string | null;
  title: string;
  details: string | null;
  /** PlatformInitiated | UserInitiated | null. */
  cause: string | null;
  /** Downtime, … or null. */
  type: string | null;
}

export interface ServiceHealthSignal {
  family: 'service-health';
  essentials: AlertEssentials;
  eventDataId: string | null;
  trackingId: string;
  /** Active | Resolved | RCA (maintenance: Planned, InProgress, Canceled, Rescheduled, Complete). */
  stage: string;
  /** Incident | Maintenance | Informational | ActionRequired | Security. */
  incidentType: string;
  title: string;
  /** Regions (display names) where IoT Hub is impacted; empty when IoT Hub is not among the impacted services. */
  iotHubRegions: string[];
  /** The communication as plain text (Azure sends HTML), cut. */
  communication: string;
  impactStartTime: string | null;
}

export interface MetricCriterion {
  metricName: string;
  operator: string;
  /** Azure sends the threshold as a string (dynamic thresholds have none). */
  threshold: string | null;
  value: number | null;
  timeAggregation: string;
}

export interface MetricSignal {
  family: 'metric';
  essentials: AlertEssentials;
  criteria: MetricCriterion[];
  windowEndTime: string | null;
}

export interface AdministrativeSignal {
  family: 'administrative';
  essentials: AlertEssentials;
  eventDataId: string | null;
  operationName: string;
  status: string;
}

export interface OtherSignal {
  family: 'other';
  essentials: AlertEssentials;
}

export type AlertSignal = ResourceHealthSignal | ServiceHealthSignal | MetricSignal | AdministrativeSignal | OtherSignal;
