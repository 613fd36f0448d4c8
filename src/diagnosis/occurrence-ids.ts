// Identifiers of one error occurrence: IoT Hub tracking ids and ARM correlation ids. The same id
// printed twice (az prints the error body twice; a log writes it at WRN then at ERR) is one error.

export interface OccurrenceId {
  index: number;
  id: string;
}

const HEX_GUID = '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}';
const OCCURRENCE_ID = new RegExp(
  String.raw`(?<![0-9A-Za-z])([0-9a-fA-F]{32})(?=-G:|-TimeStamp:|_G\d)|(?:tracking[ _-]?id|correlation (?:identifier|id)|x-ms-correlation-request-id)["']?\s*[:=]\s*["']?(${HEX_GUID})`,
  'gi',
);
const MAX_IDS = 200_000;

export function findOccurrenceIds(text: string): OccurrenceId[] {
  const found: OccurrenceId[] = [];
  OCCURRENCE_ID.lastIndex = 0;
  for (let m = OCCURRENCE_ID.exec(text); m !== null && found.length < MAX_IDS; m = OCCURRENCE_ID.exec(text)) {
    const raw = m[1] ?? m[2];
    if (raw !== undefined) found.push({ index: m.index, id: raw.toLowerCase().replace(/-/g, '') });
  }
  return found;
}
