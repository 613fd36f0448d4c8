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
const MENTIONS = /<at\b[^<>]*>[^<]{0,200}<\/at>|<span\b[^<>]*schema\.skype\.com\/Mention[^<>]*>[^<]{0,200}<\/span>/gi;
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
const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(["'\\/nrtbf]))/g;

export function looksLikeHtml(text: string): boolean {
  return LOOKS_LIKE_HTML.test(text);
}

/** Plain text from a Teams message (HTML or text), with entities decoded and escapes undone. */
export function normalizePaste(textOrHtml: string): string {
  let text = textOrHtml.replace(/\r\n?/g, '\n').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  text = text.replace(MENTIONS, '');
  if (looksLikeHtml(text)) text = htmlToText(text);
  text = decodeEntities(decodeEntities(text));
  text = text.replace(/\u00A0/g, ' ');
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

/** One pass of JSON / Python string unescaping over the whole text. */
export function unescapeOnce(text: string): string {
  return text.replace(ESCAPE, (whole, unicode: string | undefined, byte: string | undefined, simple: string | undefined) => {
    if (unicode !== undefined) return String.fromCharCode(Number.parseInt(unicode, 16));
    if (byte !== undefined) return String.fromCharCode(Number.parseInt(byte, 16));
    return (simple !== undefined ? SIMPLE_ESCAPES[simple] : undefined) ?? whole;
  });
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

/**
 * docker json-file lines ({"log":"...\n","stream":"stdout","time":"..."}) become their log text;
 * the container time is kept in front when the log text has no timestamp of its own.
 */
function unwrapDockerJsonLines(text: string): string {
  if (!text.includes('{"log":')) return text;
  return text
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (!trimmed.startsWith('{"log":') || !trimmed.endsWith('}')) return line;
      const parsed = parseDockerLine(trimmed);
      if (parsed === null) return line;
      const log = parsed.log.replace(/\n+$/, '');
      return parsed.time !== null && !LEADING_TIMESTAMP.test(log) ? `${parsed.time} ${log}` : log;
    })
    .join('\n');
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
