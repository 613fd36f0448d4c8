// The faster ways the parser computes things must give what the plain way gives. Each test holds a
// straightforward reference (the way it used to be computed) and compares on generated input:
// known identifiers vs a scan of every identifier, timestamps vs named groups and Date, unescaping vs
// a regex replace, docker unwrapping vs split/join, redaction vs each rule's global scan in turn,
// record look-up by cursor vs bisection, and the memo vs the function it remembers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IDENTIFIER, knownIdentifierFinder } from '#src/diagnosis/known-identifiers.ts';
import { TextMemo } from '#src/diagnosis/memo.ts';
import { normalizePaste, unescapeOnce } from '#src/diagnosis/normalize.ts';
import { recordIndexAt, recordIndexCursor, splitRecords } from '#src/diagnosis/records.ts';
import { isPlaceholderValue, REDACTED, redactSecrets, SECRET_RULES } from '#src/diagnosis/redact.ts';
import { findTimestamps } from '#src/diagnosis/timestamps.ts';
import type { SecretKind } from '#src/diagnosis/types.ts';

describe('known identifiers', () => {
  const names = ['ServerError', 'ServerErrorException', 'Throttled', 'IOTHUB_CLIENT_X', 'not an identifier', 'ab'];

  /** The reference: every identifier of the text, kept when it is one of the names. */
  function reference(text: string, max: number): { index: number; name: string }[] {
    const wanted = new Set(names);
    const found: { index: number; name: string }[] = [];
    const scan = new RegExp(IDENTIFIER.source, 'g');
    let seen = 0;
    for (let m = scan.exec(text); m !== null && seen < max; m = scan.exec(text)) {
      seen += 1;
      if (wanted.has(m[0])) found.push({ index: m.index, name: m[0] });
    }
    return found;
  }

  const piece = fc.constantFrom(...names, 'x', '1', '12', '_', ' ', '.', 'Exception', 'Error', 'Server', 'abc', '\n', 'é');

  it('are the identifiers of a full scan that are among the names', () => {
    const find = knownIdentifierFinder(names, 1_000_000);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(find(text), reference(text, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 1000 },
    );
  });

  it('stop where a full scan reading at most so many identifiers would stop', () => {
    const find = knownIdentifierFinder(names, 5);
    // Long enough that the bound cannot be ruled out by length alone.
    const text = 'abc Throttled def ghi jkl mno Throttled ServerError pqr';
    assert.deepEqual(find(text), reference(text, 5));
    assert.deepEqual(
      find(text).map((k) => k.index),
      [4],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join(' ');
        assert.deepEqual(find(text), reference(text, 5));
      }),
      { numRuns: 500 },
    );
  });
});

describe('timestamps', () => {
  // The reference: one pattern with named groups, fields converted through Date.
  const MONTH = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
  const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
  const REFERENCE = new RegExp(
    String.raw`(?<![\d/])(?:(?<isoY>\d{4})-(?<isoMo>\d{2})-(?<isoD>\d{2})[T ](?<isoH>\d{2}):(?<isoMi>\d{2})(?::(?<isoS>\d{2})(?:[.,](?<isoF>\d{1,9}))?)?(?:\s?(?<isoZ>Z|[+-]\d{2}:?\d{2}|UTC|GMT)(?![A-Za-z0-9]))?` +
      String.raw`|(?<usMo>\d{1,2})\/(?<usD>\d{1,2})\/(?<usY>\d{4}),?[ T](?<usH>\d{1,2}):(?<usMi>\d{2}):(?<usS>\d{2})(?:\.(?<usF>\d{1,9}))?(?:\s?(?<usAp>[AaPp][Mm])\b)?` +
      String.raw`|${DAY}, (?<rD>\d{1,2}) (?<rMo>${MONTH}) (?<rY>\d{4}) (?<rH>\d{2}):(?<rMi>\d{2}):(?<rS>\d{2}) (?:GMT|UTC)` +
      String.raw`|${DAY} (?<aMo>${MONTH}) +(?<aD>\d{1,2}) (?<aH>\d{2}):(?<aMi>\d{2}):(?<aS>\d{2}) (?<aY>\d{4}))`,
    'g',
  );
  const MONTHS = MONTH.toLowerCase().split('|');
  const n = (text: string | undefined): number => (text === undefined ? Number.NaN : Number.parseInt(text, 10));
  const month = (name: string | undefined): number => (name === undefined ? Number.NaN : MONTHS.indexOf(name.toLowerCase()) + 1);

  function viaDate(y: number, mo: number, d: number, h: number, mi: number, s: number, f: string | undefined, zone: string | undefined): string | null {
    let offset = 0;
    if (zone !== undefined && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
      const digits = zone.slice(1).replace(':', '');
      offset = (zone.startsWith('-') ? -1 : 1) * (n(digits.slice(0, 2)) * 60 + n(digits.slice(2, 4)));
    }
    if (![y, mo, d, h, mi, s, offset].every(Number.isFinite)) return null;
    if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
    const millis = f === undefined ? 0 : n(f.slice(0, 3).padEnd(3, '0'));
    return new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), millis) - offset * 60_000).toISOString();
  }

  function reference(text: string): { index: number; iso: string | null; raw: string }[] {
    const found: { index: number; iso: string | null; raw: string }[] = [];
    REFERENCE.lastIndex = 0;
    for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
      const g = m.groups ?? {};
      let iso: string | null;
      if (g['isoY'] !== undefined) iso = viaDate(n(g['isoY']), n(g['isoMo']), n(g['isoD']), n(g['isoH']), n(g['isoMi']), n(g['isoS'] ?? '0'), g['isoF'], g['isoZ']);
      else if (g['usY'] !== undefined) {
        let hour = n(g['usH']);
        const ampm = g['usAp']?.toUpperCase();
        let valid = true;
        if (ampm !== undefined) {
          if (hour < 1 || hour > 12) valid = false;
          hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
        }
        let mo = n(g['usMo']);
        let d = n(g['usD']);
        if (mo > 12 && d <= 12) [mo, d] = [d, mo];
        iso = valid ? viaDate(n(g['usY']), mo, d, hour, n(g['usMi']), n(g['usS']), g['usF'], undefined) : null;
      } else if (g['rY'] !== undefined) iso = viaDate(n(g['rY']), month(g['rMo']), n(g['rD']), n(g['rH']), n(g['rMi']), n(g['rS']), undefined, undefined);
      else iso = viaDate(n(g['aY']), month(g['aMo']), n(g['aD']), n(g['aH']), n(g['aMi']), n(g['aS']), undefined, undefined);
      found.push({ index: m.index, iso, raw: m[0] });
    }
    return found;
  }

  const two = (k: number): string => String(k).padStart(2, '0');
  const int = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });
  const iso = fc
    .tuple(int(1985, 2105), int(0, 13), int(0, 32), int(0, 25), int(0, 61), fc.option(int(0, 61)), fc.option(fc.stringMatching(/^[0-9]{1,10}$/)), fc.constantFrom('', 'Z', ' UTC', 'GMT', '+02:00', '-0530', '\t+14:00', '\u00a0Z', ' Zulu'))
    .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${two(mo)}-${two(d)}${h % 2 ? 'T' : ' '}${two(h)}:${two(mi)}${s === null ? '' : `:${two(s)}${f === null ? '' : `${mi % 2 ? '.' : ','}${f}`}`}${z}`);
  const us = fc
    .tuple(int(0, 32), int(0, 32), int(1985, 2105), int(0, 25), int(0, 61), int(0, 61), fc.option(fc.stringMatching(/^[0-9]{1,9}$/)), fc.constantFrom('', ' AM', ' PM', 'pm', ' Am'))
    .map(([mo, d, y, h, mi, s, f, ap]) => `${mo}/${d}/${y}${d % 3 === 0 ? ',' : ''}${h % 2 ? ' ' : 'T'}${h}:${two(mi)}:${two(s)}${f === null ? '' : `.${f}`}${ap}`);
  const rfc = fc
    .tuple(fc.constantFrom('Mon', 'Sun'), int(0, 32), fc.constantFrom('Jan', 'Feb', 'Dec'), int(1985, 2105), int(0, 25), int(0, 61), int(0, 61), fc.constantFrom('GMT', 'UTC'))
    .map(([day, d, mo, y, h, mi, s, z]) => `${day}, ${d} ${mo} ${y} ${two(h)}:${two(mi)}:${two(s)} ${z}`);
  const asc = fc
    .tuple(fc.constantFrom('Tue', 'Sat'), fc.constantFrom('Feb', 'Mar', 'Nov'), fc.constantFrom(' ', '  '), int(0, 32), int(0, 25), int(0, 61), int(0, 61), int(1985, 2105))
    .map(([day, mo, gap, d, h, mi, s, y]) => `${day} ${mo}${gap}${d} ${two(h)}:${two(mi)}:${two(s)} ${y}`);
  const noise = fc.constantFrom('', ' ', '/', '1', 'x', '\n', ', ', 'at ');

  it('are read as a pattern with named groups and Date would read them, in all four formats', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, fc.oneof(iso, us, rfc, asc)), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([before, stamp]) => before + stamp).join('');
        assert.deepEqual(findTimestamps(text), reference(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalisation', () => {
  const SIMPLE: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', r: '', t: '\t', b: ' ', f: ' ' };
  const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(["'\\/nrtbf]))/g;
  const referenceUnescape = (text: string): string =>
    text.replace(ESCAPE, (whole, unicode: string | undefined, byte: string | undefined, simple: string | undefined) => {
      if (unicode !== undefined) return String.fromCharCode(Number.parseInt(unicode, 16));
      if (byte !== undefined) return String.fromCharCode(Number.parseInt(byte, 16));
      return (simple !== undefined ? SIMPLE[simple] : undefined) ?? whole;
    });

  it('undoes one level of escapes as a regex replace does', () => {
    const piece = fc.constantFrom('\\', '\\', 'u', 'x', '0', '9', 'a', 'F', 'g', '"', "'", '/', 'n', 'r', 't', 'b', 'f', 'q', ' ', 'é', '\u00e9');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(unescapeOnce(text), referenceUnescape(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('unwraps docker json-file lines as a line by line rewrite does', () => {
    const line = fc.constantFrom(
      '{"log":"2025-05-02T10:15:00Z ERROR x\\n","stream":"stdout","time":"2025-05-02T10:15:01Z"}',
      '  {"log":"plain line\\n","stream":"stderr","time":"2025-05-02T10:15:02Z"}  ',
      '{"log":"no time"}',
      '{"log":1}',
      '{"log":"not closed"',
      'prefix {"log":"x"}',
      'ordinary line',
      '',
    );
    const reference = (text: string): string =>
      text
        .split('\n')
        .map((l) => {
          const trimmed = l.trim();
          if (!trimmed.startsWith('{"log":') || !trimmed.endsWith('}')) return l;
          try {
            const value = JSON.parse(trimmed) as { log?: unknown; time?: unknown };
            if (typeof value.log !== 'string') return l;
            const log = value.log.replace(/\n+$/, '');
            return typeof value.time === 'string' && !/^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(log) ? `${value.time} ${log}` : log;
          } catch {
            return l;
          }
        })
        .join('\n');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        // No backslash left after unwrapping in these lines, so normalisation is the unwrapping alone.
        const text = lines.join('\n');
        assert.equal(normalizePaste(text), referenceUnescape(reference(text)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('redaction', () => {
  /** The reference: each rule's global scan over the text the previous rules left, in order. */
  function reference(text: string): { text: string; count: number; kinds: Set<SecretKind> } {
    let out = text;
    let count = 0;
    const kinds = new Set<SecretKind>();
    for (const rule of SECRET_RULES) {
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
      let next = '';
      let copiedUpTo = 0;
      for (let m = pattern.exec(out); m !== null; m = pattern.exec(out)) {
        const value = rule.wholeMatch ? m[0] : m.groups?.['value'];
        if (value === undefined || isPlaceholderValue(value) || value.length < (rule.minLength ?? 1)) continue;
        count += 1;
        kinds.add(typeof rule.kind === 'function' ? rule.kind(m) : rule.kind);
        next += out.slice(copiedUpTo, m.index) + (rule.wholeMatch ? '' : m[0].slice(0, m[0].length - value.length)) + REDACTED;
        copiedUpTo = m.index + m[0].length;
      }
      if (copiedUpTo > 0) out = next + out.slice(copiedUpTo);
    }
    return { text: out, count, kinds };
  }

  it('replaces what each rule, scanning in turn, would replace', () => {
    const piece = fc.constantFrom(
      'SharedAccessKey=', 'sharedaccesskey:', 'sig=', '&sig=', 'u0026sig=', 'AccountKey=', 'Password=', 'pwd:', 'primaryKey', '"secondaryKey": "', '--primary-key ',
      '--secondary-key=', 'Bearer ', 'access_token=', 'refresh_token:', 'idtoken=', 'eyJ', 'eyJhbGciOiJIUzI1NiJ9', '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----',
      '\\u003d', '&#61;', '%3D', '\\"', '&quot;', 'null', 'xxxx', REDACTED, 'abcdefghijklmnop0123456789+/', '=', ';', ' ', '\n', '"', 'a', '9', '.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const expected = reference(text);
        const actual = redactSecrets(text);
        assert.equal(actual.text, expected.text);
        assert.equal(actual.report.count, expected.count);
        assert.deepEqual(new Set(actual.report.kinds), expected.kinds);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('record look-up by cursor', () => {
  it('finds the record bisection finds, for offsets in increasing order and after a step back', () => {
    const line = fc.constantFrom('2025-05-02T10:15:00Z ERROR x', '   at Foo.Bar()', '', 'HTTP/1.1 503 Service Unavailable', 'Content-Type: x', 'text');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (lines, raw) => {
        const text = lines.join('\n');
        const records = splitRecords(text);
        const offsets = raw.map((n) => n % (text.length + 2)).sort((a, b) => a - b);
        const at = recordIndexCursor(records);
        for (const offset of offsets) assert.equal(at(offset), recordIndexAt(records, offset));
        if (offsets.length > 0) assert.equal(at(0), recordIndexAt(records, 0));
      }),
      { numRuns: 500 },
    );
  });
});

describe('text memo', () => {
  it('returns what the function returns, and stays within its bound', () => {
    let calls = 0;
    const memo = new TextMemo((text) => {
      calls += 1;
      return text.toUpperCase();
    }, 3);
    assert.equal(memo.get('a'), 'A');
    assert.equal(memo.get('a'), 'A');
    assert.equal(calls, 1);
    for (const text of ['b', 'c', 'd', 'e']) assert.equal(memo.get(text), text.toUpperCase());
    // Emptied when full: 'a' is computed again, and the results are still right.
    assert.equal(memo.get('a'), 'A');
    assert.equal(calls, 6);
  });
});
