// Where the workflow keeps its documents in the StateStore:
//   failover/request/<id>      one FailoverRequest per request (created once by its proposer: random id);
//                              an expired proposal nobody requested is deleted a grace period after expiry
//   failover/active            index of the requests someone asked for and that are not finished with
//                              (the store cannot list keys)
//   failover/lock/<hub>        which request holds the hub's one running failover
//
// What the index names: every record in an ACTIVE state (requested, approved, running), and finished records
// until they are dropped (after their outcome is announced, or by the sweeper). NOT proposals: a paste about
// a hub in an outage proposes a request on its card, and proposals are many, mostly never clicked, and stay
// for the whole TTL; indexing them made every paste, sweep and eligibility check read every open proposal
// (work per turn growing with the number of proposals). A proposal enters the index when it is requested:
// the engine adds it BEFORE the compare-and-set that makes it a request, so the index may name a record that
// is still (or again) a proposal — a lost race, or an index written by an older version — but never misses a
// requested, approved or running one. Such extra entries are harmless: readers filter on the state, the
// sweeper expires a due proposal it finds (which drops it) and prunes finished ones.
// An entry is only ever removed for a finished record, or for an id whose record does not exist (a writer
// that stopped between the two writes: skipped, and pruned after a grace period); never for an active one.
import { StoreConflictError, isStoreConflict } from '../core/store.ts';
import type { StateStore, StoreItem } from '../core/store.ts';
import { updateDocument } from '../core/store.ts';
import type { FailoverRequest, FailoverState } from './types.ts';

export const ACTIVE_INDEX_KEY = 'failover/active';

const REQUEST_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function isRequestId(value: string): boolean {
  return REQUEST_ID.test(value);
}

export const REQUEST_KEY_PREFIX = 'failover/request/';

export function requestKey(id: string): string {
  if (!isRequestId(id)) throw new Error('invalid request id');
  return `${REQUEST_KEY_PREFIX}${id}`;
}

/** The request id of a key listed under REQUEST_KEY_PREFIX; null for anything else. */
export function requestIdOfKey(key: string): string | null {
  if (!key.startsWith(REQUEST_KEY_PREFIX)) return null;
  const id = key.slice(REQUEST_KEY_PREFIX.length);
  return isRequestId(id) ? id : null;
}

export function hubLockKey(hubId: string): string {
  const encoded = encodeURIComponent(hubId.toLowerCase()).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `failover/lock/${encoded}`;
}

const ID_BYTES = 16;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Bytes from the CSPRNG, drawn 256 ids at a time: a getRandomValues call costs far more than 16 bytes of it,
// and every turn that proposes needs three (id and revisions). The same source, only fewer calls.
const randomPool = new Uint8Array(ID_BYTES * 256);
let randomOffset = randomPool.length;

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    text += BASE64URL[a >> 2];
    text += BASE64URL[((a & 3) << 4) | ((b ?? 0) >> 4)];
    if (b !== undefined) text += BASE64URL[((b & 15) << 2) | ((c ?? 0) >> 6)];
    if (c !== undefined) text += BASE64URL[c & 63];
  }
  return text;
}

/** 16 random bytes, base64url (22 characters): unguessable and safe in a key. */
export function newRequestId(): string {
  if (randomOffset + ID_BYTES > randomPool.length) {
    globalThis.crypto.getRandomValues(randomPool);
    randomOffset = 0;
  }
  const bytes = randomPool.subarray(randomOffset, randomOffset + ID_BYTES);
  randomOffset += ID_BYTES;
  return base64url(bytes);
}

/** States whose records are always named by the active index. */
export const ACTIVE_STATES: readonly FailoverState[] = ['requested', 'approved', 'running'];

export function isActiveState(state: FailoverState): boolean {
  return ACTIVE_STATES.includes(state);
}

interface ActiveIndex {
  entries: { id: string; since: string }[];
}

/** An indexed id without a record is pruned only after this long (its proposer may be between the two writes). */
const ORPHAN_GRACE_MS = 5 * 60_000;

interface HubLock {
  requestId: string | null;
  since: string | null;
}

/** Reads a request; a malformed id (from an untrusted card) is simply not found. */
export async function readRequest(store: StateStore, id: string): Promise<StoreItem<FailoverRequest> | undefined> {
  if (!isRequestId(id)) return undefined;
  return store.get<FailoverRequest>(requestKey(id));
}

/** Stores a new record; one created in an active state is indexed first (a proposal is not indexed). */
export async function createRequest(store: StateStore, record: FailoverRequest): Promise<void> {
  if (isActiveState(record.state)) await addActive(store, record.id, record.createdAt);
  await store.create(requestKey(record.id), record);
}

/** A transition from `from` to `to` must put the record in the index before it is written. */
export function entersIndex(from: FailoverState, to: FailoverState): boolean {
  return !isActiveState(from) && isActiveState(to);
}

/** CAS update of a record outside the workflow's transitions (card activity id, announcement time). */
export async function updateRequest(
  store: StateStore,
  id: string,
  change: (record: FailoverRequest) => FailoverRequest | undefined,
): Promise<FailoverRequest | undefined> {
  const key = requestKey(id);
  return updateDocument<FailoverRequest>(store, key, (current) => {
    const next = current ? change(current) : undefined;
    return next ? { ...next, revision: newRevision() } : undefined;
  });
}

export function newRevision(): string {
  return newRequestId();
}

/** After a conflict: is the stored record the one this writer wrote (same revision)? */
export async function revisionLanded(store: StateStore, id: string, revision: string): Promise<boolean> {
  return (await readRequest(store, id))?.value.revision === revision;
}

export async function addActive(store: StateStore, id: string, since: string): Promise<void> {
  await updateDocument<ActiveIndex>(store, ACTIVE_INDEX_KEY, (current) => {
    const entries = current?.entries ?? [];
    return entries.some((entry) => entry.id === id) ? undefined : { entries: [...entries, { id, since }] };
  });
}

export async function removeActive(store: StateStore, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await updateDocument<ActiveIndex>(store, ACTIVE_INDEX_KEY, (current) => {
    if (!current || !current.entries.some((entry) => ids.includes(entry.id))) return undefined;
    return { entries: current.entries.filter((entry) => !ids.includes(entry.id)) };
  });
}

/** Records named by the active index (any state: see the module comment). Ids without a record for a while are pruned. */
export async function readIndexed(store: StateStore, now: number): Promise<FailoverRequest[]> {
  const entries = (await store.get<ActiveIndex>(ACTIVE_INDEX_KEY))?.value.entries ?? [];
  const valid = entries.filter((entry) => isRequestId(entry.id));
  const items = await store.read<FailoverRequest>(valid.map((entry) => requestKey(entry.id)));
  const records: FailoverRequest[] = [];
  const orphans: string[] = entries.filter((entry) => !isRequestId(entry.id)).map((entry) => entry.id);
  for (const entry of valid) {
    const item = items.get(requestKey(entry.id));
    if (item) records.push(item.value);
    else if (now - Date.parse(entry.since) >= ORPHAN_GRACE_MS) orphans.push(entry.id);
  }
  await removeActive(store, orphans);
  return records;
}

export type LockResult = { acquired: true } | { acquired: false; holder: string };

/**
 * Takes the hub's lock for `requestId`. A lock held by a request that is finished (or gone) is stale and
 * taken over; `holderIsLive` decides that from the holder's record.
 */
export async function acquireHubLock(
  store: StateStore,
  hubId: string,
  requestId: string,
  now: string,
  holderIsLive: (holderId: string) => Promise<boolean>,
): Promise<LockResult> {
  const key = hubLockKey(hubId);
  for (let attempt = 0; attempt < 50; attempt++) {
    const item = await store.get<HubLock>(key);
    const holder = item?.value.requestId ?? null;
    if (holder !== null && holder !== requestId && (await holderIsLive(holder))) return { acquired: false, holder };
    if (holder === requestId) return { acquired: true };
    const next: HubLock = { requestId, since: now };
    try {
      if (item) await store.write(key, next, item.eTag);
      else await store.create(key, next);
      return { acquired: true };
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
  }
  throw new StoreConflictError(key, 'etag-mismatch');
}

/** Frees the hub's lock if (and only if) `requestId` holds it. */
export async function releaseHubLock(store: StateStore, hubId: string, requestId: string): Promise<void> {
  await updateDocument<HubLock>(store, hubLockKey(hubId), (current) =>
    current && current.requestId === requestId ? { requestId: null, since: null } : undefined,
  );
}

export async function hubLockHolder(store: StateStore, hubId: string): Promise<string | null> {
  return (await store.get<HubLock>(hubLockKey(hubId)))?.value.requestId ?? null;
}
