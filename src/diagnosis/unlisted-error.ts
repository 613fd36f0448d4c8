// When nothing the diagnosis knows is in a paste, the exception it shows is still worth naming: the card then
// says "an error the bot could not name precisely" about that error, instead of "nothing recognised". It stays
// unclassified (verdict unknown): a TypeError or an IllegalArgumentException says nothing about IoT Hub.
import { classCandidate, type Candidate } from './classify.ts';
import { forEachMatch } from './scan.ts';

/** A class name ending in Exception or Error, as a trace or log prints it: followed by ':' or '(' or the end of the line. */
const EXCEPTION_NAME = /(?<![\w$])([A-Z][A-Za-z0-9]{1,80}(?:Exception|Error))(?=:|\(|[ \t]*$)/gm;
/** Wrappers that only say another exception happened: the one they wrap is named instead when there is one. */
const WRAPPERS: ReadonlySet<string> = new Set([
  'AggregateException',
  'ExecutionException',
  'CompletionException',
  'TargetInvocationException',
  'TaskCanceledException',
  'RuntimeException',
  'HandlerException',
]);
const MAX_NAMES_READ = 1000;

/** The first exception named in the text (one that is not a wrapper, if any), as an unclassified error. */
export function unlistedError(text: string): { index: number; name: string; candidate: Candidate } | null {
  const named: { index: number; name: string }[] = [];
  forEachMatch(EXCEPTION_NAME, text, MAX_NAMES_READ, (m) => named.push({ index: m.index, name: m[1] ?? m[0] }));
  const chosen = named.find((found) => !WRAPPERS.has(found.name)) ?? named[0];
  if (chosen === undefined) return null;
  return { ...chosen, candidate: classCandidate({ name: chosen.name, httpStatus: null, transient: null, category: 'unclassified' }) };
}
