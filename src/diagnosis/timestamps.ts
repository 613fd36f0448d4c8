// Timestamps as they appear in IoT Hub errors and logs, normalised to ISO 8601 UTC.
// Formats: ISO 8601 (with or without zone, 'T' or space, '.' or ',' fractions), the US
// "MM/dd/yyyy HH:mm:ss" of tracking ids (and 12-hour "M/d/yyyy h:mm:ss PM" of .NET messages),
// RFC 1123 HTTP dates and C asctime ("Tue Mar 13 10:04:35 2018").
// Times without a zone are taken as UTC: IoT Hub tracking ids and most SDK logs print UTC.

export interface FoundTimestamp {
  /** Offset in the text. */
  index: number;
  /** ISO 8601 UTC (millisecond precision), or null when the text looked like a date but is not a valid one. */
  iso: string | null;
  raw: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAME = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const DAY_NAME = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

// No capture groups: a paste has a timestamp on nearly every line, and a match with 28 groups costs more
// than the search itself. The fields are read back from the matched text (readFields below), whose shape
// the pattern has already checked.
const ISO = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)(?![A-Za-z0-9]))?`;
const US = String.raw`\d{1,2}\/\d{1,2}\/\d{4},?[ T]\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:\s?[AaPp][Mm]\b)?`;
const RFC1123 = String.raw`${DAY_NAME}, \d{1,2} (?:${MONTH_NAME}) \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC)`;
const ASCTIME = String.raw`${DAY_NAME} (?:${MONTH_NAME}) +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}`;

const TIMESTAMP = new RegExp(String.raw`(?<![\d/])(?:${ISO}|${US}|${RFC1123}|${ASCTIME})`, 'g');

const MAX_TIMESTAMPS = 200_000;

export function findTimestamps(text: string): FoundTimestamp[] {
  const found: FoundTimestamp[] = [];
  TIMESTAMP.lastIndex = 0;
  for (let m = TIMESTAMP.exec(text); m !== null && found.length < MAX_TIMESTAMPS; m = TIMESTAMP.exec(text)) {
    found.push({ index: m.index, iso: toIso(m[0]), raw: m[0] });
  }
  return found;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** End of the run of digits starting at `from`. */
function digitsEnd(raw: string, from: number): number {
  let end = from;
  while (isDigit(raw.charCodeAt(end))) end += 1;
  return end;
}

/** The number written by the digits from `from` to `to` (NaN when there are none). */
function intOf(raw: string, from: number, to: number): number {
  if (to <= from) return Number.NaN;
  let value = 0;
  for (let i = from; i < to; i += 1) value = value * 10 + (raw.charCodeAt(i) - 0x30);
  return value;
}

/** The zone or AM/PM after the time, without the one white-space character the pattern allows before it. */
function suffixAt(raw: string, at: number, startsWith: string): string | undefined {
  if (at >= raw.length) return undefined;
  return startsWith.includes(raw.charAt(at)) ? raw.slice(at) : raw.slice(at + 1);
}

/**
 * Which alternative of TIMESTAMP matched follows from its first characters: ISO has '-' after its 4-digit
 * year (no other form has a '-' there), US starts with a digit, RFC 1123 has ',' after the day name.
 * Each reader below walks a text the pattern has already matched, so its shape is known.
 */
function toIso(raw: string): string | null {
  if (raw.charAt(4) === '-') return isoOf(raw);
  if (isDigit(raw.charCodeAt(0))) return usOf(raw);
  return raw.charAt(3) === ',' ? rfc1123Of(raw) : asctimeOf(raw);
}

/** YYYY-MM-DD[T ]HH:mm[:ss[(.|,)f]][ ]zone — fixed positions up to the minutes. */
function isoOf(raw: string): string | null {
  let at = 16;
  let second = 0;
  let fraction: string | undefined;
  if (raw.charAt(at) === ':') {
    second = intOf(raw, 17, 19);
    at = 19;
    if (raw.charAt(at) === '.' || raw.charAt(at) === ',') {
      const end = digitsEnd(raw, at + 1);
      fraction = raw.slice(at + 1, end);
      at = end;
    }
  }
  const zone = suffixAt(raw, at, 'Z+-UG');
  return build(intOf(raw, 0, 4), intOf(raw, 5, 7), intOf(raw, 8, 10), intOf(raw, 11, 13), intOf(raw, 14, 16), second, fraction, zoneOffsetMinutes(zone));
}

/** M/d/yyyy[,][ T]h:mm:ss[.f][ ]AM|PM */
function usOf(raw: string): string | null {
  const monthEnd = digitsEnd(raw, 0);
  const dayEnd = digitsEnd(raw, monthEnd + 1);
  const yearEnd = dayEnd + 5;
  const hourStart = yearEnd + (raw.charAt(yearEnd) === ',' ? 2 : 1);
  const hourEnd = digitsEnd(raw, hourStart);
  let at = hourEnd + 6;
  let fraction: string | undefined;
  if (raw.charAt(at) === '.') {
    const end = digitsEnd(raw, at + 1);
    fraction = raw.slice(at + 1, end);
    at = end;
  }
  let hour = intOf(raw, hourStart, hourEnd);
  const ampm = suffixAt(raw, at, 'AaPp')?.toUpperCase();
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
  }
  let month = intOf(raw, 0, monthEnd);
  let day = intOf(raw, monthEnd + 1, dayEnd);
  // Tracking ids and .NET print month first; a first field above 12 can only be a day.
  if (month > 12 && day <= 12) [month, day] = [day, month];
  return build(intOf(raw, dayEnd + 1, yearEnd), month, day, hour, intOf(raw, hourEnd + 1, hourEnd + 3), intOf(raw, hourEnd + 4, hourEnd + 6), fraction, 0);
}

/** Ddd, d Mon yyyy HH:mm:ss GMT */
function rfc1123Of(raw: string): string | null {
  const dayEnd = digitsEnd(raw, 5);
  const year = dayEnd + 5;
  const time = year + 5;
  return build(intOf(raw, year, year + 4), monthNumber(raw.slice(dayEnd + 1, dayEnd + 4)), intOf(raw, 5, dayEnd), intOf(raw, time, time + 2), intOf(raw, time + 3, time + 5), intOf(raw, time + 6, time + 8), undefined, 0);
}

/** Ddd Mon +d HH:mm:ss yyyy */
function asctimeOf(raw: string): string | null {
  let dayStart = 7;
  while (raw.charAt(dayStart) === ' ') dayStart += 1;
  const dayEnd = digitsEnd(raw, dayStart);
  const time = dayEnd + 1;
  return build(intOf(raw, time + 9, time + 13), monthNumber(raw.slice(4, 7)), intOf(raw, dayStart, dayEnd), intOf(raw, time, time + 2), intOf(raw, time + 3, time + 5), intOf(raw, time + 6, time + 8), undefined, 0);
}

function monthNumber(name: string | undefined): number {
  return name === undefined ? Number.NaN : (MONTHS[name.toLowerCase()] ?? Number.NaN);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number.parseInt(digits.slice(0, 2), 10) * 60 + Number.parseInt(digits.slice(2, 4), 10));
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string | undefined, offsetMinutes: number): string | null {
  if (!(Number.isFinite(year) && Number.isFinite(month) && Number.isFinite(day) && Number.isFinite(hour) && Number.isFinite(minute) && Number.isFinite(second) && Number.isFinite(offsetMinutes))) return null;
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC rolls 31 February over into March: reject what it had to correct.
  if (day > daysInMonth(year, month)) return null;
  const millis = fraction === undefined ? '000' : fraction.slice(0, 3).padEnd(3, '0');
  // Without a zone offset nothing carries over into the date, so the ISO text is the fields themselves
  // (what Date#toISOString would print), without building two Date objects per timestamp.
  if (offsetMinutes === 0) return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(Math.min(second, 59))}.${millis}Z`;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), Number.parseInt(millis, 10)) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
