// Diagnosis time stays linear in the paste, whatever follows a keyword. A keyword followed by a long run of
// white space or of one separator, and no value after it, is where a pattern with two repeats around an
// optional token (\s*X?\s*) tries every split of the run: `SharedAccessKey=` and 64 K spaces took 20 s.
// Every keyword the code searches for is tried (read from its trigger sets, so a new keyword is covered
// without editing this file), with every white-space kind and every separator, and so is every keyword
// repeated (each position of the run is then a start). Each time is compared with the time of ordinary text
// of the same length measured in the same test: a multiple, never absolute milliseconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { SECRET_TRIGGERS } from '#src/diagnosis/redact.ts';
import { SERVICE_TRIGGERS } from '#src/diagnosis/service.ts';
import { TEXT_TRIGGERS } from '#src/diagnosis/text-triggers.ts';
import { EXAMPLES, pasteCorpus } from './pattern-examples.ts';

const RUN = 50_000;
/** A probe may take this many times as long as ordinary text of its length ... */
const MULTIPLE = 5;
/** ... plus the time of ordinary text this many times shorter (the constant part of a diagnosis). */
const SHORTER = 10;
/** Times a slow probe is timed again, each time next to ordinary text, before it counts as slow ... */
const RETRIES = 3;
/** ... unless it is this many times over its allowance, which no busy machine explains. */
const FAR_OVER = 20;

const WHITESPACE: readonly (readonly [name: string, unit: string])[] = [
  ['space', ' '],
  ['tab', '\t'],
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['NBSP', '\u00a0'],
  ['em space', '\u2003'],
  ['ideographic space', '\u3000'],
  ['line separator', '\u2028'],
  ['zero-width no-break space', '\ufeff'],
];
const SEPARATORS: readonly string[] = ['=', ':', '"', "'", '&quot;', '\\u003d', '%3D', '\\'];

const KEYWORDS: readonly string[] = [
  ...new Set([...SECRET_TRIGGERS.literals, ...TEXT_TRIGGERS.literals, ...SERVICE_TRIGGERS.literals].map((keyword) => keyword.toLowerCase())),
];

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const ORDINARY = pasteCorpus().join('\n\n');

function elapsed(text: string): number {
  const started = performance.now();
  diagnose(text, { maxChars: text.length });
  return performance.now() - started;
}

function fastest(text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) best = Math.min(best, elapsed(text));
  return best;
}

/** How long ordinary text of a probe's length may take, measured now (and again when a probe seems slow). */
class Allowance {
  private readonly length: number;
  private limit = 0;

  constructor(length: number) {
    this.length = length;
    this.measure();
  }

  private measure(): void {
    const ordinary = fastest(repeatTo(ORDINARY, this.length), 5);
    const constant = fastest(repeatTo(ORDINARY, Math.ceil(this.length / SHORTER)), 5);
    this.limit = MULTIPLE * ordinary + constant;
  }

  /**
   * The probe's time when it stays over the allowance, else null. A probe slow once is timed again next to ordinary
   * text, a few times: a busy machine slows both, a super-linear pattern only the probe (by far: it is then reported
   * at once rather than run again for seconds).
   */
  overrun(text: string): { ms: number; limit: number } | null {
    if (elapsed(text) <= this.limit) return null;
    let ms = Number.POSITIVE_INFINITY;
    for (let retry = 0; retry < RETRIES; retry += 1) {
      this.measure();
      ms = fastest(text, 3);
      if (ms <= this.limit) return null;
      if (ms > FAR_OVER * this.limit) break;
    }
    return { ms, limit: this.limit };
  }
}

interface Probe {
  label: string;
  text: string;
}

/** Slow probes reported at most: a quadratic one takes seconds a run. */
const MAX_REPORTED = 3;

function assertLinear(probes: readonly Probe[]): void {
  const allowance = new Allowance(RUN);
  const slow: string[] = [];
  for (const { label, text } of probes) {
    const over = allowance.overrun(text);
    if (over !== null) slow.push(`${label}: ${over.ms.toFixed(0)} ms, more than ${MULTIPLE}x ordinary text (${over.limit.toFixed(0)} ms)`);
    if (slow.length >= MAX_REPORTED) break;
  }
  assert.deepEqual(slow, [], `super-linear diagnosis:\n${slow.join('\n')}`);
}

/** How a keyword is written: as searched, upper case, or each word capitalised (some patterns are case-sensitive). */
const spelling = fc.constantFrom(
  (keyword: string) => keyword,
  (keyword: string) => keyword.toUpperCase(),
  (keyword: string) => keyword.replace(/(^|[^a-z])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase()),
);
/** What can come between a keyword and its value, before the run. */
const separator = fc.constantFrom('', ...SEPARATORS, ': ', '": "', '\\":\\"', '=\\"', '&quot;:&quot;');

interface Decoration {
  spell: (keyword: string) => string;
  separator: string;
}

const decoration: fc.Arbitrary<Decoration> = fc.record({ spell: spelling, separator });
/** One decoration per keyword, so that every keyword is tried in each test. */
const decorations = fc.array(decoration, { minLength: KEYWORDS.length, maxLength: KEYWORDS.length });

function eachKeyword(decorated: readonly Decoration[], probe: (keyword: string, d: Decoration) => Probe): Probe[] {
  return KEYWORDS.map((keyword, index) => probe(keyword, decorated[index] ?? { spell: (k) => k, separator: '' }));
}

/** Every example cut right before each character that can separate a name from its value, and right after it. */
function examplePrefixes(): string[] {
  const prefixes = new Set<string>();
  for (const example of EXAMPLES) {
    for (let at = 1; at < example.length; at += 1) {
      // Letters, digits and the '_ . ~ -' of ids and host names continue a word.
      if (/[\w.~-]/.test(example.charAt(at))) continue;
      prefixes.add(example.slice(0, at));
      prefixes.add(example.slice(0, at + 1));
    }
    prefixes.add(example);
  }
  return [...prefixes];
}

// Shapes that were super-linear before, and the other places where many starts meet one long run.
const SHAPES: readonly Probe[] = [
  { label: 'a Teams mention tag that never closes', text: `<span itemtype="http://${repeatTo('schema.skype.com/Mention ', RUN)}` },
  { label: 'a docker log line with thousands of escaped newlines before its text', text: `{"log":"${repeatTo('\\n', RUN)}x","stream":"stdout"}` },
  { label: 'error-code labels followed by spaces before many numbers', text: repeatTo(`code${' '.repeat(40)},123456 `, RUN) },
  { label: 'HttpStatusCode labels followed by spaces before many names', text: repeatTo(`HttpStatusCode${' '.repeat(30)}"ServerErrorException `, RUN) },
  { label: 'iothub-errorcode headers followed by spaces before many numbers', text: repeatTo(`iothub-errorcode: "${' '.repeat(26)}#404103 `, RUN) },
  { label: 'az iot hub commands, then -n and spaces', text: `${'az iot hub show '.repeat(20)}-n${' '.repeat(RUN)}` },
  { label: 'device prose with long ids ending in a slash', text: repeatTo(`for device ${'a'.repeat(127)}/ `, RUN) },
  { label: 'private key header words without PRIVATE', text: `-----BEGIN ${repeatTo('RSA ', RUN)}` },
  { label: 'IoT Edge daemon names back to back', text: repeatTo('aziot-', RUN) },
  { label: 'IoT Edge socket names back to back', text: repeatTo('keyd.sock ', RUN) },
  { label: 'unterminated HTML tags', text: repeatTo('<p title="x" ', RUN) },
  { label: 'backslashes after a keyword', text: `SharedAccessKey=${repeatTo('\\', RUN)}` },
  { label: 'escaped quotes after a keyword', text: `password=${repeatTo('\\"', RUN)}` },
  // SDK names are not trigger keywords: each one read looks at a bounded stretch on each side (sdk-version.ts)
  { label: 'SDK package names back to back', text: repeatTo('Microsoft.Azure.Devices.Client ', RUN) },
  { label: 'package-manager version options without a version', text: repeatTo('Microsoft.Azure.Devices.Client --version   ', RUN) },
  { label: 'PackageReference Version attributes before names, without a number', text: repeatTo('Version="1.2.3-" Include="azure-iot-device', RUN) },
  { label: 'an SDK name, then spaces', text: `azure-iot-device${' '.repeat(RUN)}` },
];

describe('diagnosis time is linear in the paste', () => {
  it(`knows its keywords (${KEYWORDS.length}) from the trigger sets`, () => {
    assert.ok(KEYWORDS.length >= 100);
    for (const keyword of ['sharedaccesskey', 'accountkey', 'passw', 'token', 'device id', 'module id', 'correlation', 'hub name', 'status', 'http', 'enrollment', 'linked hub']) {
      assert.ok(KEYWORDS.includes(keyword), keyword);
    }
  });

  for (const [name, unit] of WHITESPACE) {
    it(`every keyword, a separator, then ${RUN.toLocaleString('en-US')} × ${name}`, () => {
      fc.assert(
        fc.property(decorations, (decorated) => {
          assertLinear(
            eachKeyword(decorated, (keyword, d) => {
              const head = d.spell(keyword) + d.separator;
              return { label: `${JSON.stringify(head)} + ${name}`, text: head + repeatTo(unit, RUN) };
            }),
          );
        }),
        { numRuns: 1, endOnFailure: true },
      );
    });
  }

  for (const unit of SEPARATORS) {
    it(`every keyword, then ${RUN.toLocaleString('en-US')} characters of ${JSON.stringify(unit)}`, () => {
      fc.assert(
        fc.property(decorations, (decorated) => {
          assertLinear(eachKeyword(decorated, (keyword, d) => ({ label: `${JSON.stringify(d.spell(keyword))} + ${JSON.stringify(unit)}…`, text: d.spell(keyword) + repeatTo(unit, RUN) })));
        }),
        { numRuns: 1, endOnFailure: true },
      );
    });
  }

  it(`every keyword repeated over ${RUN.toLocaleString('en-US')} characters (each occurrence a start)`, () => {
    fc.assert(
      fc.property(decorations, (decorated) => {
        assertLinear(
          eachKeyword(decorated, (keyword, d) => {
            const unit = d.spell(keyword) + d.separator;
            return { label: `${JSON.stringify(unit)} repeated`, text: repeatTo(unit, RUN) };
          }),
        );
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });

  it('every pattern example, cut before its value, then a white-space run', () => {
    const prefixes = examplePrefixes();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WHITESPACE), { minLength: prefixes.length, maxLength: prefixes.length }), (kinds) => {
        assertLinear(
          prefixes.map((prefix, index) => {
            const [name, unit] = kinds[index] ?? ['space', ' '];
            return { label: `${JSON.stringify(prefix)} + ${name}`, text: prefix + repeatTo(unit, RUN) };
          }),
        );
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });

  it('shapes that were super-linear before, and runs where every position is a start', () => {
    assertLinear(SHAPES.map(({ label, text }) => ({ label, text: text.slice(0, RUN + 64) })));
  });
});
