// Parser throughput: diagnose() over generated 1 MB and 10 MB pastes against a single-pass regex scan of
// the same text (one global regex for 6-digit codes, counted), and how diagnose() scales with 10x input.
import type { Diagnosis } from '#src/diagnosis/types.ts';
import { generatePaste } from './lib/paste.ts';
import type { BenchSection, FigureRow } from './lib/report.ts';
import { formatNumber, median } from './lib/stats.ts';

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** diagnose() reading the whole text: its default size bound (which the bot relies on) is lifted to the text's length. */
type Diagnose = (text: string) => Diagnosis;

interface LoadedParser {
  diagnose: Diagnose;
  /** The bound diagnose() applies by default, when the module exports it. */
  defaultMaxChars: number | null;
}

const MB = 1024 * 1024;
// Resolved at run time so that a missing parser is reported as such instead of failing the whole benchmark.
const DIAGNOSE_MODULE = '#src/diagnosis/diagnose.ts';

async function loadDiagnose(): Promise<LoadedParser | string> {
  try {
    const loaded: Record<string, unknown> = await import(DIAGNOSE_MODULE);
    const candidate = loaded.diagnose;
    if (typeof candidate !== 'function') return `src/diagnosis/diagnose.ts exports no diagnose() function`;
    const bound = loaded.DEFAULT_MAX_CHARS;
    return {
      diagnose: (text: string) => candidate(text, { maxChars: text.length }) as Diagnosis,
      defaultMaxChars: typeof bound === 'number' ? bound : null,
    };
  } catch (error) {
    return `src/diagnosis/diagnose.ts could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** The baseline: the cheapest scan that still looks at every character once. */
function regexScan(text: string): number {
  const codes = /\b\d{6}\b/g;
  let count = 0;
  while (codes.exec(text) !== null) count += 1;
  return count;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

interface SizeResult {
  bytes: number;
  diagnoseMs: number;
  regexMs: number;
  repetitions: number;
  diagnosis: Diagnosis;
  regexMatches: number;
}

interface Samples {
  text: string;
  diagnoseTimes: number[];
  regexTimes: number[];
}

/**
 * Warm-up on every size first (the JIT settles over the first few runs), then rounds that interleave sizes and
 * both scanners, so that all of them see the same machine conditions; bounded in rounds and in time.
 */
function measure(diagnose: Diagnose, texts: readonly string[], rounds: number, budgetMs: number): SizeResult[] {
  const samples: Samples[] = texts.map((text) => ({ text, diagnoseTimes: [], regexTimes: [] }));
  const results = texts.map((text) => ({ diagnosis: diagnose(text), regexMatches: regexScan(text) }));
  for (let i = 0; i < 2; i += 1) for (const text of texts) diagnose(text);
  const started = performance.now();
  for (let round = 0; round < rounds && (round === 0 || performance.now() - started < budgetMs); round += 1) {
    for (const sample of samples) {
      sample.diagnoseTimes.push(timed(() => diagnose(sample.text)).ms);
      sample.regexTimes.push(timed(() => regexScan(sample.text)).ms);
    }
  }
  return samples.map((sample, index) => ({
    bytes: Buffer.byteLength(sample.text, 'utf8'),
    diagnoseMs: median(sample.diagnoseTimes),
    regexMs: median(sample.regexTimes),
    repetitions: sample.diagnoseTimes.length,
    diagnosis: results[index]?.diagnosis ?? diagnose(sample.text),
    regexMatches: results[index]?.regexMatches ?? 0,
  }));
}

function mbPerSecond(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}

function sizeLabel(bytes: number): string {
  const [amount, unit] = bytes >= MB ? [bytes / MB, 'MB'] : [bytes / 1024, 'KB'];
  return `${Number.isInteger(amount) ? amount.toLocaleString('en-US') : formatNumber(amount)} ${unit}`;
}

function scannedAll(result: SizeResult): boolean {
  return !result.diagnosis.truncated;
}

export async function benchParser(options: BenchOptions): Promise<BenchSection> {
  const title = 'Parser: diagnose() vs a single-pass regex scan of the same text';
  const parser = await loadDiagnose();
  if (typeof parser === 'string') {
    const row = (figure: string, target: string): FigureRow => ({ figure, measured: 'not measured', baseline: '—', ratio: null, target, met: null, note: parser });
    return {
      title,
      rows: [row('parser throughput, 1 MB', '≥ 0.20x (within 5x)'), row('parser throughput, 10 MB', '≥ 0.20x (within 5x)'), row('parser scaling 10 MB / 1 MB', 'ratio ≤ 1.25')],
      notes: [`Not measured: ${parser}.`],
    };
  }
  const { diagnose } = parser;

  const [smallBytes, largeBytes] = options.quick ? [100 * 1024, 1000 * 1024] : [MB, 10 * MB];
  const rounds = options.quick ? 2 : 7;
  const results = measure(diagnose, [generatePaste(smallBytes, 7), generatePaste(largeBytes, 7)], rounds, 60_000);
  const rows: FigureRow[] = [];
  const notes: string[] = [];

  for (const result of results) {
    const measured = mbPerSecond(result.bytes, result.diagnoseMs);
    const baseline = mbPerSecond(result.bytes, result.regexMs);
    const ratio = measured / baseline;
    const whole = scannedAll(result);
    options.log(`  ${sizeLabel(result.bytes)}: diagnose ${formatNumber(result.diagnoseMs)} ms, regex ${formatNumber(result.regexMs)} ms (median of ${result.repetitions})`);
    rows.push({
      figure: `parser throughput, ${sizeLabel(result.bytes)}`,
      measured: `${formatNumber(measured)} MB/s`,
      baseline: `${formatNumber(baseline)} MB/s`,
      ratio,
      target: '≥ 0.20x (within 5x)',
      met: whole && ratio >= 0.2,
      ...(whole ? {} : { note: 'diagnose() reported its input as truncated although its bound was lifted' }),
    });
    const findings = result.diagnosis.findings;
    notes.push(
      `${sizeLabel(result.bytes)} paste: diagnose() median ${formatNumber(result.diagnoseMs)} ms, regex scan median ${formatNumber(result.regexMs)} ms ` +
        `(${result.repetitions} repetitions after 3 warm-up runs); ${findings.length} distinct findings (${findings.reduce((sum, finding) => sum + finding.count, 0)} occurrences), ` +
        `${result.diagnosis.context.trackingIds.length} tracking ids, ${result.diagnosis.secrets.count} secrets redacted, truncated: ${String(result.diagnosis.truncated)}; ` +
        `the regex counted ${result.regexMatches} six-digit numbers.`,
    );
  }

  const [first, second] = results;
  if (first && second) {
    const inputRatio = second.bytes / first.bytes;
    const scaling = second.diagnoseMs / first.diagnoseMs;
    const regexScaling = second.regexMs / first.regexMs;
    const whole = scannedAll(first) && scannedAll(second);
    rows.push({
      figure: `parser scaling ${sizeLabel(second.bytes)} / ${sizeLabel(first.bytes)}`,
      measured: `${formatNumber(scaling)}x time`,
      baseline: `${formatNumber(regexScaling)}x (regex)`,
      ratio: scaling / inputRatio,
      target: `≈ ${formatNumber(inputRatio)}x (ratio ≤ 1.25)`,
      met: whole && scaling / inputRatio <= 1.25,
      ...(whole ? {} : { note: 'diagnose() did not read the whole input' }),
    });
    notes.push(`Scaling ratio = (time for ${sizeLabel(second.bytes)} / time for ${sizeLabel(first.bytes)}) / ${formatNumber(inputRatio)}: 1.0 is linear.`);
  }
  notes.push(
    `diagnose() is called with maxChars = the paste's length so that it reads all of it` +
      (parser.defaultMaxChars === null ? '.' : `; by default (and in the bot) it cuts pastes at ${parser.defaultMaxChars.toLocaleString('en-US')} characters.`),
  );
  notes.push('Pastes are generated from a fixed seed: log lines, IoT Hub codes from the catalog, tracking ids, .NET/Java/Node stack frames, SDK JSON bodies, MQTT lines, az output, connection strings and the real pastes of test/fixtures.');
  return { title, rows, notes };
}

if (import.meta.main) {
  const { runStandalone } = await import('./lib/standalone.ts');
  await runStandalone(benchParser);
}
