// Evidence → findings. Hits are placed in their record (records.ts), merged per record
// (record-merge.ts), then equal errors across records add up to one finding with a count.
// An error whose tracking/correlation id was already counted is not counted again.
import { severityRank, type Candidate, type Category } from './classify.ts';
import type { OccurrenceId } from './occurrence-ids.ts';
import type { Hit } from './recognise.ts';
import { TextMemo } from './memo.ts';
import { mergeRecordHits, newWordingMemo, SPECIFICITY, type MergedError, type PlacedHit } from './record-merge.ts';
import { recordIndexCursor, type TextRecord } from './records.ts';
import type { FoundTimestamp } from './timestamps.ts';
import type { EvidenceKind, Finding } from './types.ts';

const MAX_EVIDENCE_PER_FINDING = 5;
const MAX_EVIDENCE_TEXT = 120;

export interface RankedFinding {
  finding: Finding;
  category: Category;
}

export interface FindingInputs {
  text: string;
  hits: readonly Hit[];
  records: readonly TextRecord[];
  timestamps: readonly FoundTimestamp[];
  occurrenceIds: readonly OccurrenceId[];
}

interface RecordFacts {
  first: string | null;
  last: string | null;
  /** null (most records): no occurrence id, and no set allocated for none. */
  ids: Set<string> | null;
}

interface Aggregate {
  candidate: Candidate;
  count: number;
  countedIds: Set<string>;
  evidence: { kind: EvidenceKind; text: string }[];
  evidenceKeys: Set<string>;
  firstSeen: string | null;
  lastSeen: string | null;
  firstIndex: number;
}

/** Drops a hit that overlaps the previous hit of the same error (two patterns reading one phrase). */
function withoutOverlaps(hits: readonly Hit[]): Hit[] {
  const lastEndByKey = new Map<string, number>();
  const kept: Hit[] = [];
  for (const h of hits) {
    const lastEnd = lastEndByKey.get(h.candidate.key);
    if (lastEnd !== undefined && h.index < lastEnd) continue;
    lastEndByKey.set(h.candidate.key, h.end);
    kept.push(h);
  }
  return kept;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineStartAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return starts[low] ?? 0;
}

const CAUSE_LINE = /^\s*(?:Caused by:|--->|---|\.\.\.|The above exception|During handling|Inner exception|at\s|raise\s|File ")/i;

/** Leading spaces and tabs of text[from, to): the indent of that stretch. */
function indentIn(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09)) at += 1;
  return at - from;
}

/** A hit counts as an occurrence unless its line repeats the record's error (frame, cause, deeper indent). */
function placeHits(text: string, hits: readonly Hit[], records: readonly TextRecord[]): Map<number, PlacedHit[]> {
  const starts = lineStartsOf(text);
  const byRecord = new Map<number, PlacedHit[]>();
  // A record's indent is the same for all of its hits.
  const recordIndents = new Map<number, number>();
  const recordIndexAt = recordIndexCursor(records);
  // Hits come in text order, often several on one line: the line test is redone only when its input changes.
  let lineFrom = -1;
  let lineTo = -1;
  let lineRepeats = false;
  let lineIndent = 0;
  for (const h of withoutOverlaps(hits)) {
    const recordIndex = recordIndexAt(h.index);
    let recordIndent = recordIndents.get(recordIndex);
    if (recordIndent === undefined) {
      const record = records[recordIndex];
      recordIndent = record === undefined ? 0 : indentIn(text, record.start, Math.min(record.start + 40, text.length));
      recordIndents.set(recordIndex, recordIndent);
    }
    const lineStart = lineStartAt(starts, h.index);
    const lineEnd = Math.min(lineStart + 40, h.index + 1, text.length);
    if (lineStart !== lineFrom || lineEnd !== lineTo) {
      lineFrom = lineStart;
      lineTo = lineEnd;
      lineRepeats = CAUSE_LINE.test(text.slice(lineStart, lineEnd));
      lineIndent = indentIn(text, lineStart, lineEnd);
    }
    const countable = !lineRepeats && lineIndent <= recordIndent;
    const list = byRecord.get(recordIndex);
    const placed: PlacedHit = { index: h.index, end: h.end, kind: h.kind, text: h.text, candidate: h.candidate, countable };
    if (list === undefined) byRecord.set(recordIndex, [placed]);
    else list.push(placed);
  }
  return byRecord;
}

function factsPerRecord(records: readonly TextRecord[], timestamps: readonly FoundTimestamp[], ids: readonly OccurrenceId[]): RecordFacts[] {
  const facts: RecordFacts[] = records.map(() => ({ first: null, last: null, ids: null }));
  const stampRecordAt = recordIndexCursor(records);
  for (const stamp of timestamps) {
    if (stamp.iso === null) continue;
    const f = facts[stampRecordAt(stamp.index)];
    if (f === undefined) continue;
    if (f.first === null || stamp.iso < f.first) f.first = stamp.iso;
    if (f.last === null || stamp.iso > f.last) f.last = stamp.iso;
  }
  const idRecordAt = recordIndexCursor(records);
  for (const { index, id } of ids) {
    const f = facts[idRecordAt(index)];
    if (f === undefined) continue;
    if (f.ids === null) f.ids = new Set([id]);
    else f.ids.add(id);
  }
  return facts;
}

function evidenceText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_EVIDENCE_TEXT ? `${flat.slice(0, MAX_EVIDENCE_TEXT - 1)}…` : flat;
}

/** Occurrences to add: capped by the record's ids not yet counted for this error, when it has ids. */
function newOccurrences(error: MergedError, aggregate: Aggregate, recordIds: ReadonlySet<string> | null): number {
  if (recordIds === null || recordIds.size === 0) return error.occurrences;
  let fresh = 0;
  for (const id of recordIds) {
    if (aggregate.countedIds.has(id)) continue;
    aggregate.countedIds.add(id);
    fresh += 1;
  }
  return Math.min(error.occurrences, fresh);
}

function addEvidence(aggregate: Aggregate, error: MergedError, evidenceTexts: TextMemo): void {
  // A finding seen thousands of times has its evidence after its first few records: skip the sort.
  if (aggregate.evidence.length >= MAX_EVIDENCE_PER_FINDING) return;
  const ordered = error.evidence.length === 1 ? error.evidence : [...error.evidence].sort((a, b) => SPECIFICITY[b.kind] - SPECIFICITY[a.kind]);
  for (const h of ordered) {
    if (aggregate.evidence.length >= MAX_EVIDENCE_PER_FINDING) return;
    const text = evidenceTexts.get(h.text);
    const key = `${h.kind}\u0000${text}`;
    if (aggregate.evidenceKeys.has(key)) continue;
    aggregate.evidenceKeys.add(key);
    aggregate.evidence.push({ kind: h.kind, text });
  }
}

/** Findings, most severe first (CATEGORY_SEVERITY), ties by count then first appearance. */
export function buildFindings(inputs: FindingInputs): RankedFinding[] {
  const facts = factsPerRecord(inputs.records, inputs.timestamps, inputs.occurrenceIds);
  const aggregates = new Map<string, Aggregate>();
  const wordings = newWordingMemo();
  const evidenceTexts = new TextMemo(evidenceText);
  for (const [recordIndex, recordHits] of placeHits(inputs.text, inputs.hits, inputs.records)) {
    const recordFacts = facts[recordIndex] ?? { first: null, last: null, ids: null };
    for (const error of mergeRecordHits(recordHits, wordings)) {
      let aggregate = aggregates.get(error.candidate.key);
      if (aggregate === undefined) {
        aggregate = {
          candidate: error.candidate,
          count: 0,
          countedIds: new Set(),
          evidence: [],
          evidenceKeys: new Set(),
          firstSeen: null,
          lastSeen: null,
          firstIndex: error.evidence[0]?.index ?? Number.MAX_SAFE_INTEGER,
        };
        aggregates.set(error.candidate.key, aggregate);
      }
      aggregate.count += newOccurrences(error, aggregate, recordFacts.ids);
      if (recordFacts.first !== null && (aggregate.firstSeen === null || recordFacts.first < aggregate.firstSeen)) aggregate.firstSeen = recordFacts.first;
      if (recordFacts.last !== null && (aggregate.lastSeen === null || recordFacts.last > aggregate.lastSeen)) aggregate.lastSeen = recordFacts.last;
      addEvidence(aggregate, error, evidenceTexts);
    }
  }

  return [...aggregates.values()]
    .map((a) => ({ ...a, count: Math.max(1, a.count) }))
    .sort((a, b) => severityRank(a.candidate.category) - severityRank(b.candidate.category) || b.count - a.count || a.firstIndex - b.firstIndex)
    .map((a) => ({
      category: a.candidate.category,
      finding: {
        code: a.candidate.code,
        name: a.candidate.name,
        httpStatus: a.candidate.httpStatus,
        transient: a.candidate.transient,
        count: a.count,
        family: a.candidate.family,
        evidence: a.evidence,
        firstSeen: a.firstSeen,
        lastSeen: a.lastSeen,
      },
    }));
}
