// The diagnosis pipeline: redact → normalise/unwrap → redact again → extract → classify → verdict.
// Secrets are redacted on the raw paste before anything else reads it, and once more after
// unwrapping (a secret can be hidden behind escapes no pattern anticipated); everything after
// that works on the redacted text only.
import { extractContext } from './extract-context.ts';
import { buildFindings } from './findings.ts';
import { normalizePaste } from './normalize.ts';
import { hit } from './hit.ts';
import { findOccurrenceIds } from './occurrence-ids.ts';
import { recogniseEvidence } from './recognise.ts';
import { splitRecords } from './records.ts';
import { findSdk } from './sdk-version.ts';
import { lookalikeServiceOf } from './service.ts';
import { mergeSecretReports, redactionPass } from './redact.ts';
import { findTextTriggers } from './text-triggers.ts';
import { findTimestamps, type FoundTimestamp } from './timestamps.ts';
import { unlistedError } from './unlisted-error.ts';
import type { Diagnosis, TimeSpan } from './types.ts';
import { verdictFor } from './verdict.ts';

/** Pastes longer than this are cut (and reported as truncated). */
export const DEFAULT_MAX_CHARS = 2_000_000;

export interface DiagnoseOptions {
  maxChars?: number;
}

export function diagnose(text: string, options: DiagnoseOptions = {}): Diagnosis {
  const input = typeof text === 'string' ? text : '';
  const maxChars = Math.max(0, Math.floor(options.maxChars ?? DEFAULT_MAX_CHARS));
  const truncated = input.length > maxChars;
  const scanned = truncated ? cutAt(input, maxChars) : input;

  const raw = redactionPass(scanned);
  const normalized = normalizePaste(raw.text);
  // Most pastes need no unwrapping: the second pass then reads the text the first one produced, whose
  // keywords it has already located.
  const unwrapped = redactionPass(normalized, normalized === raw.text ? raw.triggers : undefined);
  const clean = unwrapped.text;

  const timestamps = findTimestamps(clean);
  // One search for the keywords of every pattern, shared by the three stages that read them.
  const triggers = findTextTriggers(clean);
  const records = splitRecords(clean);
  const known = recogniseEvidence(clean, triggers);
  const unlisted = known.length === 0 ? unlistedError(clean) : null;
  const hits = unlisted === null ? known : [hit(unlisted.index, unlisted.name, 'sdk-exception', unlisted.candidate)];
  const ranked = buildFindings({ text: clean, hits, records, timestamps, occurrenceIds: findOccurrenceIds(clean, triggers) });

  const context = extractContext(clean, timestamps, triggers);
  // Another Azure service's error is not an IoT Hub one, whatever its status or condition says.
  const service = lookalikeServiceOf(clean, { hubHostNames: context.hubHostNames.length, catalogCode: ranked.some((r) => r.finding.family === 'iothub-code') });

  return {
    findings: ranked.map((r) => r.finding),
    context,
    secrets: mergeSecretReports(raw.report, unwrapped.report),
    verdict: service === null ? verdictFor(ranked) : { kind: 'not-iothub' },
    service,
    sdk: findSdk(clean),
    timeSpan: timeSpanOf(timestamps),
    inputChars: input.length,
    truncated,
  };
}

/** Cuts at a character bound without splitting a surrogate pair. */
function cutAt(text: string, maxChars: number): string {
  const last = text.charCodeAt(maxChars - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
}

function timeSpanOf(timestamps: readonly FoundTimestamp[]): TimeSpan | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const { iso } of timestamps) {
    if (iso === null) continue;
    if (from === null || iso < from) from = iso;
    if (to === null || iso > to) to = iso;
  }
  return from !== null && to !== null && from !== to ? { from, to } : null;
}
