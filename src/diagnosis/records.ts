// Splits a normalised paste into records: the unit in which several recognisers seeing the same
// error (an exception class, its HTTP status, the code in its body) count it once.
// A record starts at a log line (timestamp or level prefix), at an HTTP status line, or after a
// blank line; everything else (stack frames, wrapped lines, pretty-printed JSON) continues it.
// An HTTP response keeps its headers and its body (after one blank line) in the same record.

export interface TextRecord {
  start: number;
  end: number;
}

const LOG_LINE_START = new RegExp(
  [
    String.raw`^\s{0,4}(?:<\d{1,3}>\s?)?[[(]?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}`,
    String.raw`^\s{0,4}(?:<\d{1,3}>\s?)?[[(]?\d{1,2}\/\d{1,2}\/\d{4},?[ T]\d{1,2}:\d{2}`,
    String.raw`^\s{0,4}(?:<\d{1,3}>\s?)?[[(]?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? `,
    String.raw`^\s{0,4}(?:<\d{1,3}>\s?)?[[(]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}`,
    String.raw`^\s{0,4}(?:<\d{1,3}>\s?)?[[(]?\d{2}:\d{2}:\d{2}[.,]\d+`,
    String.raw`^\s{0,4}\[?(?:ERROR|ERR|WARN|WARNING|WRN|INFO|INF|DEBUG|DBG|TRACE|TRC|FATAL|FTL|CRITICAL|CRIT|VERBOSE|VRB)\]?[:\s]`,
    String.raw`^(?:Error|Info|Warning|Warn|Debug|Trace):\s`,
  ].join('|'),
);
const HTTP_STATUS_LINE = /^\s{0,4}HTTP\/\d(?:\.\d)? \d{3}\b/;
const HEADER_LINE = /^[A-Za-z0-9-]{1,64}:\s?\S/;

export function splitRecords(text: string): TextRecord[] {
  const records: TextRecord[] = [];
  let current: TextRecord | null = null;
  // 'headers' while reading an HTTP response's headers, 'body' once its blank line was seen.
  let http: 'no' | 'headers' | 'body-next' | 'body' = 'no';

  const close = (): void => {
    if (current !== null) records.push(current);
    current = null;
    http = 'no';
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
    const blank = line.trim() === '' && (lineEnd - lineStart <= 200 || text.slice(lineStart, lineEnd).trim() === '');

    if (blank) {
      if (http === 'headers') http = 'body-next';
      else close();
    } else {
      const statusLine = HTTP_STATUS_LINE.test(line);
      const logLine = LOG_LINE_START.test(line);
      let continues: boolean;
      if (current === null || statusLine) {
        continues = false;
      } else if (http === 'headers') {
        const header = HEADER_LINE.test(line);
        continues = header || !logLine;
        if (!header) http = 'body';
      } else if (http === 'body-next') {
        continues = !logLine;
        http = 'body';
      } else {
        continues = !logLine;
      }
      if (continues && current !== null) {
        current.end = lineEnd;
      } else {
        close();
        current = { start: lineStart, end: lineEnd };
        if (statusLine) http = 'headers';
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  close();
  return records;
}

/** Index of the record containing `offset` (records are sorted and disjoint), or -1. */
export function recordIndexAt(records: readonly TextRecord[], offset: number): number {
  let low = 0;
  let high = records.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const record = records[mid];
    if (record === undefined) return -1;
    if (offset < record.start) high = mid - 1;
    else if (offset > record.end) low = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * recordIndexAt for offsets looked up in increasing order (timestamps, hits and ids are found in text
 * order): the search resumes where the previous one ended instead of bisecting the whole list each time.
 * An offset lower than the previous one falls back to bisection.
 */
export function recordIndexCursor(records: readonly TextRecord[]): (offset: number) => number {
  let at = 0;
  let previous = -1;
  return (offset) => {
    if (offset < previous) return recordIndexAt(records, offset);
    previous = offset;
    while (at < records.length && (records[at]?.end ?? 0) < offset) at += 1;
    const record = records[at];
    return record !== undefined && record.start <= offset ? at : -1;
  };
}
