// One row per figure, printed as a table and written as Markdown (docs/benchmarks.md).
import { formatNumber } from './stats.ts';

export interface FigureRow {
  /** What is measured, e.g. "parser throughput, 10 MB". */
  figure: string;
  measured: string;
  baseline: string;
  /** measured / baseline (or the figure's own ratio); null when there is none. */
  ratio: number | null;
  target: string;
  /** null = not applicable or could not be measured. */
  met: boolean | null;
  /** Short explanation (e.g. why a figure could not be measured). */
  note?: string;
}

export interface BenchSection {
  title: string;
  rows: FigureRow[];
  /** Lines of context printed under the section in the Markdown file. */
  notes: string[];
}

export function metText(met: boolean | null): string {
  if (met === null) return '—';
  return met ? 'yes' : 'NO';
}

export function ratioText(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${formatNumber(ratio)}x`;
}

const HEADERS = ['figure', 'measured', 'baseline', 'ratio', 'target', 'met?'] as const;

function cells(row: FigureRow): string[] {
  return [row.figure, row.measured, row.baseline, ratioText(row.ratio), row.target, metText(row.met)];
}

export function textTable(rows: readonly FigureRow[]): string {
  const table = [HEADERS.map(String), ...rows.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((line) => (line[column] ?? '').length)));
  const render = (line: string[]): string => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(table[0] ?? []), rule, ...table.slice(1).map(render)].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function markdownTable(rows: readonly FigureRow[]): string {
  const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${cells(row).map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}
