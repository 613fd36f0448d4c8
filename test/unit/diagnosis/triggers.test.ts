// The keyword search that locates the patterns (triggers.ts): it must see every keyword occurrence, and
// each pattern tried only at its keywords must find exactly what a global scan of the whole text finds.
// The second half checks that claim for every real pattern (context, phrases, occurrence ids, secrets)
// on the paste corpus and on generated text built from the patterns' own keywords.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { REDACTED, SECRET_RULES, findSecretTriggers, redactionPass } from '#src/diagnosis/redact.ts';
import { matchesAtCandidates, stickyCopy } from '#src/diagnosis/scan.ts';
import { TEXT_PATTERNS } from '#src/diagnosis/text-triggers.ts';
import {
  candidatesFor,
  compileTriggered,
  findTriggers,
  prefixRelatedLiterals,
  triggeredMatches,
  triggeredTest,
  triggerSet,
  triggerSetFor,
  type TriggeredPattern,
} from '#src/diagnosis/triggers.ts';
import { EXAMPLES, pasteCorpus } from './pattern-examples.ts';

interface Found {
  index: number;
  groups: (string | undefined)[];
}

/** The reference: a plain global scan (empty matches skipped), or the pattern's own test() when it is not global. */
function globalScan(pattern: RegExp, text: string): Found[] {
  const scan = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const found: Found[] = [];
  for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
    if (m[0].length === 0) {
      scan.lastIndex += 1;
      continue;
    }
    found.push({ index: m.index, groups: [...m] });
  }
  return found;
}

function viaTriggers(spec: TriggeredPattern, patterns: readonly TriggeredPattern[], text: string): Found[] {
  const set = triggerSetFor(patterns);
  return triggeredMatches(compileTriggered(set, spec), text, findTriggers(set, text), Number.POSITIVE_INFINITY).map((m) => ({ index: m.index, groups: [...m] }));
}

const corpus = pasteCorpus();

/** Pieces that make matches likely: every keyword (in three cases), the examples, and what surrounds keywords. */
function piecesFor(patterns: readonly TriggeredPattern[]): string[] {
  const keywords = [...new Set(patterns.flatMap((p) => Object.keys(p.starts)))];
  return [
    ...EXAMPLES,
    ...keywords.flatMap((k) => [k, k.toUpperCase(), k.replace(/(^|[^a-z])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase())]),
    ...['Connection ', 'actively ', 'ECONN', 'x-ms-', 'was ', 'being ', 'has been ', 'is being ', 'for ', 'Iot ', 'Iot', 'iot', 'self-signed ', 'remote ', 'x509: '],
    ...['Id', 'ID', ' id', '_id', 'Name', 'Hub', 'Unavailable', 'unavailable', 'NotAuthorized', 'Request Timeout', ' Timeout', 'Agent', 'Hub\'', 'modules/m1/'],
    ...['0123456789abcdef0123456789ABCDEF', '12345678-1234-1234-1234-123456789abc', '404103', '503', '429 ', '500:', '(', ')', '-G:1', '-TimeStamp:05/02/2025 10:15:33'],
    ...['contoso-hub', 'privatelink.', '.', '/', '"', "'", ':', '=', ' ', '  ', '\n', '\t', '-', '_', '$', '5', 'x', 'é', '?api-version=1', 'd1', 'sensor-7'],
  ];
}

function assertSameAsGlobalScan(spec: TriggeredPattern, patterns: readonly TriggeredPattern[], texts: readonly string[]): void {
  const set = triggerSetFor(patterns);
  const compiled = compileTriggered(set, spec);
  for (const text of texts) {
    const hits = findTriggers(set, text);
    if (spec.pattern.global) {
      const expected = globalScan(spec.pattern, text);
      const actual = triggeredMatches(compiled, text, hits, Number.POSITIVE_INFINITY).map((m) => ({ index: m.index, groups: [...m] }));
      assert.deepEqual(actual, expected, `${spec.pattern.source.slice(0, 60)} on ${JSON.stringify(text.slice(0, 200))}`);
    } else {
      assert.equal(triggeredTest(compiled, text, hits), new RegExp(spec.pattern.source, spec.pattern.flags).test(text), `${spec.pattern.source.slice(0, 60)}`);
    }
  }
}

describe('trigger sets', () => {
  it('refuse literals that are prefixes of one another (the search would report only one of them)', () => {
    assert.deepEqual(prefixRelatedLiterals(['tracking', 'Tracking ID', 'device']), [['tracking', 'tracking id']]);
    assert.throws(() => triggerSet(['amqp', 'amqp:']), /prefixes/);
    assert.throws(() => triggerSet(['']), /printable ASCII/);
    assert.throws(() => triggerSet(['café']), /printable ASCII/);
  });

  it('see every occurrence, case-insensitively, including literals inside or overlapping others', () => {
    const set = triggerSet(['ab', 'bc', 'd-x', 'c']);
    const hits = findTriggers(set, 'ABCD-x abc bcab');
    assert.deepEqual(hits.byLiteral, [[0, 7, 13], [1, 8, 11], [3], [2, 9, 12]]);
  });

  it('give sorted candidates without repeats, however leads and literals interleave', () => {
    const set = triggerSet(['key', 'id']);
    const hits = findTriggers(set, 'key id key');
    const leads = new Map([
      [0, [3, 0]],
      [1, [1]],
    ]);
    assert.deepEqual(candidatesFor(hits, leads), [0, 3, 4, 7]);
    assert.deepEqual(candidatesFor(hits, leads, { accept: (offset) => offset !== 4 }), [0, 3, 7]);
    assert.deepEqual(candidatesFor(hits, leads, { earliestStart: (keyword) => keyword }), [0, 7]);
  });

  it('give the same candidates when keywords are dense and leads many (marked) as when they are few (listed)', () => {
    // The reference: every keyword offset minus every lead, filtered, sorted, without repeats.
    const reference = (hits: number[][], leads: Map<number, number[]>, filter: { earliestStart?: (k: number, max: number) => number; accept?: (o: number) => boolean }): number[] => {
      const all = new Set<number>();
      for (const [literal, literalLeads] of leads) {
        for (const offset of hits[literal] ?? []) {
          const earliest = filter.earliestStart?.(offset, literalLeads[0] ?? 0) ?? 0;
          for (const lead of literalLeads) if (offset - lead >= earliest && (filter.accept?.(offset - lead) ?? true)) all.add(offset - lead);
        }
      }
      return [...all].sort((a, b) => a - b);
    };
    const offsets = fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 120 }).map((list) => list.sort((a, b) => a - b));
    const leadList = fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 70 }).map((list) => list.sort((a, b) => b - a));
    fc.assert(
      fc.property(fc.array(fc.tuple(offsets, leadList), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), (literals, modulo, walkBack) => {
        const hits = { byLiteral: literals.map(([found]) => found) };
        const leads = new Map(literals.map(([, list], index) => [index, list]));
        const filter = {
          accept: (offset: number) => offset % modulo !== 1,
          ...(walkBack ? { earliestStart: (keyword: number, maxLead: number) => Math.max(0, keyword - Math.floor(maxLead / 2)) } : {}),
        };
        assert.deepEqual(candidatesFor(hits, leads, filter), reference(hits.byLiteral, leads, filter));
        assert.deepEqual(candidatesFor(hits, leads), reference(hits.byLiteral, leads, {}));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a pattern whose keyword is not in the set', () => {
    assert.throws(() => compileTriggered(triggerSet(['a']), { pattern: /b/g, starts: { b: [0] } }), /not in its set/);
  });

  it('skip candidates inside the previous match, as a global scan does', () => {
    const text = 'aaaa';
    const found = matchesAtCandidates(stickyCopy(/aa/g), text, [0, 1, 2, 3], Number.POSITIVE_INFINITY);
    assert.deepEqual(
      found.map((m) => m.index),
      [0, 2],
    );
    assert.equal(matchesAtCandidates(stickyCopy(/a/g), text, [0, 1, 2, 3], 2).length, 2);
  });

  it('find what a global scan finds, for patterns with variable leads (property)', () => {
    const patterns: TriggeredPattern[] = [
      { pattern: /(?:was|has been) (?:throttled|blocked)\b/gi, starts: { throttled: [4, 9], blocked: [4, 9] } },
      { pattern: /(?<![a-z])[a-z]{1,5}-id\b/g, starts: { '-id': [1, 2, 3, 4, 5] } },
    ];
    const piece = fc.constantFrom('was ', 'has been ', 'throttled', 'Blocked', 'x', 'abc', 'abcdef', '-id', '-ID', ' ', '-', 'ok');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        for (const spec of patterns) assert.deepEqual(viaTriggers(spec, patterns, text), globalScan(spec.pattern, text));
      }),
      { numRuns: 400 },
    );
  });
});

describe('every pattern located by triggers finds what its global scan finds', () => {
  const textPieces = piecesFor(TEXT_PATTERNS);
  const generatedText = fc.array(fc.constantFrom(...textPieces), { maxLength: 40 }).map((parts) => parts.join(''));
  const generated = fc.sample(generatedText, { numRuns: 400, seed: 20250502 });

  TEXT_PATTERNS.forEach((spec, index) => {
    it(`text pattern ${index}: /${spec.pattern.source.slice(0, 50)}…/`, () => {
      assertSameAsGlobalScan(spec, TEXT_PATTERNS, [...corpus, ...EXAMPLES, ...generated]);
    });
  });

  const secretPieces = [...piecesFor(SECRET_RULES), '=', '\\u003d', '&#61;', '%3D', '\\"', '&quot;', 'u0026', '%26', 'abcdefghijklmnopqrstuvwxyz012345', 'eyJhbGciOiJIUzI1NiJ9.e30.sig', '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n',
    `${'Ab3+/'.repeat(17)}x==`, 'Wq48Q~hN3vT.xK_2pLmZc9-RbF7yDe~aU5sGj1oI', '--service-principal', ' -p ', 'FULL', '\t', '%25', '26'];
  const secretText = fc.array(fc.constantFrom(...secretPieces), { maxLength: 40 }).map((parts) => parts.join(''));
  const secretSamples = fc.sample(secretText, { numRuns: 400, seed: 7 });

  SECRET_RULES.forEach((rule, index) => {
    it(`secret rule ${index} (${typeof rule.kind === 'string' ? rule.kind : 'key'})`, () => {
      assertSameAsGlobalScan(rule, SECRET_RULES, [...corpus, ...EXAMPLES.map((example) => `${example}abcdefghijklmnopqrstuvwxyz012345`), ...secretSamples]);
    });
  });

  it('secret keyword offsets carried over a redaction are where the redacted text has its keywords', () => {
    fc.assert(
      fc.property(secretText, (text) => {
        const pass = redactionPass(text);
        const fresh = findSecretTriggers(pass.text);
        fresh.byLiteral.forEach((offsets, literal) => {
          const carried = new Set(pass.triggers.byLiteral[literal]);
          for (const offset of offsets) assert.ok(carried.has(offset), `keyword ${literal} at ${offset} of ${JSON.stringify(pass.text)}`);
        });
        // A second pass over the same text with those offsets is the pass with a fresh search.
        const reused = redactionPass(pass.text, pass.triggers);
        const searched = redactionPass(pass.text);
        assert.equal(reused.text, searched.text);
        assert.deepEqual(reused.report, searched.report);
      }),
      { numRuns: 300 },
    );
  });

  it('"[REDACTED]" contains no secret keyword (the carried offsets rely on it)', () => {
    assert.ok(findSecretTriggers(`x${REDACTED}x${REDACTED.toLowerCase()}`).byLiteral.every((offsets) => offsets.length === 0));
  });
});
