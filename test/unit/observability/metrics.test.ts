// The Prometheus exposition: each metric reports what was recorded, labels stay in their fixed sets
// whatever a client sends, and the GET /metrics route serves it in the text format.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { activityTypeLabel, armErrorReason, createBotMetrics, findingLabel, metricsRoute } from '#src/observability/metrics.ts';
import { startHttpServer } from '#src/http/server.ts';
import type { RunningHttpServer } from '#src/http/server.ts';
import { silentLogger } from '#src/log.ts';

/** `name{labels} value` lines of an exposition, as a map (labels kept as written). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

function seriesOf(text: string, name: string): string[] {
  return [...samples(text).keys()].filter((key) => key === name || key.startsWith(`${name}{`));
}

describe('metric labels', () => {
  it('activity types outside the Bot Framework set become "other"', () => {
    assert.equal(activityTypeLabel('message'), 'message');
    assert.equal(activityTypeLabel('invoke'), 'invoke');
    assert.equal(activityTypeLabel('HostName=x;SharedAccessKey=y'), 'other');
    assert.equal(activityTypeLabel(42), 'other');
  });

  it('findings are labelled by catalog code, HTTP class, or family', () => {
    assert.equal(findingLabel({ code: 500001, httpStatus: 500, family: 'iothub-code' }), '500001');
    assert.equal(findingLabel({ code: 503999, httpStatus: 503, family: 'http-class' }), 'http-503', 'a code the catalog does not know');
    assert.equal(findingLabel({ code: null, httpStatus: 401, family: 'http-class' }), 'http-401');
    assert.equal(findingLabel({ code: null, httpStatus: 418, family: 'http-class' }), 'http-other');
    assert.equal(findingLabel({ code: null, httpStatus: null, family: 'not-iothub' }), 'not-iothub');
    assert.equal(findingLabel({ code: null, httpStatus: null, family: 'http-class' }), 'other');
  });

  it('ARM attempts are classified by status or by how they failed', () => {
    const attempt = (status: number | null, errorCode: string | null = null, aborted = false) => armErrorReason({ status, errorCode, aborted });
    assert.equal(attempt(200), null);
    assert.equal(attempt(304), null);
    assert.equal(attempt(429), 'throttled');
    assert.equal(attempt(403), 'forbidden');
    assert.equal(attempt(404), 'not-found');
    assert.equal(attempt(400), 'client-error');
    assert.equal(attempt(503), 'server-error');
    assert.equal(attempt(null, null, true), 'timeout');
    assert.equal(attempt(null, 'ETIMEDOUT'), 'timeout');
    assert.equal(attempt(null, 'ECONNRESET'), 'network');
  });
});

describe('createBotMetrics', () => {
  it('counts turns, diagnoses, verdicts, secrets, ARM attempts, connector errors, rate limits and failovers', async () => {
    const metrics = createBotMetrics({ processMetrics: false });
    metrics.turn('message', 'ok', 0.2);
    metrics.turn('message', 'rate-limited', 0.001);
    metrics.turn('not-a-type', 'error', 1);
    metrics.diagnosed(diagnose('{"errorCode":500001} and again ErrorCode:ServerError\nHostName=h.azure-devices.net;SharedAccessKey=abcdefghijklmnopqrstuv=='));
    metrics.diagnosed(diagnose('the coffee machine is broken'));
    metrics.armAttempt({ operation: 'health.availability', status: 200, errorCode: null, aborted: false, durationMs: 30, armRequestId: 'r1', retryAfterSeconds: null });
    metrics.armAttempt({ operation: 'health.availability', status: 429, errorCode: null, aborted: false, durationMs: 5, armRequestId: 'r2', retryAfterSeconds: 1 });
    metrics.armAttempt({ operation: 'hubs.list', status: null, errorCode: 'ECONNRESET', aborted: false, durationMs: 2, armRequestId: null, retryAfterSeconds: null });
    metrics.connectorError(429);
    metrics.connectorError(null);
    metrics.connectorError(418);
    metrics.rateLimited(true);
    metrics.rateLimited(false);
    metrics.rateLimited(false);
    metrics.failoverOutcome('succeeded');
    metrics.setPendingApprovals(3);
    metrics.alertRefused('wrong-token');
    metrics.alertRefused('wrong-token');

    const { contentType, body } = await metrics.render();
    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    const s = samples(body);
    assert.equal(s.get('iothub_oncall_turns_total{type="message",outcome="ok"}'), 1);
    assert.equal(s.get('iothub_oncall_turns_total{type="message",outcome="rate-limited"}'), 1);
    assert.equal(s.get('iothub_oncall_turns_total{type="other",outcome="error"}'), 1);
    assert.equal(s.get('iothub_oncall_turn_duration_seconds_count{type="message"}'), 2);
    assert.equal(s.get('iothub_oncall_diagnoses_total{code="500001"}'), 1, 'one paste, one count per distinct code');
    assert.equal(s.get('iothub_oncall_diagnoses_total{code="none"}'), 1);
    assert.equal(s.get('iothub_oncall_verdicts_total{verdict="transient-service"}'), 1);
    assert.equal(s.get('iothub_oncall_verdicts_total{verdict="unknown"}'), 1);
    assert.equal(s.get('iothub_oncall_pasted_secrets_total{kind="shared-access-key"}'), 1);
    assert.equal(s.get('iothub_oncall_arm_requests_total{operation="health.availability",status_class="2xx"}'), 1);
    assert.equal(s.get('iothub_oncall_arm_errors_total{operation="health.availability",reason="throttled"}'), 1);
    assert.equal(s.get('iothub_oncall_arm_errors_total{operation="hubs.list",reason="network"}'), 1);
    assert.equal(s.get('iothub_oncall_arm_request_duration_seconds_count{operation="health.availability"}'), 2);
    assert.equal(s.get('iothub_oncall_arm_request_duration_seconds_count{operation="failover.start"}'), 0, 'every operation has a series from the start');
    assert.equal(s.get('iothub_oncall_connector_errors_total{status="429"}'), 1);
    assert.equal(s.get('iothub_oncall_connector_errors_total{status="network"}'), 1);
    assert.equal(s.get('iothub_oncall_connector_errors_total{status="other"}'), 1);
    assert.equal(s.get('iothub_oncall_rate_limited_messages_total{notified="true"}'), 1);
    assert.equal(s.get('iothub_oncall_rate_limited_messages_total{notified="false"}'), 2);
    assert.equal(s.get('iothub_oncall_failovers_total{outcome="succeeded"}'), 1);
    assert.equal(s.get('iothub_oncall_failovers_total{outcome="expired"}'), 0);
    assert.equal(s.get('iothub_oncall_failover_pending_approvals'), 3);
    assert.equal(s.get('iothub_oncall_alert_webhook_refusals_total{reason="wrong-token"}'), 2);
    assert.ok(!body.includes('abcdefghijklmnop'), 'no secret in the exposition');
    assert.ok(!body.includes('h.azure-devices.net'), 'no hub in the exposition');
  });

  it('keeps the diagnosis labels to catalog codes and classes, whatever is pasted', async () => {
    const metrics = createBotMetrics({ processMetrics: false });
    for (let i = 0; i < 200; i += 1) metrics.diagnosed(diagnose(`{"errorCode":${400000 + i * 997}} HTTP ${400 + (i % 200)} device-${i}`));
    const { body } = await metrics.render();
    for (const series of seriesOf(body, 'iothub_oncall_diagnoses_total')) {
      assert.match(series, /\{code="(\d{6}|http-\d{3}|http-other|not-iothub|other|none)"\}$/, series);
    }
    assert.ok(seriesOf(body, 'iothub_oncall_diagnoses_total').length < 120, 'bounded, not one series per paste');
  });

  it('clamps a nonsensical pending-approvals count to 0', async () => {
    const metrics = createBotMetrics({ processMetrics: false });
    metrics.setPendingApprovals(-4);
    assert.equal(samples((await metrics.render()).body).get('iothub_oncall_failover_pending_approvals'), 0);
  });

  it('includes the Node process metrics by default', async () => {
    const { body } = await createBotMetrics().render();
    assert.match(body, /^process_resident_memory_bytes \d+/m);
  });
});

describe('GET /metrics', () => {
  let server: RunningHttpServer;
  const metrics = createBotMetrics({ processMetrics: false });

  before(async () => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      messages: { process: async () => ({ status: 200 }) },
      metrics: metricsRoute(metrics),
    });
  });
  after(() => server?.close(100));

  it('serves the exposition in the Prometheus text format, uncached', async () => {
    metrics.turn('invoke', 'ok', 0.05);
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(samples(await response.text()).get('iothub_oncall_turns_total{type="invoke",outcome="ok"}'), 1);
  });

  it('answers other methods with the JSON 405 of the server', async () => {
    const response = await fetch(`${server.url}/metrics`, { method: 'POST' });
    assert.equal(response.status, 405);
  });
});
