// Identifiers of one error occurrence: IoT Hub tracking ids and ARM correlation ids. The same id
// printed twice (az prints the error body twice; a log writes it at WRN then at ERR) is one error.
import { OCCURRENCE_ID } from './occurrence-patterns.ts';
import { compileTextPattern, findTextTriggers } from './text-triggers.ts';
import { triggeredMatches, type TriggerHits } from './triggers.ts';

export interface OccurrenceId {
  index: number;
  id: string;
}

const MAX_IDS = 200_000;
// Tried at every hex digit, the pattern would cost more than the rest of the stage: it is tried only at
// its keywords (32 characters before "-G:" ..., or at "tracking id" / "correlation").
const occurrenceId = compileTextPattern(OCCURRENCE_ID);

export function findOccurrenceIds(text: string, triggers: TriggerHits = findTextTriggers(text)): OccurrenceId[] {
  const found: OccurrenceId[] = [];
  for (const m of triggeredMatches(occurrenceId, text, triggers, MAX_IDS)) {
    const raw = m[1] ?? m[2];
    if (raw !== undefined) found.push({ index: m.index, id: raw.toLowerCase().replace(/-/g, '') });
  }
  return found;
}
