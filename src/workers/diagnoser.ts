// The port through which the bot diagnoses a paste: the reply code takes a PasteDiagnoser and never runs the
// pipeline itself. In the bot it is the worker pool (diagnosis-pool.ts); unit tests pass diagnoseInProcess.
import type { Diagnosis } from '../diagnosis/types.ts';

/** Log fields describing a diagnosis: codes, verdict, counts, durations. Never text from the paste. */
export type PasteLogFields = Record<string, string | number | boolean | null | (string | number)[]>;

/** A paste, redacted then diagnosed, with the log fields that describe it. Plain data (crosses threads). */
export interface PasteDiagnosis {
  diagnosis: Diagnosis;
  log: PasteLogFields;
}

/**
 * Why a paste was not read:
 * - over-budget: reading it took longer than the budget (the worker reading it was stopped);
 * - busy: every worker was busy and the queue full, or the budget ran out before a worker was free;
 * - failed: the worker reading it failed (an exception, out of memory, a crash).
 */
export type NotReadReason = 'over-budget' | 'busy' | 'failed';

export type PasteDiagnosisOutcome =
  | { kind: 'diagnosed'; diagnosed: PasteDiagnosis }
  | { kind: 'not-read'; reason: NotReadReason; budgetMs: number };

export type NotRead = Extract<PasteDiagnosisOutcome, { kind: 'not-read' }>;

/** Resolves within the diagnoser's budget, never rejects. */
export type PasteDiagnoser = (paste: string) => Promise<PasteDiagnosisOutcome>;
