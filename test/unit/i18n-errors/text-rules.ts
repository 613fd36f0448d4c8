// Shared checks on user-facing error texts (not a test file itself).

import type { ErrorText } from '#src/i18n/errors/types.ts';

export const MAX_TITLE = 60;
export const MAX_ACTIONS = 5;
/** Generous bounds that still keep a card readable at 3 a.m. */
export const MAX_ACTION_CHARS = 200;
export const MAX_CAUSE_CHARS = 450;

export function fieldsOf(text: ErrorText): string[] {
  return [text.title, text.cause, ...text.actions, ...(text.transientNote === undefined ? [] : [text.transientNote])];
}

export function allText(text: ErrorText): string {
  return fieldsOf(text).join('\n');
}

/** Sentences end with . ! ? followed by a space and a capital letter, or the end of the text. */
export function sentenceCount(text: string): number {
  return text
    .split(/[.!?](?=\s+[A-ZÀ-ÖØ-Þ«]|\s*$)/u)
    .filter((part) => part.trim() !== '').length;
}

const MARKDOWN_LINK = /\[[^\]]*\]\([^)]*\)/;
const RAW_URL = /https?:\/\/|www\.|aka\.ms|learn\.microsoft|[a-z0-9-]\.(?:com|net|org|ms|io)\b/i;

/** Problems that must never appear in a shipped string: markup, HTML, raw links. */
export function markupProblems(value: string): string[] {
  const problems: string[] = [];
  if (MARKDOWN_LINK.test(value)) problems.push('markdown link');
  if (value.includes('<') || value.includes('>')) problems.push('angle bracket (HTML)');
  if (RAW_URL.test(value)) problems.push('raw URL');
  if (/[`*[\]]/.test(value)) problems.push('markdown character');
  if (value !== value.trim() || value.includes('\n')) problems.push('stray whitespace');
  return problems;
}

/** A check that the rules catch what they should, so the tests cannot pass vacuously. */
export const MARKUP_SAMPLES_THAT_MUST_FAIL = [
  'See [the docs](https://example.org) now.',
  'Open <b>this</b>.',
  'Go to https://aka.ms/iothub500001 for help.',
  'Visit learn.microsoft.com',
  'Use `code` here.',
];

/** French typography as the French tables promise it. */
export function frenchTypographyProblems(value: string): string[] {
  const problems: string[] = [];
  if (/ [;:!?»]/.test(value)) problems.push('ordinary space before ; : ! ? or »');
  if (/« /.test(value)) problems.push('ordinary space after «');
  if (value.includes("'")) problems.push('straight apostrophe');
  if (/\w[;!?]/u.test(value)) problems.push('missing space before ; ! ?');
  if (/[A-Za-zÀ-ÿ)] ?:(?=\s)/u.test(value) && !/\u00a0:/.test(value)) problems.push('colon without no-break space');
  return problems;
}
