// Azure Monitor alerts as an action group sends them (Common Alert Schema, shapes from Azure's payload
// samples: ../shared/reference/alerts-and-proactive.md §1), for the demo and the tests: the simulator's
// hubs can fire Resource Health, metric, Service Health and administrative alerts at the bot.
import { randomUUID } from 'node:crypto';

export interface AlertHub {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

type Json = Record<string, unknown>;

/** The hub's ARM id as alerts carry it: lower-cased. */
export function alertTargetId(hub: AlertHub): string {
  return `/subscriptions/${hub.subscriptionId}/resourcegroups/${hub.resourceGroup}/providers/microsoft.devices/iothubs/${hub.name}`.toLowerCase();
}

function essentials(input: {
  alertId: string;
  alertRule: string;
  severity: string;
  signalType: string;
  monitorCondition: 'Fired' | 'Resolved';
  monitoringService: string;
  targets: string[];
  firedAt: string;
  resolvedAt?: string;
  configurationItems: string[];
}): Json {
  return {
    alertId: input.alertId,
    alertRule: input.alertRule,
    severity: input.severity,
    signalType: input.signalType,
    monitorCondition: input.monitorCondition,
    monitoringService: input.monitoringService,
    alertTargetIDs: input.targets,
    configurationItems: input.configurationItems,
    originAlertId: randomUUID(),
    firedDateTime: input.firedAt,
    ...(input.resolvedAt ? { resolvedDateTime: input.resolvedAt } : {}),
    description: '',
    essentialsVersion: '1.0',
    alertContextVersion: '1.0',
  };
}

function envelope(essentialsPart: Json, alertContext: Json): Json {
  return { schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: essentialsPart, alertContext, customProperties: null } };
}

export interface ResourceHealthAlertInput {
  /** Available | Unavailable | Degraded | Unknown. */
  current: string;
  previous?: string;
  /** Active | In Progress | Updated | Resolved; default: Resolved when current is Available, else Active. */
  status?: string;
  /** The activity-log event's id: the same id = the same event (a repeated delivery). */
  eventDataId?: string;
  alertId?: string;
  firedAt?: string;
  title?: string;
  cause?: 'PlatformInitiated' | 'UserInitiated' | null;
  alertRule?: string;
}

const OPERATIONS: Readonly<Record<string, string>> = { Active: 'Activated', 'In Progress': 'InProgress', Updated: 'Updated', Resolved: 'Resolved' };

export function resourceHealthAlert(hub: AlertHub, input: ResourceHealthAlertInput): Json {
  const status = input.status ?? (input.current === 'Available' ? 'Resolved' : 'Active');
  const eventDataId = input.eventDataId ?? randomUUID();
  const title =
    input.title ?? (input.current === 'Available' ? 'Your IoT hub is available again' : `We're sorry, your IoT hub is ${input.current.toLowerCase()} because of an Azure platform issue`);
  return envelope(
    essentials({
      alertId: input.alertId ?? `/subscriptions/${hub.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`,
      alertRule: input.alertRule ?? `${hub.name}-resource-health`,
      severity: 'Sev1',
      signalType: 'Activity Log',
      monitorCondition: 'Fired',
      monitoringService: 'Resource Health',
      targets: [alertTargetId(hub)],
      configurationItems: [hub.name],
      firedAt: input.firedAt ?? new Date().toISOString(),
    }),
    {
      channels: 'Admin, Operation',
      correlationId: randomUUID(),
      eventSource: 'ResourceHealth',
      eventTimestamp: input.firedAt ?? new Date().toISOString(),
      eventDataId,
      level: 'Informational',
      operationName: `Microsoft.Resourcehealth/healthevent/${OPERATIONS[status] ?? 'Updated'}/action`,
      operationId: randomUUID(),
      properties: {
        title,
        details: null,
        currentHealthStatus: input.current,
        previousHealthStatus: input.previous ?? (input.current === 'Available' ? 'Unavailable' : 'Available'),
        type: 'Downtime',
        cause: input.cause === undefined ? 'PlatformInitiated' : input.cause,
      },
      status,
      subStatus: '',
      submissionTimestamp: input.firedAt ?? new Date().toISOString(),
    },
  );
}

export interface MetricAlertInput {
  /** The alert's id: fired and resolved carry the same one. */
  alertId: string;
  condition: 'Fired' | 'Resolved';
  alertRule?: string;
  metricName?: string;
  operator?: string;
  threshold?: string;
  value?: number;
  firedAt?: string;
  resolvedAt?: string;
  severity?: string;
}

export function metricAlert(hub: AlertHub, input: MetricAlertInput): Json {
  const firedAt = input.firedAt ?? new Date().toISOString();
  return envelope(
    essentials({
      alertId: input.alertId,
      alertRule: input.alertRule ?? `${hub.name}-connected-devices-drop`,
      severity: input.severity ?? 'Sev2',
      signalType: 'Metric',
      monitorCondition: input.condition,
      monitoringService: 'Platform',
      targets: [alertTargetId(hub)],
      configurationItems: [hub.name],
      firedAt,
      ...(input.condition === 'Resolved' ? { resolvedAt: input.resolvedAt ?? new Date().toISOString() } : {}),
    }),
    {
      properties: null,
      conditionType: 'SingleResourceMultipleMetricCriteria',
      condition: {
        windowSize: 'PT5M',
        allOf: [
          {
            metricName: input.metricName ?? 'connectedDeviceCount',
            metricNamespace: 'Microsoft.Devices/IotHubs',
            operator: input.operator ?? 'LessThan',
            threshold: input.threshold ?? '900',
            timeAggregation: 'Average',
            dimensions: [],
            metricValue: input.value ?? 12,
          },
        ],
        windowStartTime: firedAt,
        windowEndTime: firedAt,
      },
    },
  );
}

export interface ServiceHealthAlertInput {
  subscriptionId: string;
  trackingId: string;
  /** Active | Resolved | RCA. */
  stage: string;
  regions: string[];
  service?: string;
  incidentType?: string;
  title?: string;
  communication?: string;
  eventDataId?: string;
  firedAt?: string;
}

/** As Azure's samples send it: numeric channels/eventSource/level, impactedServices as a string of JSON, HTML text. */
export function serviceHealthAlert(input: ServiceHealthAlertInput): Json {
  const service = input.service ?? 'IoT Hub';
  const regions = input.regions.map((region) => ({ RegionName: region }));
  return envelope(
    essentials({
      alertId: `/subscriptions/${input.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`,
      alertRule: 'iot-hub-service-health',
      severity: 'Sev4',
      signalType: 'Activity Log',
      monitorCondition: 'Fired',
      monitoringService: 'ServiceHealth',
      targets: [`/subscriptions/${input.subscriptionId}`],
      configurationItems: [],
      // Azure's test payloads carry no Z on this one.
      firedAt: (input.firedAt ?? new Date().toISOString()).replace(/Z$/, ''),
    }),
    {
      authorization: null,
      channels: 1,
      claims: null,
      caller: null,
      correlationId: randomUUID(),
      eventSource: 2,
      eventTimestamp: input.firedAt ?? new Date().toISOString(),
      httpRequest: null,
      eventDataId: input.eventDataId ?? randomUUID(),
      level: 3,
      operationName: 'Microsoft.ServiceHealth/incident/action',
      operationId: randomUUID(),
      properties: {
        title: input.title ?? `Azure ${service} - ${input.regions.join(', ')} - ${input.stage === 'Resolved' ? 'Mitigated' : 'Investigating'}`,
        service,
        region: input.regions.join(', '),
        communication: input.communication ?? `<p><strong>Summary of impact:</strong> customers using ${service} in ${input.regions.join(', ')} may see errors connecting devices. Engineers are investigating.</p>`,
        incidentType: input.incidentType ?? 'Incident',
        trackingId: input.trackingId,
        impactStartTime: new Date(Date.now() - 20 * 60_000).toISOString(),
        impactedServices: JSON.stringify([{ ImpactedRegions: regions, ServiceName: service }]),
        defaultLanguageTitle: '',
        defaultLanguageContent: '',
        stage: input.stage,
        communicationId: randomUUID(),
        isHIR: 'false',
        version: '0.1.1',
      },
      status: input.stage === 'Resolved' ? 'Resolved' : 'Active',
      subStatus: null,
      submissionTimestamp: input.firedAt ?? new Date().toISOString(),
      ResourceType: null,
    },
  );
}

export function administrativeAlert(hub: AlertHub, input: { operation?: string; status?: string; eventDataId?: string } = {}): Json {
  return envelope(
    essentials({
      alertId: `/subscriptions/${hub.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`,
      alertRule: `${hub.name}-writes`,
      severity: 'Sev4',
      signalType: 'Activity Log',
      monitorCondition: 'Fired',
      monitoringService: 'Activity Log - Administrative',
      targets: [alertTargetId(hub)],
      configurationItems: [hub.name],
      firedAt: new Date().toISOString(),
    }),
    {
      authorization: { action: 'Microsoft.Devices/IotHubs/write', scope: alertTargetId(hub) },
      channels: 'Operation',
      claims: '{"appid":"00000000-0000-0000-0000-000000000000"}',
      caller: 'someone@contoso.example',
      eventSource: 'Administrative',
      eventDataId: input.eventDataId ?? randomUUID(),
      level: 'Informational',
      operationName: input.operation ?? 'Microsoft.Devices/IotHubs/write',
      properties: { entity: alertTargetId(hub) },
      status: input.status ?? 'Succeeded',
    },
  );
}
