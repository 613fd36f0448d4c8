// What Teams needs about a request's message besides the workflow record: the model of the card it was
// proposed on (so every update renders the diagnosis again and only the failover section changes), and
// whether the conversation is small enough for Teams to refresh it for everyone.
// One small document per request, next to the record: `teams/failover-card/<request id>`. Documents written
// by earlier versions hold the card as posted (`base`) instead of its model, and a failbackRequestId: neither
// is read (such a request's card is rendered on its own).
import { isRequestId } from '../../../failover/index.ts';
import { isStoreConflict } from '../../../core/store.ts';
import type { StateStore } from '../../../core/store.ts';
import { updateDocument } from '../../../core/store.ts';
import type { HostCardModel } from '../../cards/index.ts';

export interface RequestCardDocument {
  /** The diagnosis or health card the request was proposed on, as the model it is rendered from; null when none. */
  host: HostCardModel | null;
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
