// Deliveries as they arrived, persisted before the webhook answers 202: a crash after the answer loses
// nothing, since whatever has not been processed is found again by the sweeper (at start and every few
// seconds). The document's key is a hash of the delivery key, so creating it is also the dedupe: a second
// copy of the same alert (Azure's retry, another action group, another bot instance) finds it there.
import { createHash } from 'node:crypto';
import type { StateStore } from '../core/store.ts';
import { isStoreConflict, updateDocument } from '../core/store.ts';
import type { AlertSignal } from './signal.ts';

export const DELIVERY_PREFIX = 'alerts/delivery/';

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

export type AcceptOutcome = 'stored' | 'duplicate';

/** Persists a new delivery; a delivery already there is a duplicate. Throws when the store fails. */
export async function storeDelivery(store: StateStore, deliveryKey: string, signal: AlertSignal, now: number): Promise<AcceptOutcome> {
  const record: DeliveryRecord = { key: deliveryKey, receivedAt: new Date(now).toISOString(), signal, state: 'pending', outcome: null, claim: null, attempts: 0, notBefore: null };
  try {
    await store.create(deliveryDocumentKey(deliveryKey), record);
    return 'stored';
  } catch (error) {
    if (isStoreConflict(error)) return 'duplicate';
    throw error;
  }
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

/** Processed: the signal is dropped, the record stays (for the dedupe) until it is purged. */
export async function finishDelivery(store: StateStore, documentKey: string, outcome: string): Promise<void> {
  await updateDocument<DeliveryRecord>(store, documentKey, (current) =>
    current === undefined || current.state === 'done' ? undefined : { ...current, state: 'done', outcome, signal: null, claim: null, notBefore: null },
  );
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

/** The deliveries received since `from` (ms), oldest first: what the sweeper looks at. */
export async function listDeliveries(store: StateStore, from: number, now: number): Promise<{ documentKey: string; record: DeliveryRecord }[]> {
  const keys = await store.listKeys(DELIVERY_PREFIX, { from, to: now + 60_000 });
  const found: { documentKey: string; record: DeliveryRecord }[] = [];
  // Read in small batches: a sweep after an outage may find hundreds.
  for (let index = 0; index < keys.length; index += 50) {
    const batch = keys.slice(index, index + 50).map((key) => key.key);
    const items = await store.read<DeliveryRecord>(batch);
    for (const key of batch) {
      const item = items.get(key);
      if (item) found.push({ documentKey: key, record: item.value });
    }
  }
  return found;
}

export function isClaimable(record: DeliveryRecord, instanceId: string, now: number): boolean {
  return claimable(record, instanceId, now);
}
