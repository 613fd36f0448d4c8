// Reading action-group bodies: Azure's own payload samples (reference §1) and the variants it sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeTime, parseAlert, plainText } from '#src/alerts/parse.ts';
import type { AlertSignal } from '#src/alerts/signal.ts';
import { administrativeAlert, metricAlert, serviceHealthAlert } from '#src/sim/index.ts';

/** Azure's Resource Health sample, as the reference quotes it (null details, "Resource Health" with a space). */
const RESOURCE_HEALTH_SAMPLE = {
  schemaId: 'azureMonitorCommonAlertSchema',
  data: {
    essentials: {
      alertId: '/subscriptions/S/providers/Microsoft.AlertsManagement/alerts/GUID',
      alertRule: 'iothub-rh',
      severity: 'Sev1',
      signalType: 'Activity Log',
      monitorCondition: 'Fired',
      monitoringService: 'Resource Health',
      alertTargetIDs: ['/subscriptions/S/resourcegroups/rg-iot/providers/microsoft.devices/iothubs/hub1'],
      configurationItems: ['hub1'],
      originAlertId: 'GUID_HASH',
      firedDateTime: '2026-05-04T09:54:08.9938123Z',
      description: '',
      essentialsVersion: '1.0',
      alertContextVersion: '1.0',
    },
    alertContext: {
      channels: 'Admin, Operation',
      correlationId: 'GUID',
      eventSource: 'ResourceHealth',
      eventDataId: 'EVENT-1',
      level: 'Informational',
      operationName: 'Microsoft.Resourcehealth/healthevent/Activated/action',
      properties: { title: 'Hub down', details: null, currentHealthStatus: 'Unavailable', previousHealthStatus: 'Available', type: 'Downtime', cause: 'PlatformInitiated' },
      status: 'Active',
    },
    customProperties: null,
  },
};

function signalOf(body: unknown): AlertSignal {
  const parsed = parseAlert(body);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.detail);
  return parsed.signal;
}

describe('parseAlert', () => {
  it("reads Azure's Resource Health sample", () => {
    const signal = signalOf(RESOURCE_HEALTH_SAMPLE);
    assert.equal(signal.family, 'resource-health');
    if (signal.family !== 'resource-health') return;
    assert.equal(signal.status, 'Active');
    assert.equal(signal.currentHealthStatus, 'Unavailable');
    assert.equal(signal.cause, 'PlatformInitiated');
    assert.equal(signal.details, null);
    assert.equal(signal.eventDataId, 'EVENT-1');
    assert.equal(signal.essentials.firedAt, '2026-05-04T09:54:08.993Z', 'seven fractional digits read');
    assert.deepEqual(signal.essentials.targetIds, ['/subscriptions/s/resourcegroups/rg-iot/providers/microsoft.devices/iothubs/hub1']);
  });

  it('reads "ResourceHealth" without the space, and null health statuses', () => {
    const body = structuredClone(RESOURCE_HEALTH_SAMPLE);
    body.data.essentials.monitoringService = 'ResourceHealth';
    Object.assign(body.data.alertContext.properties, { currentHealthStatus: null, cause: null });
    const signal = signalOf(body);
    assert.equal(signal.family, 'resource-health');
    if (signal.family === 'resource-health') assert.equal(signal.currentHealthStatus, null);
  });

  it('reads Service Health as Azure sends it: numbers for strings, impactedServices as JSON text, HTML, no Z', () => {
    const signal = signalOf(serviceHealthAlert({ subscriptionId: 'S', trackingId: 'ABC1-DEF', stage: 'Active', regions: ['West Europe', 'North Europe'], firedAt: '2026-05-04T10:00:00.000Z' }));
    assert.equal(signal.family, 'service-health');
    if (signal.family !== 'service-health') return;
    assert.equal(signal.trackingId, 'ABC1-DEF');
    assert.deepEqual(signal.iotHubRegions, ['West Europe', 'North Europe']);
    assert.equal(signal.incidentType, 'Incident');
    assert.ok(!signal.communication.includes('<'), signal.communication);
    assert.match(signal.communication, /^Summary of impact: customers using IoT Hub/);
    assert.equal(signal.essentials.firedAt, '2026-05-04T10:00:00.000Z', 'a time without a zone is UTC');
  });

  it('finds no IoT Hub impact in a Service Health incident of another service', () => {
    const signal = signalOf(serviceHealthAlert({ subscriptionId: 'S', trackingId: 'X', stage: 'Active', regions: ['West Europe'], service: 'Event Hubs' }));
    assert.equal(signal.family === 'service-health' && signal.iotHubRegions.length, 0);
  });

  it('reads a metric alert: the threshold a string, the value a number', () => {
    const signal = signalOf(metricAlert({ subscriptionId: 'S', resourceGroup: 'rg', name: 'hub1' }, { alertId: 'A1', condition: 'Fired', threshold: '900', value: 12 }));
    assert.equal(signal.family, 'metric');
    if (signal.family !== 'metric') return;
    assert.deepEqual(signal.criteria[0], { metricName: 'connectedDeviceCount', operator: 'LessThan', threshold: '900', value: 12, timeAggregation: 'Average' });
  });

  it('reads an administrative alert and keeps neither its caller nor its claims', () => {
    const signal = signalOf(administrativeAlert({ subscriptionId: 'S', resourceGroup: 'rg', name: 'hub1' }));
    assert.equal(signal.family, 'administrative');
    assert.ok(!JSON.stringify(signal).includes('someone@contoso.example'));
    assert.ok(!JSON.stringify(signal).includes('appid'));
  });

  it('calls a log alert "other"', () => {
    const body = structuredClone(RESOURCE_HEALTH_SAMPLE);
    Object.assign(body.data.essentials, { monitoringService: 'Log Analytics', signalType: 'Log' });
    body.data.alertContext = { ...body.data.alertContext, eventSource: '', operationName: '' };
    assert.equal(signalOf(body).family, 'other');
  });

  it('refuses another schema, saying how to fix it', () => {
    const legacy = { schemaId: 'Microsoft.Insights/activityLogs', data: { status: 'Activated', context: { activityLog: {} } } };
    const parsed = parseAlert(legacy);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) {
      assert.equal(parsed.problem, 'not-common-schema');
      assert.match(parsed.detail, /common alert schema/);
    }
  });

  it('refuses a body without essentials, without an alert id or without a monitor condition', () => {
    for (const broken of [
      { schemaId: 'azureMonitorCommonAlertSchema' },
      { schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: { monitorCondition: 'Fired' } } },
      { schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: { alertId: 'x', monitorCondition: 'Maybe' } } },
      [],
      'text',
    ]) {
      const parsed = parseAlert(broken);
      assert.equal(parsed.ok, false, JSON.stringify(broken));
      if (!parsed.ok) assert.equal(parsed.problem, 'malformed');
    }
  });

  it('cuts long fields so a stored delivery stays small', () => {
    const body = structuredClone(RESOURCE_HEALTH_SAMPLE);
    body.data.alertContext.properties.title = 'x'.repeat(100_000);
    const signal = signalOf(body);
    assert.ok(signal.family === 'resource-health' && signal.title.length <= 600);
  });
});

describe('plainText and normalizeTime', () => {
  it('drops tags and decodes the common entities', () => {
    assert.equal(plainText('<p>Impact&nbsp;in <b>West&amp;Europe</b></p><br/>&lt;done&gt;'), 'Impact in West&Europe <done>');
  });

  it('reads only a bounded prefix of a huge communication, and keeps at most 600 characters', () => {
    assert.equal(plainText(`<p>${'word '.repeat(200_000)}</p>`).length, 600);
    assert.equal(plainText('<'.repeat(200_000)), '<'.repeat(600));
  });

  it('reads UTC times with and without a zone, and nothing else', () => {
    assert.equal(normalizeTime('2026-05-04T09:54:08Z'), '2026-05-04T09:54:08.000Z');
    assert.equal(normalizeTime('2026-05-04T09:54:08.1234567'), '2026-05-04T09:54:08.123Z');
    assert.equal(normalizeTime('2026-05-04T11:54:08+02:00'), '2026-05-04T09:54:08.000Z');
    assert.equal(normalizeTime('yesterday'), null);
    assert.equal(normalizeTime(undefined), null);
  });
});
