// Deliveries as they arrived, persisted before the webhook answers 202: a crash after the answer loses
// nothing, since whatever has not been processed is found again by the sweeper (at start and every few
// seconds). The document's key is a hash of the delivery key, so creating it is also the dedupe: a second
// copy of the same alert (Azure's retry, another action group, another bot instance) finds it there.
// Each delivery not yet processed also has a pending marker (an empty document under its own prefix, the
// same hash), deleted once it is done: the sweeper lists those keys only, so it reads the deliveries still to
// do, not the 48 hours of processed ones kept for the dedupe.
import { createHash } from 'node:crypto';
import type { StateStore } from '../core/store.ts';
import { createIfAbsent, updateDocument } from '../core/store.ts';
import type { AlertSignal } from './signal.ts';

export const DELIVERY_PREFIX = 'alerts/delivery/';
export const PENDING_PREFIX = 'alerts/pending/';
/** A marker whose delivery was never written (a crash between the two writes) is cleared after this. */
const ORPHAN_MARKER_MS = 5 * 60 * 1000;

export interface DeliveryRecord {
  /** The delivery key (see deliveryKey()): alert ids, never a secret. */
  key: string;
  receivedAt: string;
  /** What arrived; dropped once processed. */
  signal: AlertSignal | null;
  state: 'pending' | 'done';
  /** What processing made of it (opened, updated, duplicate, unknown-hub…). */
  outcome: string | null;
  /** The bot instance working on it, until when. */
  claim: { by: string; until: string } | null;
  attempts: number;
  /** After a failed attempt: not before this time. */
  notBefore: string | null;
}

export function deliveryDocumentKey(deliveryKey: string): string {
  return `${DELIVERY_PREFIX}${createHash('sha256').update(deliveryKey, 'utf8').digest('hex')}`;
}

/** The pending marker of a delivery document, and back. */
export function pendingMarkerKey(documentKey: string): string {
  return `${PENDING_PREFIX}${documentKey.slice(DELIVERY_PREFIX.length)}`;
}

export function documentKeyOfMarker(markerKey: string): string {
  return `${DELIVERY_PREFIX}${markerKey.slice(PENDING_PREFIX.length)}`;
}

export type AcceptOutcome = 'stored' | 'duplicate';


/**
 * Persists a new delivery; a delivery already there is a duplicate. Throws when the store fails. The marker
 * is written first: a crash between the two leaves a marker the sweeper clears, never a delivery it misses.
 */
export async function storeDelivery(store: StateStore, deliveryKey: string, signal: AlertSignal, now: number): Promise<AcceptOutcome> {
  const documentKey = deliveryDocumentKey(deliveryKey);
  const record: DeliveryRecord = { key: deliveryKey, receivedAt: new Date(now).toISOString(), signal, state: 'pending', outcome: null, claim: null, attempts: 0, notBefore: null };
  const marked = await createIfAbsent(store, pendingMarkerKey(documentKey), {});
  if (await createIfAbsent(store, documentKey, record)) return 'stored';
  // A copy of a delivery already processed (its marker gone): the marker just written has nothing to mark.
  if (marked) await store.delete(pendingMarkerKey(documentKey));
  return 'duplicate';
}

function claimable(record: DeliveryRecord, instanceId: string, now: number): boolean {
  if (record.state !== 'pending' || record.signal === null) return false;
  if (record.notBefore !== null && Date.parse(record.notBefore) > now) return false;
  return record.claim === null || record.claim.by === instanceId || Date.parse(record.claim.until) <= now;
}

/** Takes the delivery for this instance (compare-and-set), or null when it is done or someone else has it. */
export async function claimDelivery(store: StateStore, documentKey: string, instanceId: string, now: number, leaseMs: number): Promise<DeliveryRecord | null> {
  let claimed: DeliveryRecord | null = null;
  await updateDocument<DeliveryRecord>(store, documentKey, (current) => {
    claimed = null;
    if (current === undefined || !claimable(current, instanceId, now)) return undefined;
    claimed = { ...current, claim: { by: instanceId, until: new Date(now + leaseMs).toISOString() }, attempts: current.attempts + 1 };
    return claimed;
  });
  return claimed;
}

/** Processed: the signal is dropped, the record stays (for the dedupe) until it is purged; the marker goes. */
export async function finishDelivery(store: StateStore, documentKey: string, outcome: string): Promise<void> {
  await updateDocument<DeliveryRecord>(store, documentKey, (current) =>
    current === undefined || current.state === 'done' ? undefined : { ...current, state: 'done', outcome, signal: null, claim: null, notBefore: null },
  );
  await store.delete(pendingMarkerKey(documentKey));
}

/** Still working on it: the claim is extended; false when it is no longer this instance's (lease lost). */
export async function renewDelivery(store: StateStore, documentKey: string, instanceId: string, now: number, leaseMs: number): Promise<boolean> {
  let held = false;
  await updateDocument<DeliveryRecord>(store, documentKey, (current) => {
    held = current !== undefined && current.state === 'pending' && current.claim?.by === instanceId;
    return held && current ? { ...current, claim: { by: instanceId, until: new Date(now + leaseMs).toISOString() } } : undefined;
  });
  return held;
}

/** Failed this time: released, to be tried again after `retryAfterMs`. */
export async function releaseDelivery(store: StateStore, documentKey: string, instanceId: string, now: number, retryAfterMs: number): Promise<void> {
  await updateDocument<DeliveryRecord>(store, documentKey, (current) =>
    current === undefined || current.state === 'done' || current.claim?.by !== instanceId
      ? undefined
      : { ...current, claim: null, notBefore: new Date(now + retryAfterMs).toISOString() },
  );
}

/**
 * The deliveries with a pending marker, oldest first, except `skip` (those this instance is working on):
 * what the sweeper looks at. A marker whose delivery is done or gone is cleared on the way.
 */
export async function listPendingDeliveries(store: StateStore, now: number, skip: ReadonlySet<string>): Promise<{ documentKey: string; record: DeliveryRecord }[]> {
  const markers = await store.listKeys(PENDING_PREFIX, { from: 0, to: now + 60_000 });
  const writtenAt = new Map(markers.map((marker) => [documentKeyOfMarker(marker.key), marker.writtenAt]));
  const keys = [...writtenAt.keys()].filter((key) => !skip.has(key));
  const found: { documentKey: string; record: DeliveryRecord }[] = [];
  // Read in small batches: a sweep after an outage may find hundreds.
  for (let index = 0; index < keys.length; index += 50) {
    const batch = keys.slice(index, index + 50);
    const items = await store.read<DeliveryRecord>(batch);
    for (const key of batch) {
      const item = items.get(key);
      if (item?.value.state === 'pending') found.push({ documentKey: key, record: item.value });
      // A marker without its delivery may be one being received right now (the marker is written first).
      else if (item !== undefined || (writtenAt.get(key) ?? now) < now - ORPHAN_MARKER_MS) await store.delete(pendingMarkerKey(key));
    }
  }
  return found;
}

export function isClaimable(record: DeliveryRecord, instanceId: string, now: number): boolean {
  return claimable(record, instanceId, now);
}
