// The Teams user behind an activity, as the failover workflow knows them.
import type { Actor } from '../../failover/index.ts';

export function actorOf(from: { id?: string; name?: string; aadObjectId?: string } | undefined): Actor | null {
  if (!from || typeof from.id !== 'string' || from.id === '') return null;
  const aadObjectId = typeof from.aadObjectId === 'string' && from.aadObjectId !== '' ? from.aadObjectId : null;
  return { id: from.id, name: typeof from.name === 'string' ? from.name : '', aadObjectId };
}
