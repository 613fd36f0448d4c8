// The ARM operations the simulator answers, and how a raw request URL maps onto them.
// req.url is parsed as a raw string: `new URL('//subscriptions/…', base)` would read "subscriptions"
// as a host, and the Resource Health SDK sends exactly that when given an id with a leading slash.

export const SIM_ROUTES = [
  'hubs.listBySubscription',
  'hubs.listByResourceGroup',
  'hubs.get',
  'health.current',
  'events.list',
  'failover.start',
  'failover.status',
  'failover.result',
] as const;

export type SimRoute = (typeof SIM_ROUTES)[number];

export function isSimRoute(value: unknown): value is SimRoute {
  return typeof value === 'string' && (SIM_ROUTES as readonly string[]).includes(value);
}

export interface RouteMatch {
  route: SimRoute;
  subscriptionId: string;
  resourceGroup: string | null;
  hubName: string | null;
  operationId: string | null;
}

export interface ParsedUrl {
  /** Path exactly as received, without the query. */
  rawPath: string;
  /** Path with repeated leading slashes collapsed to one. */
  path: string;
  /** Raw query string without the '?'. */
  rawQuery: string;
  /** Query keys lower-cased; a bare key ("&asyncinfo") maps to "". */
  query: Map<string, string>;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export function parseRawUrl(rawUrl: string): ParsedUrl {
  const questionMark = rawUrl.indexOf('?');
  const rawPath = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);
  const query = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decode(equals === -1 ? part : part.slice(0, equals)).toLowerCase();
    const value = equals === -1 ? '' : decode(part.slice(equals + 1));
    if (!query.has(key)) query.set(key, value);
  }
  const path = '/' + rawPath.replace(/^\/+/, '');
  return { rawPath, path, rawQuery, query };
}

const segment = '([^/]+)';
const hubPath = `/subscriptions/${segment}/resourcegroups/${segment}/providers/microsoft\\.devices/iothubs/${segment}`;

interface RouteTable {
  route: SimRoute | 'operation';
  method: string;
  pattern: RegExp;
}

const table: RouteTable[] = [
  { route: 'hubs.listBySubscription', method: 'GET', pattern: new RegExp(`^/subscriptions/${segment}/providers/microsoft\\.devices/iothubs/?$`, 'i') },
  { route: 'hubs.listByResourceGroup', method: 'GET', pattern: new RegExp(`^/subscriptions/${segment}/resourcegroups/${segment}/providers/microsoft\\.devices/iothubs/?$`, 'i') },
  { route: 'hubs.get', method: 'GET', pattern: new RegExp(`^${hubPath}/?$`, 'i') },
  { route: 'failover.start', method: 'POST', pattern: new RegExp(`^${hubPath}/failover/?$`, 'i') },
  { route: 'health.current', method: 'GET', pattern: new RegExp(`^${hubPath}/providers/microsoft\\.resourcehealth/availabilitystatuses/current/?$`, 'i') },
  { route: 'events.list', method: 'GET', pattern: new RegExp(`^/subscriptions/${segment}/providers/microsoft\\.resourcehealth/events/?$`, 'i') },
  { route: 'operation', method: 'GET', pattern: new RegExp(`^/subscriptions/${segment}/providers/microsoft\\.devices/(?:locations/[^/]+/)?operationresults/${segment}/?$`, 'i') },
];

export type RouteLookup =
  | { kind: 'match'; match: RouteMatch }
  | { kind: 'method-not-allowed'; allowed: string }
  | { kind: 'no-route' };

export function matchRoute(method: string, url: ParsedUrl): RouteLookup {
  let allowed: string | null = null;
  for (const entry of table) {
    const found = entry.pattern.exec(url.path);
    if (!found) continue;
    if (entry.method !== method.toUpperCase()) {
      allowed = entry.method;
      continue;
    }
    const groups = found.slice(1).map((value) => decode(value ?? ''));
    if (entry.route === 'operation') {
      const route: SimRoute = url.query.has('asyncinfo') ? 'failover.status' : 'failover.result';
      return { kind: 'match', match: { route, subscriptionId: groups[0] ?? '', resourceGroup: null, hubName: null, operationId: groups[1] ?? null } };
    }
    const [subscriptionId = '', second = null, third = null] = groups;
    const match: RouteMatch =
      entry.route === 'hubs.listBySubscription' || entry.route === 'events.list'
        ? { route: entry.route, subscriptionId, resourceGroup: null, hubName: null, operationId: null }
        : entry.route === 'hubs.listByResourceGroup'
          ? { route: entry.route, subscriptionId, resourceGroup: second, hubName: null, operationId: null }
          : { route: entry.route, subscriptionId, resourceGroup: second, hubName: third, operationId: null };
    return { kind: 'match', match };
  }
  return allowed === null ? { kind: 'no-route' } : { kind: 'method-not-allowed', allowed };
}
