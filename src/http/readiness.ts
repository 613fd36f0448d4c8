// GET /readyz answers from one shared, cached verdict: a probe (an orchestrator's, Prometheus', anyone's) costs
// no ARM call and no store read while the last verdict is fresh, and probes that arrive while a check runs
// wait for that same check (single flight). A failed verdict is kept for less time than a good one, so a
// recovery shows soon without letting a flood of probes turn into a flood of checks.
import { beforeDeadline } from '../core/abort.ts';

export interface ReadinessCheck {
  name: string;
  run(signal: AbortSignal): Promise<{ ok: boolean; detail?: string }>;
}

export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
  /** When the checks ran (ms since the epoch). */
  checkedAt: number;
}

export interface Readiness {
  /** The last verdict while fresh, else the one being computed, else a new one. */
  report(): Promise<ReadinessReport>;
}

export interface ReadinessOptions {
  /** How long a good verdict is reused. */
  readyTtlMs?: number;
  /** How long a failed verdict is reused (shorter: a recovery shows soon). */
  notReadyTtlMs?: number;
  /** Each check's time budget. */
  timeoutMs?: number;
  now?: () => number;
}

export const READY_TTL_MS = 30_000;
export const NOT_READY_TTL_MS = 5_000;
const CHECK_TIMEOUT_MS = 2_000;

async function runChecks(checks: readonly ReadinessCheck[], timeoutMs: number, now: () => number): Promise<ReadinessReport> {
  const results: Record<string, CheckResult> = {};
  await Promise.all(
    checks.map(async (check) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        results[check.name] = await beforeDeadline(check.run(signal), signal, () => ({ ok: false, detail: `timed out after ${timeoutMs} ms` }));
      } catch {
        results[check.name] = { ok: false, detail: 'check failed' };
      }
    }),
  );
  return { ready: Object.values(results).every((result) => result.ok), checks: results, checkedAt: now() };
}

export function cachedReadiness(checks: readonly ReadinessCheck[], options: ReadinessOptions = {}): Readiness {
  const now = options.now ?? Date.now;
  const readyTtlMs = options.readyTtlMs ?? READY_TTL_MS;
  const notReadyTtlMs = options.notReadyTtlMs ?? NOT_READY_TTL_MS;
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  let last: ReadinessReport | null = null;
  let running: Promise<ReadinessReport> | null = null;

  const fresh = (report: ReadinessReport): boolean => now() - report.checkedAt < (report.ready ? readyTtlMs : notReadyTtlMs);

  return {
    report() {
      if (last !== null && fresh(last)) return Promise.resolve(last);
      running ??= runChecks(checks, timeoutMs, now)
        .then((report) => {
          last = report;
          return report;
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
}
