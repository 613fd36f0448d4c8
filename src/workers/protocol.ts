// Messages between the diagnosis pool and its workers (structured clones: plain data only).
import type { PasteDiagnosis } from './diagnoser.ts';

/** Pool → worker: one paste to read. */
export interface PasteJob {
  id: number;
  paste: string;
}

/** Worker → pool. */
export type WorkerMessage =
  /** The worker has loaded (and warmed up) the pipeline: it may be given pastes. */
  | { kind: 'ready' }
  | { kind: 'diagnosed'; id: number; result: PasteDiagnosis }
  /** The pipeline threw on this paste; the worker goes on. */
  | { kind: 'failed'; id: number };

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'ready') return true;
  return (kind === 'diagnosed' || kind === 'failed') && typeof (value as { id?: unknown }).id === 'number';
}

export function isPasteJob(value: unknown): value is PasteJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as { id?: unknown; paste?: unknown };
  return typeof job.id === 'number' && typeof job.paste === 'string';
}
