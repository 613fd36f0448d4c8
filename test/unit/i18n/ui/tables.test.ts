import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '#src/i18n/ui/en.ts';
import { fr } from '#src/i18n/ui/fr.ts';
import { selectLocale } from '#src/core/locale.ts';
import { uiStrings, fill, plural } from '#src/i18n/index.ts';

/** Every leaf path of a string table, with its value; arrays are indexed so lengths must match too. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => leaves(item, `${path}[${i}]`).forEach((v, k) => out.set(k, v)));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) leaves(item, path === '' ? key : `${path}.${key}`).forEach((v, k) => out.set(k, v));
  } else out.set(path, `<${typeof value}>`);
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] ?? '').sort();

test('en and fr UI tables have exactly the same keys (and list lengths)', () => {
  const enKeys = [...leaves(en).keys()].sort();
  const frKeys = [...leaves(fr).keys()].sort();
  assert.ok(enKeys.length > 100, `a real table (${enKeys.length} strings)`);
  assert.deepEqual(frKeys, enKeys);
  // The tables served at run time (fr gets French typography applied) keep the same shape.
  assert.deepEqual([...leaves(uiStrings('fr')).keys()].sort(), enKeys);
});

test('every string is non-empty, uses the same placeholders in both locales, and the French one is translated', () => {
  const enLeaves = leaves(en);
  const frLeaves = leaves(fr);
  let identical = 0;
  for (const [key, enText] of enLeaves) {
    const frText = frLeaves.get(key) ?? '';
    assert.ok(enText.trim() !== '' && frText.trim() !== '', `${key} is empty`);
    assert.deepEqual(placeholders(frText), placeholders(enText), `${key}: placeholders differ`);
    if (enText === frText) identical++;
  }
  // A few strings are the same in both languages (product names, "{time} UTC", "Hub"), most are not.
  assert.ok(identical < enLeaves.size / 5, `${identical} of ${enLeaves.size} French strings are identical to English`);
});

test('the French table served at run time follows French typography', () => {
  const t = uiStrings('fr');
  assert.match(t.health.unavailable, /indisponible\u00a0:/);
  assert.ok(!JSON.stringify(t).includes("'"), 'typographic apostrophes');
  assert.equal(uiStrings('en').health.unavailable, en.health.unavailable);
});

test('selectLocale maps Teams locales to fr or en, English by default', () => {
  for (const fr of ['fr', 'fr-FR', 'fr-fr', 'fr-ca', 'FR-CA', 'fr_BE', ' fr-CH ']) assert.equal(selectLocale(fr), 'fr', fr);
  for (const other of ['en', 'en-US', 'en-gb', 'de-DE', 'frr', 'french', '', 'x', undefined, null]) assert.equal(selectLocale(other), 'en', String(other));
});

test('fill inserts values once and does not re-read them; plural follows each language', () => {
  assert.equal(fill('{a} and {b}', { a: '{b}', b: 'x' }), '{b} and x');
  assert.equal(fill('{missing}', {}), '{missing}');
  const forms = { one: '{n} item', other: '{n} items' };
  assert.equal(plural('en', 1, forms), '1 item');
  assert.equal(plural('en', 0, forms), '0 items');
  assert.equal(plural('fr', 0, forms), '0 item');
  assert.equal(plural('fr', 2, forms), '2 items');
  assert.equal(plural('en', 12345, forms), '12,345 items');
  assert.equal(plural('fr', 12345, forms), '12\u202f345 items');
  // Fractions (a budget in seconds) and round millions (French CLDR 'many') follow the same two forms.
  assert.equal(plural('fr', 1.5, forms), '1,5 item');
  assert.equal(plural('en', 1.5, forms), '1.5 items');
  assert.equal(plural('fr', 1_000_000, forms), '1\u202f000\u202f000 items');
});
