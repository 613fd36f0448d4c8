// Fault injection: rules that make matching ARM requests fail, stall or drop the connection.
// A rule applies to every matching request, or only to the next `times` of them.
import { isSimRoute, type SimRoute } from './routes.ts';

export type FaultAction = 'status' | 'delay' | 'hang' | 'reset';

export interface FaultSpec {
  /** Which ARM operation; '*' (default) matches all of them. */
  route?: SimRoute | '*';
  /** Only requests about this hub (case-insensitive). */
  hub?: string;
  action: FaultAction;
  /** action 'status': the HTTP status to answer (429, 500, 503, 403…). */
  status?: number;
  /** action 'status': Retry-After header in (real) seconds; omitted = no header. */
  retryAfterSeconds?: number;
  /** action 'status': ARM error code and message in the body. */
  code?: string;
  message?: string;
  /** action 'delay': real milliseconds to wait before answering normally. */
  delayMs?: number;
  /** Apply to the next N matching requests only; omitted = until cleared. */
  times?: number;
}

export interface FaultRule extends FaultSpec {
  id: string;
  /** Requests this rule has affected so far. */
  hits: number;
}

const defaultCodes: Record<number, string> = {
  400: 'BadRequest',
  401: 'AuthenticationFailed',
  403: 'AuthorizationFailed',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function defaultErrorFor(status: number): { code: string; message: string } {
  const code = defaultCodes[status] ?? 'SimulatedFault';
  const message =
    status === 429
      ? 'The request was throttled (simulated).'
      : status === 403
        ? "The client does not have authorization to perform this action (simulated)."
        : `Simulated fault: HTTP ${status}.`;
  return { code, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates an untrusted fault description (admin endpoint, scenario file). */
export function parseFaultSpec(input: unknown): { ok: true; spec: FaultSpec } | { ok: false; error: string } {
  if (!isRecord(input)) return { ok: false, error: 'a fault must be a JSON object' };
  const action = input['action'];
  if (action !== 'status' && action !== 'delay' && action !== 'hang' && action !== 'reset') {
    return { ok: false, error: "fault.action must be one of 'status', 'delay', 'hang', 'reset'" };
  }
  const spec: FaultSpec = { action };
  const route = input['route'];
  if (route !== undefined) {
    if (route !== '*' && !isSimRoute(route)) return { ok: false, error: `fault.route '${String(route)}' is not a simulator route` };
    spec.route = route;
  }
  const numberField = (name: 'status' | 'retryAfterSeconds' | 'delayMs' | 'times', min: number, max: number): string | null => {
    const value = input[name];
    if (value === undefined) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return `fault.${name} must be a number between ${min} and ${max}`;
    spec[name] = value;
    return null;
  };
  const problems = [
    numberField('status', 100, 599),
    numberField('retryAfterSeconds', 0, 86_400),
    numberField('delayMs', 0, 600_000),
    numberField('times', 1, 1_000_000),
  ].filter((problem): problem is string => problem !== null);
  if (problems[0] !== undefined) return { ok: false, error: problems[0] };
  for (const name of ['hub', 'code', 'message'] as const) {
    const value = input[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 500) return { ok: false, error: `fault.${name} must be a string` };
    spec[name] = value;
  }
  if (action === 'status' && spec.status === undefined) return { ok: false, error: "fault.status is required for action 'status'" };
  if (action === 'delay' && spec.delayMs === undefined) return { ok: false, error: "fault.delayMs is required for action 'delay'" };
  return { ok: true, spec };
}

export interface FaultBook {
  add(spec: FaultSpec): FaultRule;
  /** Finds the first active rule for a request and counts the hit (consuming one of `times`). */
  take(route: SimRoute, hubName: string | null): FaultRule | null;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultRule[];
}

export function createFaultBook(): FaultBook {
  let rules: FaultRule[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const rule: FaultRule = { ...spec, id: `fault-${nextId++}`, hits: 0 };
      rules.push(rule);
      return { ...rule };
    },
    take(route, hubName) {
      const rule = rules.find(
        (candidate) =>
          (candidate.route === undefined || candidate.route === '*' || candidate.route === route) &&
          (candidate.hub === undefined || (hubName !== null && candidate.hub.toLowerCase() === hubName.toLowerCase())),
      );
      if (!rule) return null;
      rule.hits += 1;
      if (rule.times !== undefined && rule.hits >= rule.times) rules = rules.filter((candidate) => candidate !== rule);
      return { ...rule };
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((rule) => rule.id !== id);
      return rules.length !== before;
    },
    clear() {
      rules = [];
    },
    list() {
      return rules.map((rule) => ({ ...rule }));
    },
  };
}
