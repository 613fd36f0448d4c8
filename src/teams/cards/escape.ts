// Untrusted text (anything echoed from a paste, and text coming back from Azure) must reach a card as
// inert text: no markdown links, images, mentions, formatting, date functions or template expressions,
// and bounded in length so a paste cannot blow the card size budget.

/** Default maximum length, in code points, of one echoed value. */
export const DEFAULT_ECHO_CHARS = 200;

// Lone surrogates would serialize as \udXXX escapes and break UTF-8 consumers.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi overrides and isolates can make a value display differently from what it is; zero-width
// characters can hide content.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const WHITESPACE_RUN = /[\s\u2028\u2029]+/g;
const ELLIPSIS = '…';

// CommonMark lets any ASCII punctuation be backslash-escaped. These are the characters that can start
// or close a construct in the Adaptive Cards markdown subset (and in Teams' richer renderer): links and
// images, emphasis, code, headings, lists, quotes, tables, strikethrough, HTML-like tags such as <at>,
// and the braces of {{DATE()}} functions and ${...} template expressions.
const MARKDOWN_SPECIAL = /[\\`*_[\]()#+\-.!<>|~{}]/g;

/**
 * Makes untrusted text safe to show as plain text: repairs broken UTF-16, removes control and invisible
 * characters, collapses whitespace to single spaces and keeps at most `maxChars` code points (an
 * ellipsis marks a cut). Linear in the input; very long inputs are cut before any regex runs.
 */
export function cleanText(text: string, maxChars: number = DEFAULT_ECHO_CHARS): string {
  // Look at a bounded prefix only: enough for maxChars code points even after whitespace collapses a lot.
  const window = text.length > maxChars * 8 + 64 ? text.slice(0, maxChars * 8 + 64) : text;
  const cleaned = withoutControls(window.replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE, ''))
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  // Fewer UTF-16 units than maxChars means fewer code points too: nothing to cut (the common case).
  if (cleaned.length <= maxChars && window.length === text.length) return cleaned;
  const codePoints = Array.from(cleaned);
  const cut = codePoints.length > maxChars || window.length < text.length;
  if (!cut) return cleaned;
  return codePoints.slice(0, Math.max(0, maxChars - 1)).join('').trimEnd() + ELLIPSIS;
}

/** C0/C1 control characters (which serialize as \u00XX) become spaces; tabs and newlines stay whitespace. */
function withoutControls(text: string): string {
  if (!hasControls(text)) return text;
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) ? ' ' : ch;
  }
  return out;
}

function hasControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** Backslash-escapes every markdown control character so a TextBlock or Fact shows the text as is. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => '\\' + c);
}

/** An untrusted value for a markdown surface (TextBlock text, Fact title/value): cleaned, cut, escaped. */
export function echo(text: string, maxChars: number = DEFAULT_ECHO_CHARS): string {
  return escapeMarkdown(cleanText(text, maxChars));
}

/**
 * An untrusted value for a surface without markdown (TextRun, button titles, imBack values): cleaned and
 * cut, shown verbatim so it can be copied, but with the few sequences a host could still interpret
 * (date functions, template expressions, mention tags) broken by a word joiner.
 */
export function plainEcho(text: string, maxChars: number = DEFAULT_ECHO_CHARS): string {
  return cleanText(text, maxChars)
    .replace(/\{\{/g, '{\u2060{')
    .replace(/\$\{/g, '$\u2060{')
    .replace(/<(\/?at\b)/gi, '<\u2060$1');
}
