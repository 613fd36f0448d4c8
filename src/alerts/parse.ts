// An action group's JSON body → an AlertSignal, or why it is not one. Pure.
//
// Only the Common Alert Schema is read (`schemaId: "azureMonitorCommonAlertSchema"`, the action's
// useCommonAlertSchema). Within it, the shapes Azure actually sends are accepted: Service Health's
// `impactedServices` as a string holding JSON, `channels`/`eventSource`/`level` as numbers, a
// `firedDateTime` without its Z, Resource Health's null `cause` and health statuses, `monitoringService`
// spelled "Resource Health" or "ResourceHealth", a metric threshold as a string. Anything else
// (another schema, a body without essentials) is refused with a reason the HTTP answer can give.
import type {
  AdministrativeSignal,
  AlertEssentials,
  AlertFamily,
  AlertSignal,
  MetricCriterion,
  MetricSignal,
  MonitorCondition,
  ResourceHealthSignal,
  ServiceHealthSignal,
} from './signal.ts';

export const COMMON_ALERT_SCHEMA_ID = 'azureMonitorCommonAlertSchema';

export type ParseProblem = 'not-common-schema' | 'malformed';

export type ParseResult = { ok: true; signal: AlertSignal } | { ok: false; problem: ParseProblem; detail: string };

type Json = Record<string, unknown>;

/** Longest text kept from one field (a card shows far less; the store stays small). */
const MAX_TEXT = 600;
const MAX_TARGETS = 20;
const MAX_CRITERIA = 10;
const MAX_REGIONS = 60;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, trimmed and cut; numbers are written out (Service Health sends some fields as numbers). */
function text(value: unknown, max = MAX_TEXT): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

function optionalText(value: unknown, max = MAX_TEXT): string | null {
  const found = text(value, max);
  return found === '' ? null : found;
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** An ISO 8601 time as UTC with Z; Azure's test payloads omit the Z (the time is UTC all the same). */
export function normalizeTime(value: unknown): string | null {
  const raw = text(value, 64);
  if (raw === '') return null;
  const withZone = LOCAL_TIME.test(raw) ? `${raw}Z` : raw;
  // Seven fractional digits ("08.9938123Z") are more than Date.parse promises to read: keep milliseconds.
  const trimmed = withZone.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Lower case without spaces, hyphens or underscores: "Resource Health" = "ResourceHealth", "IoT Hub" = "iothub". */
export function squash(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

function parseEssentials(value: unknown): AlertEssentials | string {
  if (!isObject(value)) return 'data.essentials is missing';
  const alertId = text(value.alertId, 400);
  if (alertId === '') return 'data.essentials.alertId is missing';
  const condition = text(value.monitorCondition, 20).toLowerCase();
  const monitorCondition: MonitorCondition | null = condition === 'fired' ? 'Fired' : condition === 'resolved' ? 'Resolved' : null;
  if (monitorCondition === null) return 'data.essentials.monitorCondition must be Fired or Resolved';
  const targets = Array.isArray(value.alertTargetIDs) ? value.alertTargetIDs : [];
  return {
    alertId,
    alertRule: text(value.alertRule, 260),
    severity: text(value.severity, 10),
    signalType: text(value.signalType, 40),
    monitorCondition,
    monitoringService: text(value.monitoringService, 80),
    targetIds: targets
      .map((target) => text(target, 600).toLowerCase())
      .filter((target) => target !== '')
      .slice(0, MAX_TARGETS),
    firedAt: normalizeTime(value.firedDateTime),
    resolvedAt: normalizeTime(value.resolvedDateTime),
    description: text(value.description),
  };
}

/** Which family an alert belongs to, from its monitoring service, signal type and event source. */
export function familyOf(essentials: AlertEssentials, context: Json): AlertFamily {
  const service = squash(essentials.monitoringService);
  const source = squash(text(context.eventSource, 60));
  const operation = text(context.operationName, 200).toLowerCase();
  if (service === 'resourcehealth' || source === 'resourcehealth' || operation.startsWith('microsoft.resourcehealth/')) return 'resource-health';
  if (service === 'servicehealth' || source === 'servicehealth' || operation.startsWith('microsoft.servicehealth/')) return 'service-health';
  if (squash(essentials.signalType) === 'metric' || service === 'platform') return 'metric';
  if (service === 'activitylogadministrative' || source === 'administrative') return 'administrative';
  return 'other';
}

function properties(context: Json): Json {
  return isObject(context.properties) ? context.properties : {};
}

function resourceHealth(essentials: AlertEssentials, context: Json): ResourceHealthSignal {
  const props = properties(context);
  return {
    family: 'resource-health',
    essentials,
    eventDataId: optionalText(context.eventDataId, 200),
    status: text(context.status, 40) || text(props.stage, 40) || 'Active',
    currentHealthStatus: optionalText(props.currentHealthStatus, 40),
    previousHealthStatus: optionalText(props.previousHealthStatus, 40),
    title: text(props.title),
    details: optionalText(props.details),
    cause: optionalText(props.cause, 60),
    type: optionalText(props.type, 60),
  };
}

/** `impactedServices` is a string holding JSON (sometimes already an array): the regions where IoT Hub is impacted. */
export function iotHubRegions(props: Json): string[] {
  let services: unknown = props.impactedServices;
  if (typeof services === 'string') {
    try {
      services = JSON.parse(services);
    } catch {
      services = null;
    }
  }
  const regions: string[] = [];
  if (Array.isArray(services)) {
    for (const service of services) {
      if (!isObject(service) || squash(text(service.ServiceName ?? service.serviceName, 80)) !== 'iothub') continue;
      const impacted = service.ImpactedRegions ?? service.impactedRegions;
      for (const region of Array.isArray(impacted) ? impacted : []) {
        const name = isObject(region) ? text(region.RegionName ?? region.regionName, 60) : text(region, 60);
        if (name !== '') regions.push(name);
      }
    }
  } else if (squash(text(props.service, 80)) === 'iothub') {
    // No readable impactedServices: the single service and its region(s) of the properties.
    regions.push(...text(props.region, 400).split(',').map((region) => region.trim()).filter((region) => region !== ''));
  }
  return [...new Set(regions)].slice(0, MAX_REGIONS);
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Service Health's HTML communication as plain text (tags dropped, common entities decoded), cut. Linear. */
export function plainText(html: string, max = MAX_TEXT): string {
  const bounded = html.length > max * 8 ? html.slice(0, max * 8) : html;
  const stripped = bounded
    .replace(/<[^<>]{0,2000}>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_match, name: string) => ENTITIES[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return stripped.length > max ? stripped.slice(0, max) : stripped;
}

function serviceHealth(essentials: AlertEssentials, context: Json): ServiceHealthSignal {
  const props = properties(context);
  return {
    family: 'service-health',
    essentials,
    eventDataId: optionalText(context.eventDataId, 200),
    trackingId: text(props.trackingId, 60),
    stage: text(props.stage, 40) || text(context.status, 40) || 'Active',
    incidentType: text(props.incidentType, 40),
    title: text(props.title),
    iotHubRegions: iotHubRegions(props),
    communication: plainText(text(props.communication, MAX_TEXT * 8)),
    impactStartTime: normalizeTime(props.impactStartTime),
  };
}

function criterion(value: unknown): MetricCriterion | null {
  if (!isObject(value)) return null;
  const metricValue = typeof value.metricValue === 'number' && Number.isFinite(value.metricValue) ? value.metricValue : null;
  return {
    metricName: text(value.metricName, 120),
    operator: text(value.operator, 40),
    threshold: optionalText(value.threshold, 40),
    value: metricValue,
    timeAggregation: text(value.timeAggregation, 40),
  };
}

function metric(essentials: AlertEssentials, context: Json): MetricSignal {
  const condition = isObject(context.condition) ? context.condition : {};
  const allOf = Array.isArray(condition.allOf) ? condition.allOf : [];
  return {
    family: 'metric',
    essentials,
    criteria: allOf
      .map(criterion)
      .filter((item): item is MetricCriterion => item !== null)
      .slice(0, MAX_CRITERIA),
    windowEndTime: normalizeTime(condition.windowEndTime),
  };
}

function administrative(essentials: AlertEssentials, context: Json): AdministrativeSignal {
  return {
    family: 'administrative',
    essentials,
    eventDataId: optionalText(context.eventDataId, 200),
    operationName: text(context.operationName, 200),
    status: text(context.status, 40),
  };
}

/** Reads one action-group body. */
export function parseAlert(body: unknown): ParseResult {
  if (!isObject(body)) return { ok: false, problem: 'malformed', detail: 'the body is not a JSON object' };
  if (body.schemaId !== COMMON_ALERT_SCHEMA_ID) {
    return { ok: false, problem: 'not-common-schema', detail: `schemaId must be "${COMMON_ALERT_SCHEMA_ID}" (enable the common alert schema on the action)` };
  }
  const data = body.data;
  if (!isObject(data)) return { ok: false, problem: 'malformed', detail: 'data is missing' };
  const essentials = parseEssentials(data.essentials);
  if (typeof essentials === 'string') return { ok: false, problem: 'malformed', detail: essentials };
  const context = isObject(data.alertContext) ? data.alertContext : {};
  const family = familyOf(essentials, context);
  switch (family) {
    case 'resource-health':
      return { ok: true, signal: resourceHealth(essentials, context) };
    case 'service-health':
      return { ok: true, signal: serviceHealth(essentials, context) };
    case 'metric':
      return { ok: true, signal: metric(essentials, context) };
    case 'administrative':
      return { ok: true, signal: administrative(essentials, context) };
    case 'other':
      return { ok: true, signal: { family: 'other', essentials } };
  }
}
