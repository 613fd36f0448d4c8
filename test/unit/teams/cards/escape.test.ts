import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, echo, escapeMarkdown, plainEcho } from '#src/teams/cards/escape.ts';
import { formatTime, toUtc } from '#src/teams/cards/time.ts';

test('escapeMarkdown backslash-escapes every markdown control character', () => {
  for (const c of ['\\', '`', '*', '_', '[', ']', '(', ')', '#', '+', '-', '.', '!', '<', '>', '|', '~', '{', '}']) {
    assert.equal(escapeMarkdown(`a${c}b`), `a\\${c}b`, c);
  }
  assert.equal(escapeMarkdown('plain text 123'), 'plain text 123');
});

test('links, images, mentions, emphasis, date functions and template expressions come out inert', () => {
  const cases: [string, string][] = [
    ['[click](https://evil)', '\\[click\\]\\(https://evil\\)'],
    ['![x](http://x)', '\\!\\[x\\]\\(http://x\\)'],
    ['<at>Alice</at>', '\\<at\\>Alice\\</at\\>'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['${root}', '$\\{root\\}'],
    ['{{DATE(2026-01-06T10:00:00Z, SHORT)}}', '\\{\\{DATE\\(2026\\-01\\-06T10:00:00Z, SHORT\\)\\}\\}'],
  ];
  for (const [input, expected] of cases) assert.equal(echo(input), expected, input);
  // No unescaped construct survives: every [ ( * < { is preceded by a backslash.
  for (const [input] of cases) assert.doesNotMatch(echo(input), /(^|[^\\])[[(*<{!]/, input);
});

test('echo collapses whitespace and line breaks so no block construct (heading, list, quote) can start', () => {
  assert.equal(echo('  a \n\n# title\r\n- item\t> quote  '), 'a \\# title \\- item \\> quote');
  assert.equal(echo('x\u2028y\u2029z'), 'x y z');
});

test('cleanText removes control, bidi and zero-width characters and repairs lone surrogates', () => {
  assert.equal(cleanText('a\u0000b\u0007c\u009bd'), 'a b c d');
  assert.equal(cleanText('evil\u202Egnp.exe'), 'evilgnp.exe');
  assert.equal(cleanText('zero\u200Bwidth\uFEFF'), 'zerowidth');
  assert.equal(cleanText('x\uD800y\uDC00z'), 'x\uFFFDy\uFFFDz');
  assert.equal(cleanText('emoji 😀 ok'), 'emoji 😀 ok');
  const serialized = JSON.stringify(cleanText('\uD83D'));
  assert.ok(!serialized.includes('\\u'), serialized);
});

test('values are cut to a number of code points, never inside a surrogate pair, with an ellipsis', () => {
  assert.equal(cleanText('abcdef', 4), 'abc…');
  assert.equal(cleanText('abcd', 4), 'abcd');
  const emoji = '😀'.repeat(500);
  const cut = cleanText(emoji, 10);
  assert.equal(Array.from(cut).length, 10);
  assert.ok(cut.endsWith('…'));
  assert.ok(!/[\uD800-\uDBFF]…$/.test(cut), 'no half pair before the ellipsis');
  // 1 MB on one line: bounded output, whatever its content.
  const mb = 'A'.repeat(1024 * 1024);
  assert.equal(Array.from(cleanText(mb)).length, 200);
  assert.ok(echo('[x](y)'.repeat(200_000)).length <= 400);
  // Whitespace-heavy input is still cut from the start, not scanned in full.
  assert.equal(cleanText(' '.repeat(1024 * 1024) + 'tail', 10), '…');
});

test('plainEcho keeps text verbatim for TextRuns and buttons but breaks the few sequences a host still reads', () => {
  assert.equal(plainEcho('abc-123.def_ghi'), 'abc-123.def_ghi');
  const out = plainEcho('${root} {{DATE(2026-01-06T10:00:00Z)}} <at>Bob</at>');
  assert.ok(!out.includes('${'));
  assert.ok(!out.includes('{{'));
  assert.ok(!/<\/?at>/i.test(out));
});

test('timestamps: ISO with a zone is shown in UTC, anything else as seen (escaped), never guessed', () => {
  assert.equal(toUtc('2026-01-06T09:00:00.1234567Z'), '2026-01-06 09:00:00');
  assert.equal(toUtc('2026-01-06T09:00:00+02:00'), '2026-01-06 07:00:00');
  assert.equal(toUtc('2026-01-06 09:00:00'), null);
  assert.equal(toUtc('2026-13-06T09:00:00Z'), null);
  assert.equal(formatTime('en', '2026-01-06T09:00:00Z'), '2026-01-06 09:00:00 UTC');
  assert.equal(formatTime('fr', '2026-01-06 09:00:00'), '2026\\-01\\-06 09:00:00');
  assert.equal(formatTime('en', '[x](y)'), '\\[x\\]\\(y\\)');
});
