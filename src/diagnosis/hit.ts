// One piece of evidence found in the text, and what it means.
import type { Candidate } from './classify.ts';
import type { EvidenceKind } from './types.ts';

export interface Hit {
  index: number;
  end: number;
  kind: EvidenceKind;
  /** The matched text (from redacted text), used as evidence. */
  text: string;
  candidate: Candidate;
}

export function hit(index: number, text: string, kind: EvidenceKind, candidate: Candidate): Hit {
  return { index, end: index + text.length, kind, text, candidate };
}
