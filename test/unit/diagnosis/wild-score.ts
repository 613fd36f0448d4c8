// Scores diagnose() against real pastes whose expectations were set from the text alone (the format of
// test/fixtures/wild/pastes.json). The rules are fixed: the same scorer is run on a held-back set.
//   node test/unit/diagnosis/wild-score.ts [FILE]   prints the score of FILE (default: the wild corpus)
// One expectation per non-null field:
//   hubHost    is in context.hubHostNames (case-insensitive)
//   deviceId   is in context.deviceIds
//   error      {code}: some finding has that code; {httpStatus}: some finding has that status; {name}: any finding
//   trackingId some context.trackingIds equals it, or is a prefix of it of at least 32 characters
//   verdict    (always) verdict.kind equals it
//   service    (event-hubs, service-bus, storage or dps only) diagnosis.service equals it
// sdk is scored on its own: the version is the one named, and the names agree (see sdkNamesAgree).
import { readFileSync } from 'node:fs';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { Diagnosis, VerdictKind } from '#src/diagnosis/types.ts';

export interface WildExpect {
  hubHost: string | null;
  deviceId: string | null;
  error: { code: number } | { httpStatus: number } | { name: string } | null;
  trackingId: string | null;
  verdict: VerdictKind;
  service: string | null;
  sdk: { name: string; version: string } | null;
}

export interface WildEntry {
  id: string;
  url: string;
  shape: string;
  text: string;
  expect: WildExpect;
  why: string;
}

export const SCORED_FIELDS = ['hubHost', 'deviceId', 'error', 'trackingId', 'verdict', 'service'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

const SCORED_SERVICES: ReadonlySet<string> = new Set(['event-hubs', 'service-bus', 'storage', 'dps']);

export interface Expectation {
  field: ScoredField;
  expected: unknown;
  met: boolean;
  got: unknown;
}

/** A finding as "code/status/name", "-" for what it lacks: how the scorer and the kind tests print findings. */
export function findingLabel(f: Diagnosis['findings'][number]): string {
  return `${f.code ?? '-'}/${f.httpStatus ?? '-'}/${f.name ?? '-'}`;
}

export function expectationsOf(entry: WildEntry, d: Diagnosis): Expectation[] {
  const x = entry.expect;
  const out: Expectation[] = [];
  if (x.hubHost !== null) {
    const want = x.hubHost.toLowerCase();
    out.push({ field: 'hubHost', expected: x.hubHost, met: d.context.hubHostNames.some((h) => h.toLowerCase() === want), got: d.context.hubHostNames });
  }
  if (x.deviceId !== null) out.push({ field: 'deviceId', expected: x.deviceId, met: d.context.deviceIds.includes(x.deviceId), got: d.context.deviceIds });
  if (x.error !== null) {
    const e = x.error;
    const met =
      'code' in e ? d.findings.some((f) => f.code === e.code) : 'httpStatus' in e ? d.findings.some((f) => f.httpStatus === e.httpStatus) : d.findings.length > 0;
    out.push({ field: 'error', expected: e, met, got: d.findings.map(findingLabel) });
  }
  if (x.trackingId !== null) {
    const want = x.trackingId;
    const met = d.context.trackingIds.some((t) => t === want || (t.length >= 32 && want.startsWith(t)));
    out.push({ field: 'trackingId', expected: want, met, got: d.context.trackingIds });
  }
  out.push({ field: 'verdict', expected: x.verdict, met: d.verdict.kind === x.verdict, got: d.verdict.kind });
  if (x.service !== null && SCORED_SERVICES.has(x.service)) out.push({ field: 'service', expected: x.service, met: d.service === x.service, got: d.service });
  return out;
}

function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The same package, however it is written: one normalised name contains the other. */
export function sdkNamesAgree(expected: string, got: string): boolean {
  const a = nameKey(expected);
  const b = nameKey(got);
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

export interface Tally {
  met: number;
  total: number;
}

export interface WildScore {
  overall: Tally;
  byShape: Map<string, Tally>;
  byField: Map<ScoredField, Tally>;
  sdk: Tally;
  misses: { id: string; shape: string; field: string; expected: unknown; got: unknown }[];
}

function add(map: Map<string, Tally>, key: string, met: boolean): void {
  const t = map.get(key) ?? { met: 0, total: 0 };
  t.met += met ? 1 : 0;
  t.total += 1;
  map.set(key, t);
}

export function scoreCorpus(entries: readonly WildEntry[]): WildScore {
  const score: WildScore = { overall: { met: 0, total: 0 }, byShape: new Map(), byField: new Map(), sdk: { met: 0, total: 0 }, misses: [] };
  for (const entry of entries) {
    const d = diagnose(entry.text);
    for (const e of expectationsOf(entry, d)) {
      score.overall.met += e.met ? 1 : 0;
      score.overall.total += 1;
      add(score.byShape, entry.shape, e.met);
      add(score.byField as Map<string, Tally>, e.field, e.met);
      if (!e.met) score.misses.push({ id: entry.id, shape: entry.shape, field: e.field, expected: e.expected, got: e.got });
    }
    const sdk = entry.expect.sdk;
    if (sdk !== null) {
      const met = d.sdk !== null && d.sdk.version === sdk.version && sdkNamesAgree(sdk.name, d.sdk.name);
      score.sdk.met += met ? 1 : 0;
      score.sdk.total += 1;
      if (!met) score.misses.push({ id: entry.id, shape: entry.shape, field: 'sdk', expected: sdk, got: d.sdk });
    }
  }
  return score;
}

export function share(t: Tally): number {
  return t.total === 0 ? 1 : t.met / t.total;
}

function line(label: string, t: Tally): string {
  return `  ${label.padEnd(12)} ${(share(t) * 100).toFixed(1).padStart(5)}%  (${t.met}/${t.total})`;
}

export function formatScore(score: WildScore): string {
  const out = [`overall      ${(share(score.overall) * 100).toFixed(1)}% (${score.overall.met}/${score.overall.total})`, 'by shape:'];
  for (const [shape, t] of [...score.byShape].sort((a, b) => a[0].localeCompare(b[0]))) out.push(line(shape, t));
  out.push('by field:');
  for (const field of SCORED_FIELDS) {
    const t = score.byField.get(field);
    if (t !== undefined) out.push(line(field, t));
  }
  out.push(`sdk (scored apart) ${(share(score.sdk) * 100).toFixed(1)}% (${score.sdk.met}/${score.sdk.total})`);
  out.push(`misses (${score.misses.length}):`);
  for (const m of score.misses) out.push(`  ${m.id} [${m.shape}] ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
  return out.join('\n');
}

export function readCorpus(path: string | URL): WildEntry[] {
  return JSON.parse(readFileSync(path, 'utf8')) as WildEntry[];
}

export const WILD_CORPUS = new URL('../../fixtures/wild/pastes.json', import.meta.url);

if (import.meta.main) {
  const file = process.argv[2];
  process.stdout.write(`${formatScore(scoreCorpus(readCorpus(file ?? WILD_CORPUS)))}\n`);
}
