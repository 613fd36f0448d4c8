// Which hub a paste (or a `health` command) is about, and its health, within a time budget: the reply must
// arrive within seconds even when ARM hangs, so every wait here races a deadline and a late answer is
// reported as "health unavailable: timeout" instead of holding the turn.
import { DeadlineExceeded, beforeDeadline } from '../../core/abort.ts';
import type { ExtractedContext } from '../../diagnosis/types.ts';
import type { HealthFailureReason, HealthSource, Hub, HubDirectory, HubHealthResult, HubQuery, HubResolution } from '../../diagnosis/hub.ts';
import type { HubCardPart } from '../cards/types.ts';

export interface HubLookupDeps {
  directory: HubDirectory;
  health: HealthSource;
}

/** The hub the paste names, most specific first: resource id, then host name, then bare hub name. */
export function hubQueryFromContext(context: ExtractedContext): HubQuery | null {
  const resourceId = context.hubResourceIds[0];
  if (resourceId) return { kind: 'resourceId', value: resourceId };
  const hostName = context.hubHostNames[0];
  if (hostName) return { kind: 'hostName', value: hostName };
  const name = context.hubNames[0];
  if (name) return { kind: 'name', value: name };
  return null;
}

function failure(hub: Hub | null, reason: HealthFailureReason, detail: string): HubCardPart {
  const result: HubHealthResult = { ok: false, hub, reason, detail, retryAfterSeconds: null };
  return { kind: 'health', result };
}

function failureOf(error: unknown, hub: Hub | null, budgetMs: number): HubCardPart {
  if (error instanceof DeadlineExceeded) return failure(hub, 'timeout', `no answer from Azure within ${Math.round(budgetMs / 100) / 10} s`);
  return failure(hub, 'unknown', 'the lookup failed');
}

async function healthOf(hub: Hub, deps: HubLookupDeps, signal: AbortSignal, budgetMs: number): Promise<HubCardPart> {
  try {
    const result = await beforeDeadline(deps.health.current(hub, { signal }), signal);
    return { kind: 'health', result };
  } catch (error) {
    return failureOf(error, hub, budgetMs);
  }
}

export interface LookupOptions {
  budgetMs: number;
  /** When the paste names no hub: list the known hubs (one → its health, several → a choice). */
  offerChoiceWhenUnnamed: boolean;
}

export interface HubLookupOutcome {
  part: HubCardPart;
  /** The hub the card is about, when one was identified (for logs and, later, the failover request). */
  hub: Hub | null;
}

function outcome(part: HubCardPart): HubLookupOutcome {
  if (part.kind === 'health') return { part, hub: part.result.hub };
  return { part, hub: null };
}

/** Resolves a named hub and fetches its health, all within the budget. */
export async function lookupNamedHub(query: HubQuery, deps: HubLookupDeps, budgetMs: number): Promise<HubLookupOutcome> {
  const signal = AbortSignal.timeout(budgetMs);
  let resolution: HubResolution;
  try {
    resolution = await beforeDeadline(deps.directory.resolve(query, signal), signal);
  } catch (error) {
    return outcome(failureOf(error, null, budgetMs));
  }
  switch (resolution.kind) {
    case 'found':
      return outcome(await healthOf(resolution.hub, deps, signal, budgetMs));
    case 'unknown':
      return outcome({ kind: 'unknown', query: resolution.query, searchedSubscriptions: resolution.searchedSubscriptions });
    case 'ambiguous':
      return outcome({ kind: 'ambiguous', candidates: resolution.candidates });
    case 'failed':
      return outcome(failure(null, resolution.reason, resolution.detail));
  }
}

/** Lists the known hubs within the budget: one hub → its health; several → a choice; none → nothing. */
export async function lookupUnnamedHub(deps: HubLookupDeps, budgetMs: number): Promise<HubLookupOutcome> {
  const signal = AbortSignal.timeout(budgetMs);
  let hubs: Hub[];
  try {
    hubs = await beforeDeadline(deps.directory.list(signal), signal);
  } catch (error) {
    return outcome(failureOf(error, null, budgetMs));
  }
  const [only] = hubs;
  if (hubs.length === 1 && only) return outcome(await healthOf(only, deps, signal, budgetMs));
  if (hubs.length > 1) return outcome({ kind: 'ambiguous', candidates: hubs });
  return outcome({ kind: 'none' });
}

/** The hub part of a diagnosis card. */
export async function lookupHubForPaste(context: ExtractedContext, deps: HubLookupDeps, options: LookupOptions): Promise<HubLookupOutcome> {
  const query = hubQueryFromContext(context);
  if (query) return lookupNamedHub(query, deps, options.budgetMs);
  if (options.offerChoiceWhenUnnamed) return lookupUnnamedHub(deps, options.budgetMs);
  return outcome({ kind: 'none' });
}

/**
 * The lookup's outcome when it is known at once, else null (it is still waiting for Azure). "At once" means
 * before the event loop turns: a lookup answered from the caches (hub inventory, health) settles in
 * microtasks, one that needs ARM does not, whatever the machine's speed.
 */
export async function answeredAtOnce(lookup: Promise<HubLookupOutcome>): Promise<{ outcome: HubLookupOutcome } | null> {
  const turn = new Promise<null>((resolve) => setImmediate(() => resolve(null)));
  return Promise.race([lookup.then((outcome) => ({ outcome })), turn]);
}
