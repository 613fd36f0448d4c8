// Delivers card updates and outcome announcements without ever holding up the workflow. Per request:
// card updates are coalesced (only the newest version is sent), sent in order before the announcement,
// and retried with backoff; a notifier failure is logged, never thrown. What is given up on is recovered
// from the store: finished requests stay in the active index until their outcome is announced, and the
// sweeper / resumeInFlight offer them again.
import type { FailoverNotifier } from './ports.ts';
import type { Sleep } from '../core/clock.ts';
import type { FailoverRequest } from './types.ts';

export type LogFn = (event: string, fields: Record<string, unknown>) => void;

export interface NotificationQueue {
  changed(record: FailoverRequest): void;
  announce(record: FailoverRequest): void;
  /** Resolves when nothing is queued or being sent. */
  idle(): Promise<void>;
  /** Stops retrying; resolves when the sends in progress have returned. */
  stop(): Promise<void>;
}

export interface NotificationQueueDeps {
  notifier: FailoverNotifier;
  sleep: Sleep;
  log: LogFn;
  /** Called once an announcement went out (the service records it on the request). */
  onAnnounced: (record: FailoverRequest) => Promise<void>;
  /** Pauses between attempts; attempts = delays + 1. */
  retryDelaysMs?: readonly number[];
}

interface Slot {
  card: FailoverRequest | null;
  announcement: FailoverRequest | null;
  sentVersion: number;
  worker: Promise<void> | null;
}

export function errorSummary(error: unknown): { errorName: string; errorMessage: string } {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message.split('\n')[0]?.slice(0, 200) ?? '' };
  return { errorName: typeof error, errorMessage: String(error).slice(0, 200) };
}

export function createNotificationQueue(deps: NotificationQueueDeps): NotificationQueue {
  const delays = deps.retryDelaysMs ?? [1_000, 5_000, 15_000, 60_000, 300_000];
  const slots = new Map<string, Slot>();
  const announced = new Set<string>();
  const stopping = new AbortController();

  const slotFor = (id: string): Slot => {
    let slot = slots.get(id);
    if (!slot) {
      slot = { card: null, announcement: null, sentVersion: 0, worker: null };
      slots.set(id, slot);
    }
    return slot;
  };

  /** true: sent; false: given up (or superseded by a newer card). */
  const attempt = async (what: 'requestChanged' | 'announceOutcome', record: FailoverRequest, superseded: () => boolean): Promise<boolean> => {
    for (let index = 0; ; index++) {
      try {
        if (what === 'requestChanged') await deps.notifier.requestChanged(record);
        else await deps.notifier.announceOutcome(record);
        return true;
      } catch (error) {
        const delay = delays[index];
        deps.log('failover.notify.failed', { requestId: record.id, what, attempt: index + 1, willRetry: delay !== undefined, ...errorSummary(error) });
        if (delay === undefined || stopping.signal.aborted) return false;
        try {
          await deps.sleep(delay, stopping.signal);
        } catch {
          return false;
        }
        if (superseded()) return false;
      }
    }
  };

  const work = async (id: string, slot: Slot): Promise<void> => {
    while (!stopping.signal.aborted) {
      const card = slot.card;
      if (card) {
        slot.card = null;
        if (card.version < slot.sentVersion) continue;
        const sent = await attempt('requestChanged', card, () => slot.card !== null);
        if (sent) slot.sentVersion = card.version;
        continue;
      }
      const announcement = slot.announcement;
      if (announcement) {
        slot.announcement = null;
        if (announced.has(id)) continue;
        if (await attempt('announceOutcome', announcement, () => false)) {
          announced.add(id);
          try {
            await deps.onAnnounced(announcement);
          } catch (error) {
            deps.log('failover.notify.record-failed', { requestId: id, ...errorSummary(error) });
          }
        }
        continue;
      }
      break;
    }
  };

  const ensureWorker = (id: string, slot: Slot): void => {
    if (slot.worker || stopping.signal.aborted) return;
    slot.worker = work(id, slot).finally(() => {
      slot.worker = null;
      if (slot.card || slot.announcement) ensureWorker(id, slot);
      else slots.delete(id);
    });
  };

  return {
    changed(record) {
      const slot = slotFor(record.id);
      if (!slot.card || record.version >= slot.card.version) slot.card = record;
      ensureWorker(record.id, slot);
    },
    announce(record) {
      if (announced.has(record.id)) return;
      const slot = slotFor(record.id);
      slot.announcement = record;
      ensureWorker(record.id, slot);
    },
    async idle() {
      for (;;) {
        const workers = [...slots.values()].map((slot) => slot.worker).filter((worker): worker is Promise<void> => worker !== null);
        if (workers.length === 0) return;
        await Promise.all(workers);
      }
    },
    async stop() {
      stopping.abort(new Error('notifications stopped'));
      await Promise.all([...slots.values()].map((slot) => slot.worker ?? Promise.resolve()));
    },
  };
}
