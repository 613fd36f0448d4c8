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

/**
 * JavaScript's own runtime errors, as tools (IoT Explorer, Node apps) show their message without the error's name: "Failed
 * to retrieve device list: Cannot read property 'headers' of undefined" (V8: TypeError), "x is not a function" (TypeError),
 * "x is not defined" (ReferenceError), "Unexpected token < in JSON at position 0" (SyntaxError).
 */
const JS_RUNTIME_MESSAGES: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /\bCannot (?:read|set) propert(?:y|ies)\b[^\n]{0,80}?\bof (?:undefined|null)\b|\bis not a function\b|\bis not iterable\b/gi, name: 'TypeError' },
  { pattern: /\bis not defined\b/g, name: 'ReferenceError' },
  { pattern: /\bUnexpected token\b[^\n]{1,12}?\bin JSON at position \d|\bUnexpected end of JSON input\b/g, name: 'SyntaxError' },
];

function jsRuntimeError(text: string): { index: number; name: string } | null {
  let first: { index: number; name: string } | null = null;
  for (const { pattern, name } of JS_RUNTIME_MESSAGES) {
    pattern.lastIndex = 0;
    const m = pattern.exec(text);
    if (m !== null && (first === null || m.index < first.index)) first = { index: m.index, name };
  }
  return first;
}

/** The first exception named in the text (one that is not a wrapper, if any), as an unclassified error. */
export function unlistedError(text: string): { index: number; name: string; candidate: Candidate } | null {
  const named: { index: number; name: string }[] = [];
  forEachMatch(EXCEPTION_NAME, text, MAX_NAMES_READ, (m) => named.push({ index: m.index, name: m[1] ?? m[0] }));
  const chosen = named.find((found) => !WRAPPERS.has(found.name)) ?? named[0] ?? jsRuntimeError(text) ?? undefined;
  if (chosen === undefined) return null;
  return { ...chosen, candidate: classCandidate({ name: chosen.name, httpStatus: null, transient: null, category: 'unclassified' }) };
}
