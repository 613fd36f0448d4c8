// Handlers for the ARM operations (Microsoft.Devices and Microsoft.ResourceHealth).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SimClock } from './clock.ts';
import {
  findHub,
  keyOf,
  runningOperationFor,
  secondaryOf,
  primaryOf,
  settleOperations,
  shortRegion,
  subscriptionsOf,
  type SimHub,
  type SimOperation,
  type SimState,
} from './model.ts';
import type { ParsedUrl, RouteMatch } from './routes.ts';
import { armError, availabilityBody, eventBody, hubBody, iotHubError, notFoundHub, sendJson, subscriptionNotFound, type ResponseOptions } from './wire.ts';

export interface ArmContext {
  state: SimState;
  clock: SimClock;
  /** http://127.0.0.1:PORT, used for nextLink and the async-operation headers. */
  baseUrl: string;
}

interface Request {
  match: RouteMatch;
  url: ParsedUrl;
  body: string;
  res: ServerResponse;
}

type Quota = NonNullable<ResponseOptions['quota']>;

/** Whether the route's subscription is known; when not, the 404 ARM gives has been sent. */
function subscriptionFoundOrSent404(ctx: ArmContext, { match, res }: Request, now: number): boolean {
  const known = subscriptionsOf(ctx.state).some((id) => id.toLowerCase() === match.subscriptionId.toLowerCase());
  if (!known) sendJson(res, 404, subscriptionNotFound(match.subscriptionId), now, { quota: 'reads' });
  return known;
}

/** The hub the route names; when there is none, null, and the 404 ARM gives has been sent. */
function hubOrSent404(ctx: ArmContext, { match, res }: Request, now: number, quota: Quota): SimHub | null {
  const hub = findHub(ctx.state, match.subscriptionId, match.resourceGroup ?? '', match.hubName ?? '');
  if (hub) return hub;
  sendJson(res, 404, notFoundHub(match.resourceGroup ?? '', match.hubName ?? ''), now, { quota });
  return null;
}

function page<T>(items: T[], ctx: ArmContext, url: ParsedUrl): { slice: T[]; nextLink: string | null } {
  const skip = Math.max(0, Number.parseInt(url.query.get('$skiptoken') ?? '0', 10) || 0);
  const size = ctx.state.pageSize;
  const slice = items.slice(skip, skip + size);
  if (skip + size >= items.length) return { slice, nextLink: null };
  const apiVersion = encodeURIComponent(url.query.get('api-version') ?? '');
  return { slice, nextLink: `${ctx.baseUrl}${url.path}?api-version=${apiVersion}&$skiptoken=${skip + size}` };
}

function listHubs(ctx: ArmContext, request: Request): void {
  const { match, url, res } = request;
  const now = ctx.clock.now();
  if (!subscriptionFoundOrSent404(ctx, request, now)) return;
  const hubs = ctx.state.hubs.filter(
    (hub) =>
      hub.subscriptionId.toLowerCase() === match.subscriptionId.toLowerCase() &&
      (match.resourceGroup === null || hub.resourceGroup.toLowerCase() === match.resourceGroup.toLowerCase()),
  );
  const { slice, nextLink } = page(hubs, ctx, url);
  sendJson(res, 200, { value: slice.map(hubBody), ...(nextLink ? { nextLink } : {}) }, now, { quota: 'reads' });
}

function getHub(ctx: ArmContext, request: Request): void {
  const now = ctx.clock.now();
  const hub = hubOrSent404(ctx, request, now, 'reads');
  if (hub) sendJson(request.res, 200, hubBody(hub), now, { quota: 'reads' });
}

function currentHealth(ctx: ArmContext, request: Request): void {
  const { url, res } = request;
  const now = ctx.clock.now();
  const hub = hubOrSent404(ctx, request, now, 'reads');
  if (!hub) return;
  const expand = (url.query.get('$expand') ?? '').toLowerCase().split(',').includes('recommendedactions');
  sendJson(res, 200, availabilityBody(hub, now, expand), now, { quota: 'reads' });
}

function listEvents(ctx: ArmContext, request: Request): void {
  const { match, url, res } = request;
  const now = ctx.clock.now();
  if (!subscriptionFoundOrSent404(ctx, request, now)) return;
  const visible = ctx.state.events.filter(
    (event) => event.subscriptions === null || event.subscriptions.some((id) => id.toLowerCase() === match.subscriptionId.toLowerCase()),
  );
  const { slice, nextLink } = page(visible, ctx, url);
  sendJson(res, 200, { value: slice.map((event) => eventBody(event, match.subscriptionId)), ...(nextLink ? { nextLink } : {}) }, now, { quota: 'reads' });
}

function operationUrls(ctx: ArmContext, operation: SimOperation, apiVersion: string): { asyncOperation: string; location: string } {
  const location = `${ctx.baseUrl}/subscriptions/${operation.subscriptionId}/providers/Microsoft.Devices/operationResults/${operation.id}?api-version=${encodeURIComponent(apiVersion)}&operationSource=os_ih`;
  return { asyncOperation: `${location}&asyncinfo`, location };
}

function retryAfter(ctx: ArmContext, operation: SimOperation): string {
  return String(Math.max(0, Math.ceil(ctx.clock.realSecondsFor(operation.retryAfterSeconds))));
}

function readFailoverRegion(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'failoverRegion' in parsed) {
      const region = parsed.failoverRegion;
      return typeof region === 'string' && region.trim() !== '' ? region : null;
    }
  } catch {
    return null;
  }
  return null;
}

function startFailover(ctx: ArmContext, request: Request): void {
  const { url, body, res } = request;
  const now = ctx.clock.now();
  const writes = { quota: 'writes' as const };
  const hub = hubOrSent404(ctx, request, now, 'writes');
  if (!hub) return;
  const region = readFailoverRegion(body);
  if (region === null) {
    sendJson(res, 400, iotHubError('InvalidFailoverRegion', 'BadRequest', 'The request body must be {"failoverRegion": "<paired region>"}.'), now, writes);
    return;
  }
  if (runningOperationFor(ctx.state, hub)) {
    sendJson(res, 409, iotHubError('FailoverInProgress', 'Conflict', `A failover is already in progress for IoT hub '${hub.name}'.`), now, writes);
    return;
  }
  const secondary = secondaryOf(hub);
  const primary = primaryOf(hub);
  if (hub.enableDataResidency || !secondary || !primary) {
    const why = hub.enableDataResidency ? 'disaster recovery is disabled for this hub (data residency)' : 'the hub has no paired secondary region';
    sendJson(res, 400, iotHubError('ManualFailoverNotSupported', 'BadRequest', `Manual failover is not available for IoT hub '${hub.name}': ${why}.`), now, writes);
    return;
  }
  if (shortRegion(region) !== shortRegion(secondary.location)) {
    sendJson(
      res,
      400,
      iotHubError('InvalidFailoverRegion', 'BadRequest', `Failover region '${region}' is not the paired region of IoT hub '${hub.name}'. The hub can fail over only to '${secondary.location}'.`),
      now,
      writes,
    );
    return;
  }
  const gap = hub.failover.minSecondsBetweenFailovers;
  if (gap > 0 && hub.lastFailoverFinishedAt !== null && now - hub.lastFailoverFinishedAt < gap * 1000) {
    sendJson(res, 409, iotHubError('FailoverTooSoon', 'Conflict', `IoT hub '${hub.name}' failed over recently. Wait ${Math.ceil(gap / 60)} minutes between failovers.`), now, writes);
    return;
  }
  const operation: SimOperation = {
    id: Buffer.from(`os_ih_${randomUUID()}`).toString('base64'),
    subscriptionId: hub.subscriptionId,
    hubKey: keyOf(hub),
    hubName: hub.name,
    startedAt: now,
    finishesAt: now + hub.failover.durationSeconds * 1000,
    outcome: hub.failover.outcome,
    error: { ...hub.failover.error },
    status: 'Running',
    fromRegion: primary.location,
    toRegion: secondary.location,
    retryAfterSeconds: hub.failover.pollRetryAfterSeconds,
  };
  ctx.state.operations.push(operation);
  const urls = operationUrls(ctx, operation, url.query.get('api-version') ?? '');
  sendJson(res, 202, undefined, now, {
    ...writes,
    headers: { 'azure-asyncoperation': urls.asyncOperation, location: urls.location, 'retry-after': retryAfter(ctx, operation) },
  });
}

function findOperation(ctx: ArmContext, match: RouteMatch): SimOperation | undefined {
  return ctx.state.operations.find((operation) => operation.id === match.operationId && operation.subscriptionId.toLowerCase() === match.subscriptionId.toLowerCase());
}

/** The async operation the route names; when there is none, null, and the 404 ARM gives has been sent. */
function operationOrSent404(ctx: ArmContext, { match, res }: Request, now: number): SimOperation | null {
  const operation = findOperation(ctx, match);
  if (operation) return operation;
  sendJson(res, 404, armError('OperationNotFound', `The async operation '${match.operationId ?? ''}' was not found.`), now, { quota: 'reads' });
  return null;
}

function operationStatus(ctx: ArmContext, request: Request): void {
  const { res } = request;
  const now = ctx.clock.now();
  const operation = operationOrSent404(ctx, request, now);
  if (!operation) return;
  if (operation.status === 'Running') {
    sendJson(res, 200, { status: 'Running' }, now, { quota: 'reads', headers: { 'retry-after': retryAfter(ctx, operation) } });
  } else if (operation.status === 'Succeeded') {
    sendJson(res, 200, { status: 'Succeeded' }, now, { quota: 'reads' });
  } else {
    sendJson(res, 200, { status: 'Failed', error: { ...operation.error } }, now, { quota: 'reads' });
  }
}

function operationResult(ctx: ArmContext, request: Request): void {
  const { url, res } = request;
  const now = ctx.clock.now();
  const operation = operationOrSent404(ctx, request, now);
  if (!operation) return;
  if (operation.status === 'Running') {
    const location = operationUrls(ctx, operation, url.query.get('api-version') ?? '').location;
    sendJson(res, 202, undefined, now, { quota: 'reads', headers: { location, 'retry-after': retryAfter(ctx, operation) } });
  } else if (operation.status === 'Succeeded') {
    sendJson(res, 200, undefined, now, { quota: 'reads' });
  } else {
    sendJson(res, 400, iotHubError(operation.error.code, 'BadRequest', operation.error.message), now, { quota: 'reads' });
  }
}

/** The hub a request is about (for fault matching and the request log), when it names one. */
export function hubNameFor(ctx: ArmContext, match: RouteMatch): string | null {
  if (match.hubName !== null) return match.hubName;
  if (match.operationId !== null) return findOperation(ctx, match)?.hubName ?? null;
  return null;
}

export function handleArm(ctx: ArmContext, request: Request): void {
  settleOperations(ctx.state, ctx.clock.now());
  switch (request.match.route) {
    case 'hubs.listBySubscription':
    case 'hubs.listByResourceGroup':
      return listHubs(ctx, request);
    case 'hubs.get':
      return getHub(ctx, request);
    case 'health.current':
      return currentHealth(ctx, request);
    case 'events.list':
      return listEvents(ctx, request);
    case 'failover.start':
      return startFailover(ctx, request);
    case 'failover.status':
      return operationStatus(ctx, request);
    case 'failover.result':
      return operationResult(ctx, request);
  }
}
