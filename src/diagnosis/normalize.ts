// Turns what people paste into plain text the recognisers can read: Teams HTML to text (mentions
// removed), HTML entities decoded, docker json-file log lines unwrapped, and JSON/Python string
// escapes undone as many times as they were applied (errors are often escaped two or three deep).
// The result is for recognition only; it is never shown verbatim.

const MAX_UNESCAPE_PASSES = 4;

/** HTML tags Teams (and most rich-text clients) produce. Anything else in angle brackets is kept. */
const HTML_TAG_NAMES =
  'p|div|br|span|at|pre|code|b|i|u|s|em|strong|strike|del|ins|sub|sup|small|big|font|ol|ul|li|blockquote|table|thead|tbody|tfoot|tr|td|th|a|img|h[1-6]|hr|emoji|attachment|section|article|header|footer|figure|figcaption|label|mark|q|cite|kbd|samp|var|tt|center|systemattachment';
const HTML_TAG = new RegExp(String.raw`<\/?(?:${HTML_TAG_NAMES})(?:\s[^<>]*)?\/?>`, 'gi');
const HTML_BREAK = /<br\s*\/?>|<\/(?:p|div|pre|li|tr|h[1-6]|blockquote|table|section|article|header|footer)\s*>|<hr\s*\/?>/gi;
// Mentions carry the bot's (or a colleague's) display name, which is not part of the error.
const MENTIONS = /<at\b[^<>]*>[^<]{0,200}<\/at>|<span\b(?=[^<>]*schema\.skype\.com\/Mention)[^<>]*>[^<]{0,200}<\/span>/gi;
const LOOKS_LIKE_HTML = new RegExp(String.raw`<\/?(?:${HTML_TAG_NAMES})(?:\s[^<>]*)?\/?>`, 'i');

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: ' ',
  plus: '+',
  sol: '/',
  equals: '=',
  colon: ':',
  semi: ';',
  comma: ',',
  lbrace: '{',
  rbrace: '}',
  lcub: '{',
  rcub: '}',
  lsqb: '[',
  rsqb: ']',
  num: '#',
  percnt: '%',
  ast: '*',
  lowbar: '_',
  period: '.',
  excl: '!',
  quest: '?',
  commat: '@',
  dollar: '$',
  bsol: '\\',
  Hat: '^',
  grave: '`',
  verbar: '|',
  tilde: '~',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  n: '\n',
  r: '',
  t: '\t',
  b: ' ',
  f: ' ',
};
// What unescapeOnce replaces: \\uXXXX, \\xXX and the one-character escapes above, looked up by
// character code (a keyed look-up into a plain object costs more in the per-escape loop).
const SIMPLE_ESCAPE_BY_CODE: readonly (string | undefined)[] = Array.from({ length: 128 }, (_, code) => SIMPLE_ESCAPES[String.fromCharCode(code)]);

export function looksLikeHtml(text: string): boolean {
  return LOOKS_LIKE_HTML.test(text);
}

/** Plain text from a Teams message (HTML or text), with entities decoded and escapes undone. */
export function normalizePaste(textOrHtml: string): string {
  let text = textOrHtml.replace(/\r\n?/g, '\n').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  text = text.replace(MENTIONS, '');
  if (looksLikeHtml(text)) text = htmlToText(text);
  text = decodeEntities(decodeEntities(text));
  if (text.includes('\u00A0')) text = text.replace(/\u00A0/g, ' ');
  text = unwrapDockerJsonLines(text);
  text = unescapeRepeatedly(text);
  return text;
}

function htmlToText(html: string): string {
  return html.replace(HTML_BREAK, (tag) => `${tag}\n`).replace(HTML_TAG, '');
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined) return codePointToString(Number.parseInt(decimal, 10)) ?? whole;
    if (hex !== undefined) return codePointToString(Number.parseInt(hex, 16)) ?? whole;
    return (name !== undefined ? NAMED_ENTITIES[name] : undefined) ?? whole;
  });
}

function codePointToString(codePoint: number): string | undefined {
  if (!Number.isFinite(codePoint) || codePoint < 0 || codePoint > 0x10ffff) return undefined;
  if (codePoint === 0xa0) return ' ';
  return String.fromCodePoint(codePoint);
}

function hexValue(text: string, from: number, digits: number): number {
  let value = 0;
  for (let i = from; i < from + digits; i += 1) {
    const code = text.charCodeAt(i);
    const digit = code >= 0x30 && code <= 0x39 ? code - 0x30 : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x66 ? (code | 0x20) - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * One pass of JSON / Python string unescaping over the whole text: what ESCAPE matches is replaced.
 * Written as a walk from backslash to backslash rather than a replace() with a callback, which costs
 * a function call and a match object per escape (pastes of escaped JSON have thousands).
 */
export function unescapeOnce(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at)) {
    const next = text.charCodeAt(at + 1);
    let decoded: string | undefined;
    let length = 2;
    if (next === 0x75 /* u */ && hexValue(text, at + 2, 4) >= 0) {
      decoded = String.fromCharCode(hexValue(text, at + 2, 4));
      length = 6;
    } else if (next === 0x78 /* x */ && hexValue(text, at + 2, 2) >= 0) {
      decoded = String.fromCharCode(hexValue(text, at + 2, 2));
      length = 4;
    } else {
      decoded = SIMPLE_ESCAPE_BY_CODE[next];
    }
    if (decoded === undefined) {
      at += 1;
      continue;
    }
    out += text.slice(copiedUpTo, at) + decoded;
    copiedUpTo = at + length;
    at += length;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

function unescapeRepeatedly(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_UNESCAPE_PASSES && current.includes('\\'); pass += 1) {
    const next = unescapeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

const LEADING_TIMESTAMP = /^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const DOCKER_LINE_START = '{"log":';

/**
 * docker json-file lines ({"log":"...\n","stream":"stdout","time":"..."}) become their log text;
 * the container time is kept in front when the log text has no timestamp of its own.
 */
function unwrapDockerJsonLines(text: string): string {
  // Only lines containing '{"log":' can change: find them, rather than splitting the whole paste.
  let out = '';
  let copiedUpTo = 0;
  for (let at = text.indexOf(DOCKER_LINE_START); at !== -1; at = text.indexOf(DOCKER_LINE_START, at)) {
    const lineStart = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const unwrapped = unwrapDockerLine(line);
    if (unwrapped !== line) {
      out += text.slice(copiedUpTo, lineStart) + unwrapped;
      copiedUpTo = lineEnd;
    }
    at = lineEnd;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

function unwrapDockerLine(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith(DOCKER_LINE_START) || !trimmed.endsWith('}')) return line;
  const parsed = parseDockerLine(trimmed);
  if (parsed === null) return line;
  const log = parsed.log.replace(/(?<!\n)\n+$/, '');
  return parsed.time !== null && !LEADING_TIMESTAMP.test(log) ? `${parsed.time} ${log}` : log;
}

function parseDockerLine(line: string): { log: string; time: string | null } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !('log' in value) || typeof value.log !== 'string') return null;
  const time = 'time' in value && typeof value.time === 'string' ? value.time : null;
  return { log: value.log, time };
}
