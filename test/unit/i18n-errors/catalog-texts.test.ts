import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import catalog from '#src/diagnosis/catalog/iothub-error-codes.json' with { type: 'json' };
import { en } from '#src/i18n/errors/en.ts';
import { fr } from '#src/i18n/errors/fr.ts';
import { errorText } from '#src/i18n/errors/families.ts';
import type { ErrorText, ErrorTextCatalog } from '#src/i18n/errors/types.ts';
import {
  MARKUP_SAMPLES_THAT_MUST_FAIL,
  MAX_ACTIONS,
  MAX_ACTION_CHARS,
  MAX_CAUSE_CHARS,
  MAX_TITLE,
  allText,
  fieldsOf,
  frenchTypographyProblems,
  markupProblems,
  sentenceCount,
} from './text-rules.ts';

const locales: [string, ErrorTextCatalog][] = [
  ['en', en],
  ['fr', fr],
];
const codes = catalog.map((entry) => entry.code);

function textOf(table: ErrorTextCatalog, code: number): ErrorText {
  const text = table[code];
  assert.ok(text, `missing text for ${code}`);
  return text;
}

describe('error texts cover the catalog', () => {
  it('the catalog has the 171 codes the texts were written for', () => {
    assert.equal(codes.length, 171);
    assert.equal(new Set(codes).size, 171);
  });

  for (const [locale, table] of locales) {
    it(`${locale}: exactly one text per catalog code, no extra keys`, () => {
      assert.deepEqual(
        Object.keys(table).map(Number).sort((a, b) => a - b),
        [...codes].sort((a, b) => a - b),
      );
      for (const code of codes) assert.equal(errorText(locale === 'en' ? 'en' : 'fr', code), table[code]);
    });
  }

  it('errorText is undefined for a code outside the catalog', () => {
    assert.equal(errorText('en', 999999), undefined);
    assert.equal(errorText('fr', 400034), undefined);
  });
});

describe('error texts respect the shape and length rules', () => {
  for (const [locale, table] of locales) {
    it(`${locale}: non-empty fields, title ≤ ${MAX_TITLE}, cause 1–3 sentences, 1–${MAX_ACTIONS} short actions`, () => {
      for (const code of codes) {
        const text = textOf(table, code);
        const where = `${locale} ${code}`;
        assert.ok(text.title.trim().length > 0, `${where}: empty title`);
        assert.ok(text.title.length <= MAX_TITLE, `${where}: title too long (${text.title.length})`);
        assert.ok(text.cause.trim().length > 0, `${where}: empty cause`);
        assert.ok(text.cause.length <= MAX_CAUSE_CHARS, `${where}: cause too long (${text.cause.length})`);
        const sentences = sentenceCount(text.cause);
        assert.ok(sentences >= 1 && sentences <= 3, `${where}: cause has ${sentences} sentences`);
        assert.ok(text.actions.length >= 1 && text.actions.length <= MAX_ACTIONS, `${where}: ${text.actions.length} actions`);
        for (const action of text.actions) {
          assert.ok(action.trim().length > 0, `${where}: empty action`);
          assert.ok(action.length <= MAX_ACTION_CHARS, `${where}: action too long (${action.length})`);
        }
        if (text.transientNote !== undefined) assert.ok(text.transientNote.trim().length > 0, `${where}: empty transientNote`);
      }
    });

    it(`${locale}: a retry note exactly where retrying can help (transient true or undetermined)`, () => {
      for (const entry of catalog) {
        const text = textOf(table, entry.code);
        assert.equal(
          text.transientNote !== undefined,
          entry.transient !== false,
          `${locale} ${entry.code}: transient=${String(entry.transient)} but transientNote ${text.transientNote === undefined ? 'absent' : 'present'}`,
        );
      }
    });

    it(`${locale}: every code has its own title and cause (specific, not one text for a whole family)`, () => {
      const titles = new Map<string, number>();
      const causes = new Map<string, number>();
      for (const code of codes) {
        const text = textOf(table, code);
        assert.ok(!titles.has(text.title), `${locale} ${code}: same title as ${titles.get(text.title)}`);
        assert.ok(!causes.has(text.cause), `${locale} ${code}: same cause as ${causes.get(text.cause)}`);
        titles.set(text.title, code);
        causes.set(text.cause, code);
      }
    });
  }

  it('the texts are frozen', () => {
    const text = textOf(en, 500001);
    assert.ok(Object.isFrozen(en) && Object.isFrozen(fr) && Object.isFrozen(text) && Object.isFrozen(text.actions));
  });
});

describe('error texts are plain text', () => {
  it('the markup rules catch links, HTML, raw URLs and markdown', () => {
    for (const sample of MARKUP_SAMPLES_THAT_MUST_FAIL) assert.notDeepEqual(markupProblems(sample), [], sample);
  });

  for (const [locale, table] of locales) {
    it(`${locale}: no markdown link, no < or >, no raw URL in any field`, () => {
      for (const code of codes) {
        for (const field of fieldsOf(textOf(table, code))) {
          assert.deepEqual(markupProblems(field), [], `${locale} ${code}: ${field}`);
        }
      }
    });
  }
});

describe('French texts are French', () => {
  it('no French field equals the English one', () => {
    for (const code of codes) {
      const e = textOf(en, code);
      const f = textOf(fr, code);
      assert.notEqual(f.title, e.title, `${code} title`);
      assert.notEqual(f.cause, e.cause, `${code} cause`);
      assert.equal(f.actions.length > 0, true);
      for (const action of f.actions) assert.ok(!e.actions.includes(action), `${code}: untranslated action ${action}`);
      assert.equal(f.transientNote === undefined, e.transientNote === undefined, `${code}: transientNote presence differs`);
      if (f.transientNote !== undefined) assert.notEqual(f.transientNote, e.transientNote, `${code} transientNote`);
    }
  });

  it('French typography is consistent: no-break space before ; : ! ? », typographic apostrophe', () => {
    assert.notDeepEqual(frenchTypographyProblems("l'appareil : ok"), []);
    for (const code of codes) {
      for (const field of fieldsOf(textOf(fr, code))) {
        assert.deepEqual(frenchTypographyProblems(field), [], `fr ${code}: ${field}`);
      }
    }
  });

  const TUTOIEMENT = new Set(['tu', 'ton', 'ta', 'tes', 'toi', 'te']);

  it('French uses vouvoiement in its imperative steps', () => {
    let imperatives = 0;
    for (const code of codes) {
      for (const action of textOf(fr, code).actions) {
        const words = action.toLowerCase().split(/[^\p{L}]+/u);
        assert.ok(!words.some((word) => TUTOIEMENT.has(word)), `fr ${code}: tutoiement in ${action}`);
        if (/^\S+ez\b/u.test(action) || /^N’\S+ez\b/u.test(action)) imperatives += 1;
      }
    }
    assert.ok(imperatives > 300, `only ${imperatives} actions start with a -ez imperative`);
  });
});

describe('texts are our own words, not the catalog facts', () => {
  /** The facts, whole and cut into clauses, that are long enough to be recognisable. */
  function factFragments(): string[] {
    const fragments = new Set<string>();
    for (const entry of catalog) {
      for (const facts of [entry.causeFacts, entry.fixFacts]) {
        if (facts.length > 30) fragments.add(facts.toLowerCase());
        for (const piece of facts.split(/[;.]\s+|\s+-\s+|:\s+/)) {
          const clause = piece.trim().toLowerCase();
          if (clause.length > 30) fragments.add(clause);
        }
      }
    }
    return [...fragments];
  }

  it('no causeFacts/fixFacts string or clause longer than 30 characters appears verbatim', () => {
    const fragments = factFragments();
    assert.ok(fragments.length > 100, 'the check must look at many facts');
    const copied = `Cause: ${catalog.find((entry) => entry.code === 412002)?.fixFacts ?? ''}`.toLowerCase();
    assert.ok(fragments.some((fragment) => copied.includes(fragment)), 'a pasted fact must be detected');
    for (const [locale, table] of locales) {
      for (const code of codes) {
        const body = allText(textOf(table, code)).toLowerCase();
        for (const fragment of fragments) assert.ok(!body.includes(fragment), `${locale} ${code} copies: ${fragment}`);
      }
    }
  });
});
