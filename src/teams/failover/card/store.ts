// What Teams needs about a request's message besides the workflow record: the card it was proposed on (so
// updates keep the diagnosis and only replace the failover section), and whether the conversation is small
// enough for Teams to refresh it for everyone. (Documents written before the failback was linked on the
// failover record also hold a failbackRequestId, which nothing reads.)
// One small document per request, next to the record: `teams/failover-card/<request id>`.
import { isRequestId } from '../../../failover/index.ts';
import { isStoreConflict } from '../../../core/store.ts';
import type { StateStore } from '../../../core/store.ts';
import { updateDocument } from '../../../core/store.ts';
import type { AdaptiveCard } from '../../cards/index.ts';

export interface RequestCardDocument {
  /**
   * The diagnosis/health card as posted (with its failover slot; stored without the slot's items and the
   * refresh, which every render replaces: see storableBase); null when posted without one.
   */
  base: AdaptiveCard | null;
  /** The conversation has at most 60 members: a card without refresh.userIds refreshes for everyone. */
  smallConversation: boolean;
}

export function cardDocumentKey(requestId: string): string {
  if (!isRequestId(requestId)) throw new Error('invalid request id');
  return `teams/failover-card/${requestId}`;
}

export async function readCardDocument(store: StateStore, requestId: string): Promise<RequestCardDocument | null> {
  if (!isRequestId(requestId)) return null;
  return (await store.get<RequestCardDocument>(cardDocumentKey(requestId)))?.value ?? null;
}

export async function writeCardDocument(store: StateStore, requestId: string, document: RequestCardDocument): Promise<void> {
  await updateDocument<RequestCardDocument>(store, cardDocumentKey(requestId), () => document);
}

/**
 * The document of a request whose card was just posted: one create (a proposal's id is new), without the
 * read-before-write of writeCardDocument. Should it exist after all (a storage SDK retrying a create that
 * had landed), it is replaced.
 */
export async function createCardDocument(store: StateStore, requestId: string, document: RequestCardDocument): Promise<void> {
  try {
    await store.create(cardDocumentKey(requestId), document);
  } catch (error) {
    if (!isStoreConflict(error)) throw error;
    await writeCardDocument(store, requestId, document);
  }
}
