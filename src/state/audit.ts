// The append-only audit trail on top of the StateStore port.
//
// Layout: one document per UTC day, split in chunks of at most AUDIT_CHUNK_MAX records
// (`audit/day/2026-05-01/0`, `/1`, ...), and one small index `audit/days` mapping each day to its number of
// chunks (readers find the days from it; listing keys is for housekeeping, not for turns). An append is a compare-and-set on the
// day's last chunk, retried on conflict; a new day or a full chunk is first registered in the index (CAS),
// then created (create-if-absent), so two processes appending at once both land and neither overwrites the
// other. Record ids are assigned once before the first attempt; an append that is retried after an
// ambiguous write skips ids already present, and readers also de-duplicate by id.
// Per-day documents keep appends cheap (one CAS), range exports read only the days asked for, and the
// limits query (last 24 h) reads two days.
import { randomUUID } from 'node:crypto';
import { isStoreConflict } from '../core/store.ts';
import type { AuditDraft, AuditLog, AuditRecord, SuccessFact } from '../failover/index.ts';
import type { StateStore } from '../core/store.ts';
import { CAS_MAX_ATTEMPTS, backoff, updateDocument } from '../core/store.ts';

export { auditToCsv, auditToJson, csvCell, AUDIT_CSV_COLUMNS } from './audit-export.ts';

export const AUDIT_INDEX_KEY = 'audit/days';
export const AUDIT_CHUNK_MAX = 500;
const DAY_BATCH = 7;

interface DaysIndex {
  /** Day (YYYY-MM-DD, UTC) → number of chunks. */
  days: Record<string, number>;
}

interface Chunk {
  records: AuditRecord[];
}

export function auditChunkKey(day: string, chunk: number): string {
  return `audit/day/${day}/${chunk}`;
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function normalizeAt(at: string): string {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`audit: invalid timestamp ${JSON.stringify(at)}`);
  return new Date(ms).toISOString();
}

function sameHub(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface AuditLogOptions {
  newId?: () => string;
  /** Records per chunk document (tests use a small number to exercise roll-over). */
  chunkMax?: number;
}

export function createAuditLog(store: StateStore, options: AuditLogOptions = {}): AuditLog {
  const newId = options.newId ?? randomUUID;
  const chunkMax = options.chunkMax ?? AUDIT_CHUNK_MAX;

  const readIndex = async (): Promise<DaysIndex> => (await store.get<DaysIndex>(AUDIT_INDEX_KEY))?.value ?? { days: {} };

  /** Sets days[day] to `chunks` if it is still `expected` (index CAS); someone else having moved it is fine. */
  const bumpDay = async (day: string, expected: number, chunks: number): Promise<void> => {
    await updateDocument<DaysIndex>(store, AUDIT_INDEX_KEY, (current) => {
      const days = current?.days ?? {};
      if ((days[day] ?? 0) !== expected) return undefined;
      return { days: { ...days, [day]: chunks } };
    });
  };

  const appendToDay = async (day: string, records: AuditRecord[]): Promise<void> => {
    for (let attempt = 0; attempt < CAS_MAX_ATTEMPTS; attempt++) {
      const chunks = (await readIndex()).days[day] ?? 0;
      if (chunks === 0) {
        await bumpDay(day, 0, 1);
        continue;
      }
      const key = auditChunkKey(day, chunks - 1);
      const item = await store.get<Chunk>(key);
      try {
        if (!item) {
          await store.create<Chunk>(key, { records });
          return;
        }
        const present = new Set(item.value.records.map((record) => record.id));
        const missing = records.filter((record) => !present.has(record.id));
        if (missing.length === 0) return;
        if (item.value.records.length > 0 && item.value.records.length + missing.length > chunkMax) {
          await bumpDay(day, chunks, chunks + 1);
          continue;
        }
        // A conflict here may also be our own write retried by the SDK: the next round finds the ids present.
        await store.write<Chunk>(key, { records: [...item.value.records, ...missing] }, item.eTag);
        return;
      } catch (error) {
        if (!isStoreConflict(error)) throw error;
        await backoff(attempt);
      }
    }
    throw new Error(`audit: could not append to ${day} after ${CAS_MAX_ATTEMPTS} attempts`);
  };

  const readDays = async (index: DaysIndex, days: readonly string[]): Promise<AuditRecord[]> => {
    const keys = days.flatMap((day) => Array.from({ length: index.days[day] ?? 0 }, (_unused, chunk) => auditChunkKey(day, chunk)));
    if (keys.length === 0) return [];
    const items = await store.read<Chunk>(keys);
    const seen = new Set<string>();
    const records: AuditRecord[] = [];
    for (const key of keys) {
      for (const record of items.get(key)?.value.records ?? []) {
        if (seen.has(record.id)) continue;
        seen.add(record.id);
        records.push(record);
      }
    }
    return records;
  };

  const byTime = (a: AuditRecord, b: AuditRecord): number => Date.parse(a.at) - Date.parse(b.at);

  const range = async (from: number, to: number): Promise<AuditRecord[]> => {
    if (!(to > from)) return [];
    const index = await readIndex();
    const first = dayOf(from);
    const last = dayOf(to - 1);
    const days = Object.keys(index.days).filter((day) => day >= first && day <= last).sort();
    const records = await readDays(index, days);
    return records.filter((record) => Date.parse(record.at) >= from && Date.parse(record.at) < to).sort(byTime);
  };

  return {
    async append(drafts: readonly AuditDraft[]) {
      const records = drafts.map((draft): AuditRecord => ({ ...draft, at: normalizeAt(draft.at), id: newId() }));
      const byDay = new Map<string, AuditRecord[]>();
      for (const record of records) {
        const day = record.at.slice(0, 10);
        byDay.set(day, [...(byDay.get(day) ?? []), record]);
      }
      for (const [day, dayRecords] of byDay) await appendToDay(day, dayRecords);
      return records;
    },

    async latest(limit: number, options: { hubId?: string } = {}) {
      if (limit <= 0) return [];
      const index = await readIndex();
      const days = Object.keys(index.days).sort().reverse();
      const hubId = options.hubId;
      const collected: AuditRecord[] = [];
      // Days partition time, so once whole days give `limit` records, older days cannot contribute.
      for (let start = 0; start < days.length && collected.length < limit; start += DAY_BATCH) {
        const records = await readDays(index, days.slice(start, start + DAY_BATCH));
        collected.push(...records.filter((record) => hubId === undefined || sameHub(record.hubId, hubId)));
      }
      // Stable ascending sort then reverse: entries of the same millisecond come newest-appended first.
      return collected.sort(byTime).reverse().slice(0, limit);
    },

    range,

    async successesSince(hubId: string, sinceMs: number) {
      const index = await readIndex();
      const first = dayOf(sinceMs);
      const days = Object.keys(index.days).filter((day) => day >= first).sort();
      const records = await readDays(index, days);
      return records
        .filter((record) => record.kind === 'succeeded' && sameHub(record.hubId, hubId) && Date.parse(record.at) > sinceMs)
        .sort(byTime)
        .map((record): SuccessFact => ({ at: record.at, kind: record.failoverKind, requestId: record.requestId }));
    },
  };
}
