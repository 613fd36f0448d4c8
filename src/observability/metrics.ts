// Prometheus metrics (prom-client), served at GET /metrics. Every label takes its value from a small fixed
// set (activity types, catalog codes, HTTP classes, ARM operations, reasons): never a hub, a user, a
// conversation or anything else read from a request, so the series stay few and nothing sensitive leaks.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Request, Response } from 'restify';
import type { ArmAttempt } from '../azure/index.ts';
import { ALERT_REFUSAL_REASONS } from '../http/alerts-route.ts';
import type { AlertRefusalReason } from '../http/alerts-route.ts';
import { ARM_OPERATIONS } from '../azure/index.ts';
import { catalog, entryByCode } from '../diagnosis/catalog.ts';
import type { Diagnosis, Finding, SecretKind, VerdictKind } from '../diagnosis/types.ts';
import type { TerminalState } from '../failover/index.ts';
import type { TurnOutcome } from './turn-trace.ts';

const PREFIX = 'iothub_oncall_';

const ACTIVITY_TYPES: ReadonlySet<string> = new Set([
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'event',
  'typing',
  'endOfConversation',
]);

/** HTTP statuses a diagnosis label may carry: those of the catalog plus the usual error statuses. */
const DIAGNOSIS_HTTP_STATUSES: ReadonlySet<number> = new Set([
  ...catalog.map((entry) => entry.httpStatus),
  400, 401, 403, 404, 405, 408, 409, 412, 413, 415, 429, 499, 500, 502, 503, 504,
]);

const CONNECTOR_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 408, 409, 412, 413, 429, 500, 502, 503, 504]);

const FAILOVER_OUTCOMES: readonly TerminalState[] = ['succeeded', 'failed', 'rejected', 'expired', 'cancelled'];

export type ArmErrorReason = 'throttled' | 'forbidden' | 'not-found' | 'client-error' | 'server-error' | 'timeout' | 'network';

/** `message`, `invoke`, … or 'other' for anything a client made up. */
export function activityTypeLabel(type: unknown): string {
  return typeof type === 'string' && ACTIVITY_TYPES.has(type) ? type : 'other';
}

/** A catalog code ('500001'), else an HTTP class ('http-500'), else 'not-iothub' or 'other'. */
export function findingLabel(finding: Pick<Finding, 'code' | 'httpStatus' | 'family'>): string {
  if (finding.code !== null && entryByCode(finding.code) !== undefined) return String(finding.code);
  if (finding.family === 'not-iothub') return 'not-iothub';
  if (finding.httpStatus !== null) return DIAGNOSIS_HTTP_STATUSES.has(finding.httpStatus) ? `http-${finding.httpStatus}` : 'http-other';
  return 'other';
}

/** Why an ARM attempt failed, or null when it succeeded (2xx/3xx). */
export function armErrorReason(attempt: Pick<ArmAttempt, 'status' | 'errorCode' | 'aborted'>): ArmErrorReason | null {
  const { status } = attempt;
  if (status !== null) {
    if (status < 400) return null;
    if (status === 429) return 'throttled';
    if (status === 401 || status === 403) return 'forbidden';
    if (status === 404) return 'not-found';
    if (status === 408) return 'timeout';
    return status >= 500 ? 'server-error' : 'client-error';
  }
  if (attempt.aborted || attempt.errorCode === 'ETIMEDOUT' || attempt.errorCode === 'ESOCKETTIMEDOUT') return 'timeout';
  return 'network';
}

function statusClass(status: number | null): string {
  return status === null ? 'none' : `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx`;
}

export interface BotMetrics {
  readonly registry: Registry;
  /** One finished turn of any activity type. */
  turn(activityType: unknown, outcome: TurnOutcome, seconds: number): void;
  /** A call to the Bot Connector that failed after botbuilder's own retries (null status: no response). */
  connectorError(status: number | null): void;
  /** A paste was diagnosed (message or Diagnose message action). */
  diagnosed(diagnosis: Diagnosis): void;
  /** One HTTP attempt to ARM, retries included. */
  armAttempt(attempt: ArmAttempt): void;
  /** A message refused by the per-user rate limit; `notified` = the polite notice was sent. */
  rateLimited(notified: boolean): void;
  /** For the failover workflow: a request reached a terminal state. */
  failoverOutcome(outcome: TerminalState): void;
  /** For the failover workflow: requests currently waiting for an approver. */
  setPendingApprovals(count: number): void;
  /** A call to POST /api/alerts refused before its body was read (credentials). */
  alertRefused(reason: AlertRefusalReason): void;
  /** The exposition: content type and text. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface BotMetricsOptions {
  /** Node process metrics (memory, CPU, event loop lag, GC). Default true. */
  processMetrics?: boolean;
}

export function createBotMetrics(options: BotMetricsOptions = {}): BotMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const turns = new Counter({ name: `${PREFIX}turns_total`, help: 'Turns processed, by activity type and outcome.', labelNames: ['type', 'outcome'] as const, registers });
  const turnSeconds = new Histogram({
    name: `${PREFIX}turn_duration_seconds`,
    help: 'Turn duration (receipt to last reply sent), by activity type.',
    labelNames: ['type'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15],
    registers,
  });
  const connectorErrors = new Counter({
    name: `${PREFIX}connector_errors_total`,
    help: 'Bot Connector calls that failed after the SDK retries, by HTTP status (network = no response).',
    labelNames: ['status'] as const,
    registers,
  });
  const diagnoses = new Counter({
    name: `${PREFIX}diagnoses_total`,
    help: "Errors recognised in pastes, by IoT Hub code (catalog), HTTP class ('http-500'), 'not-iothub', 'other', or 'none' for a paste with nothing recognised.",
    labelNames: ['code'] as const,
    registers,
  });
  const verdicts = new Counter({ name: `${PREFIX}verdicts_total`, help: 'Diagnosed pastes by verdict.', labelNames: ['verdict'] as const, registers });
  const secrets = new Counter({ name: `${PREFIX}pasted_secrets_total`, help: 'Secrets found (and redacted) in pastes, by kind.', labelNames: ['kind'] as const, registers });
  const armSeconds = new Histogram({
    name: `${PREFIX}arm_request_duration_seconds`,
    help: 'Duration of each HTTP attempt to Azure Resource Manager (retries counted separately), by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const armRequests = new Counter({
    name: `${PREFIX}arm_requests_total`,
    help: "HTTP attempts to Azure Resource Manager, by operation and status class ('none' = no response).",
    labelNames: ['operation', 'status_class'] as const,
    registers,
  });
  const armErrors = new Counter({
    name: `${PREFIX}arm_errors_total`,
    help: 'Failed HTTP attempts to Azure Resource Manager, by operation and reason.',
    labelNames: ['operation', 'reason'] as const,
    registers,
  });
  const rateLimitedMessages = new Counter({
    name: `${PREFIX}rate_limited_messages_total`,
    help: 'Messages refused by the per-user rate limit (notified = the notice was sent for this one).',
    labelNames: ['notified'] as const,
    registers,
  });
  const failovers = new Counter({ name: `${PREFIX}failovers_total`, help: 'Failover requests that reached a final state, by outcome.', labelNames: ['outcome'] as const, registers });
  const alertRefusals = new Counter({
    name: `${PREFIX}alert_webhook_refusals_total`,
    help: 'Calls to POST /api/alerts refused for their credentials, by reason.',
    labelNames: ['reason'] as const,
    registers,
  });
  const pendingApprovals = new Gauge({ name: `${PREFIX}failover_pending_approvals`, help: 'Failover requests waiting for an approver.', registers });

  // Series that exist from the start read 0 instead of being absent (alerts on rate() need them).
  for (const outcome of FAILOVER_OUTCOMES) failovers.inc({ outcome }, 0);
  for (const notified of ['true', 'false']) rateLimitedMessages.inc({ notified }, 0);
  for (const operation of ARM_OPERATIONS) armSeconds.zero({ operation });

  return {
    registry,
    turn(activityType, outcome, seconds) {
      const type = activityTypeLabel(activityType);
      turns.inc({ type, outcome });
      turnSeconds.observe({ type }, seconds);
    },
    connectorError(status) {
      connectorErrors.inc({ status: status === null ? 'network' : CONNECTOR_STATUSES.has(status) ? String(status) : 'other' });
    },
    diagnosed(diagnosis) {
      const labels = diagnosis.findings.length === 0 ? ['none'] : [...new Set(diagnosis.findings.map(findingLabel))];
      for (const code of labels) diagnoses.inc({ code });
      verdicts.inc({ verdict: diagnosis.verdict.kind satisfies VerdictKind });
      for (const kind of diagnosis.secrets.kinds satisfies SecretKind[]) secrets.inc({ kind });
    },
    armAttempt(attempt) {
      const operation = ARM_OPERATIONS.includes(attempt.operation) ? attempt.operation : 'other';
      armSeconds.observe({ operation }, attempt.durationMs / 1000);
      armRequests.inc({ operation, status_class: statusClass(attempt.status) });
      const reason = armErrorReason(attempt);
      if (reason !== null) armErrors.inc({ operation, reason });
    },
    rateLimited(notified) {
      rateLimitedMessages.inc({ notified: String(notified) });
    },
    failoverOutcome(outcome) {
      failovers.inc({ outcome: FAILOVER_OUTCOMES.includes(outcome) ? outcome : 'other' });
    },
    alertRefused(reason) {
      alertRefusals.inc({ reason: ALERT_REFUSAL_REASONS.includes(reason) ? reason : 'other' });
    },
    setPendingApprovals(count) {
      pendingApprovals.set(Number.isFinite(count) && count >= 0 ? count : 0);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** The GET /metrics route handler. */
export function metricsRoute(metrics: Pick<BotMetrics, 'render'>): (req: Request, res: Response) => Promise<void> {
  return async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.sendRaw(200, body, { 'content-type': contentType, 'cache-control': 'no-store' });
  };
}
