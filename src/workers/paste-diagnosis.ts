// The paste pipeline itself: redaction first, then the diagnosis. Pure and synchronous, which is why the bot
// never runs it on its own thread: diagnosis-worker.ts runs it, and the pool bounds how long it may take.
// Unit tests call it directly. It imports only the diagnosis core (a worker loads nothing else).
import { diagnose } from '../diagnosis/diagnose.ts';
import { mergeSecretReports, redactSecrets } from '../diagnosis/redact.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import type { PasteDiagnoser, PasteDiagnosis, PasteLogFields } from './diagnoser.ts';

export function diagnosePaste(paste: string): PasteDiagnosis {
  const started = performance.now();
  const redaction = redactSecrets(paste);
  const found = diagnose(redaction.text);
  const diagnosis: Diagnosis = { ...found, secrets: mergeSecretReports(redaction.report, found.secrets) };
  const log: PasteLogFields = {
    findings: diagnosis.findings.map((finding) => finding.code ?? finding.name ?? 'unnamed'),
    verdict: diagnosis.verdict.kind,
    secrets: diagnosis.secrets.count,
    inputChars: diagnosis.inputChars,
    diagnoseMs: Math.round(performance.now() - started),
  };
  return { diagnosis, log };
}

/** The pipeline on the calling thread, without a budget: unit tests of the reply code, offline tools. */
export const diagnoseInProcess: PasteDiagnoser = async (paste) => ({ kind: 'diagnosed', diagnosed: diagnosePaste(paste) });
