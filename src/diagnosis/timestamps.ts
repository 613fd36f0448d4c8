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
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY_NAME = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

const ISO = String.raw`(?<isoY>\d{4})-(?<isoMo>\d{2})-(?<isoD>\d{2})[T ](?<isoH>\d{2}):(?<isoMi>\d{2})(?::(?<isoS>\d{2})(?:[.,](?<isoF>\d{1,9}))?)?(?:\s?(?<isoZ>Z|[+-]\d{2}:?\d{2}|UTC|GMT)(?![A-Za-z0-9]))?`;
const US = String.raw`(?<usMo>\d{1,2})\/(?<usD>\d{1,2})\/(?<usY>\d{4}),?[ T](?<usH>\d{1,2}):(?<usMi>\d{2}):(?<usS>\d{2})(?:\.(?<usF>\d{1,9}))?(?:\s?(?<usAp>[AaPp][Mm])\b)?`;
const RFC1123 = String.raw`${DAY_NAME}, (?<rD>\d{1,2}) (?<rMo>${MONTH.slice(1, -1)}) (?<rY>\d{4}) (?<rH>\d{2}):(?<rMi>\d{2}):(?<rS>\d{2}) (?:GMT|UTC)`;
const ASCTIME = String.raw`${DAY_NAME} (?<aMo>${MONTH.slice(1, -1)}) +(?<aD>\d{1,2}) (?<aH>\d{2}):(?<aMi>\d{2}):(?<aS>\d{2}) (?<aY>\d{4})`;

const TIMESTAMP = new RegExp(String.raw`(?<![\d/])(?:${ISO}|${US}|${RFC1123}|${ASCTIME})`, 'g');

const MAX_TIMESTAMPS = 200_000;

export function findTimestamps(text: string): FoundTimestamp[] {
  const found: FoundTimestamp[] = [];
  TIMESTAMP.lastIndex = 0;
  for (let m = TIMESTAMP.exec(text); m !== null && found.length < MAX_TIMESTAMPS; m = TIMESTAMP.exec(text)) {
    found.push({ index: m.index, iso: toIso(m.groups ?? {}), raw: m[0] });
  }
  return found;
}

type Groups = Record<string, string | undefined>;

function toIso(g: Groups): string | null {
  if (g['isoY'] !== undefined) {
    return build(num(g['isoY']), num(g['isoMo']), num(g['isoD']), num(g['isoH']), num(g['isoMi']), num(g['isoS'] ?? '0'), g['isoF'], zoneOffsetMinutes(g['isoZ']));
  }
  if (g['usY'] !== undefined) {
    let hour = num(g['usH']);
    const ampm = g['usAp']?.toUpperCase();
    if (ampm !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
    }
    let month = num(g['usMo']);
    let day = num(g['usD']);
    // Tracking ids and .NET print month first; a first field above 12 can only be a day.
    if (month > 12 && day <= 12) [month, day] = [day, month];
    return build(num(g['usY']), month, day, hour, num(g['usMi']), num(g['usS']), g['usF'], 0);
  }
  if (g['rY'] !== undefined) {
    return build(num(g['rY']), monthNumber(g['rMo']), num(g['rD']), num(g['rH']), num(g['rMi']), num(g['rS']), undefined, 0);
  }
  if (g['aY'] !== undefined) {
    return build(num(g['aY']), monthNumber(g['aMo']), num(g['aD']), num(g['aH']), num(g['aMi']), num(g['aS']), undefined, 0);
  }
  return null;
}

function num(text: string | undefined): number {
  return text === undefined ? Number.NaN : Number.parseInt(text, 10);
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
  if (![year, month, day, hour, minute, second, offsetMinutes].every(Number.isFinite)) return null;
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const millis = fraction === undefined ? 0 : Number.parseInt(fraction.slice(0, 3).padEnd(3, '0'), 10);
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  const date = new Date(utc);
  // Date.UTC rolls 31 February over into March: reject what it had to correct.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null;
  return date.toISOString();
}
