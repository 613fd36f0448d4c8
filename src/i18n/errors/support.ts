// A plain-text block an engineer pastes into an Azure support request: the facts support asks for
// first (tracking ids, UTC times), one field per line, empty fields left out.

import type { Locale } from '../../core/locale.ts';
import { frenchTypography } from './typography.ts';

export interface SupportFields {
  hubHostName?: string;
  code?: number | null;
  name?: string | null;
  trackingIds: string[];
  timestamps: string[];
  deviceIds: string[];
  count?: number;
  timeSpan?: { from: string; to: string } | null;
}

interface SupportLabels {
  heading: string;
  trackingIds: string;
  timestamps: string;
  hub: string;
  code: string;
  name: string;
  deviceIds: string;
  count: string;
  timeSpan: string;
  spanJoin: (from: string, to: string) => string;
  more: (n: number) => string;
  zoneUnknown: string;
}

const labels: Readonly<Record<Locale, SupportLabels>> = {
  en: {
    heading: 'Azure IoT Hub error details for support',
    trackingIds: 'Tracking IDs',
    timestamps: 'Timestamps (UTC)',
    hub: 'IoT hub',
    code: 'Error code',
    name: 'Error name',
    deviceIds: 'Device IDs',
    count: 'Occurrences',
    timeSpan: 'Time span (UTC)',
    spanJoin: (from, to) => `${from} to ${to}`,
    more: (n) => `(+${n} more)`,
    zoneUnknown: '(time zone not stated)',
  },
  fr: {
    heading: frenchTypography('Détails de l\'erreur Azure IoT Hub pour le support'),
    trackingIds: 'Identifiants de suivi (tracking id)',
    timestamps: 'Horodatages (UTC)',
    hub: 'Hub IoT',
    code: frenchTypography('Code d\'erreur'),
    name: frenchTypography('Nom de l\'erreur'),
    deviceIds: frenchTypography('Identifiants d\'appareil'),
    count: 'Occurrences',
    timeSpan: 'Période (UTC)',
    spanJoin: (from, to) => `du ${from} au ${to}`,
    more: (n) => (n === 1 ? '(+1 autre)' : `(+${n} autres)`),
    zoneUnknown: '(fuseau horaire non précisé)',
  },
};

/** Values listed per field before the rest is summarised as "+N more". */
const MAX_VALUES = 10;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** One line per field: no line breaks or tabs inside a value. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const clean = oneLine(value);
    if (clean !== '') seen.add(clean);
  }
  return [...seen];
}

/** UTC as support reads it: kept as is when already in Z, converted when an offset is given, flagged otherwise. */
function asUtc(timestamp: string, l: SupportLabels): string {
  const match = ISO_WITH_ZONE.exec(timestamp);
  if (match === null) return `${timestamp} ${l.zoneUnknown}`;
  if (match[1]?.toUpperCase() === 'Z') return timestamp.replace(' ', 'T').replace(/z$/, 'Z');
  const parsed = new Date(timestamp.replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? `${timestamp} ${l.zoneUnknown}` : parsed.toISOString();
}

function list(values: readonly string[], l: SupportLabels): string {
  const shown = values.slice(0, MAX_VALUES).join(', ');
  return values.length > MAX_VALUES ? `${shown} ${l.more(values.length - MAX_VALUES)}` : shown;
}

/** The text to paste into an Azure support request; an empty string when there is nothing to report. */
export function supportBlock(locale: Locale, fields: SupportFields): string {
  const l = labels[locale];
  const separator = locale === 'fr' ? '\u00a0: ' : ': ';
  const lines: string[] = [];
  const add = (label: string, value: string): void => {
    if (value !== '') lines.push(`${label}${separator}${value}`);
  };

  const trackingIds = distinct(fields.trackingIds);
  const timestamps = distinct(fields.timestamps).map((t) => asUtc(t, l));
  add(l.trackingIds, list(trackingIds, l));
  add(l.timestamps, list(timestamps, l));
  add(l.hub, oneLine(fields.hubHostName ?? ''));
  if (typeof fields.code === 'number' && Number.isFinite(fields.code)) add(l.code, String(fields.code));
  add(l.name, oneLine(fields.name ?? ''));
  add(l.deviceIds, list(distinct(fields.deviceIds), l));
  if (typeof fields.count === 'number' && Number.isInteger(fields.count) && fields.count > 0) add(l.count, String(fields.count));
  const span = fields.timeSpan;
  if (span !== null && span !== undefined) {
    const from = oneLine(span.from);
    const to = oneLine(span.to);
    if (from !== '' && to !== '') add(l.timeSpan, l.spanJoin(asUtc(from, l), asUtc(to, l)));
  }

  return lines.length === 0 ? '' : [l.heading, ...lines].join('\n');
}
