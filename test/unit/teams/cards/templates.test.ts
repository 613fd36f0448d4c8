import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { CARD_TEMPLATES, resolvePartials } from '#src/teams/cards/templates.ts';

const cardsDir = new URL('../../../../cards/', import.meta.url);

test('every template in cards/ is loaded, is Adaptive Card 1.5, and every partial in cards/parts/ is used', () => {
  const files = readdirSync(cardsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
  assert.deepEqual(files, Object.keys(CARD_TEMPLATES).sort());
  const used = new Set<string>();
  for (const name of files) {
    const raw = readFileSync(new URL(`${name}.json`, cardsDir), 'utf8');
    const template = JSON.parse(raw) as Record<string, unknown>;
    assert.equal(template['type'], 'AdaptiveCard', name);
    assert.equal(template['version'], '1.5', name);
    for (const match of raw.matchAll(/"\$partial":\s*"([^"]+)"/g)) used.add(match[1] ?? '');
  }
  for (const part of readdirSync(new URL('parts/', cardsDir))) {
    const raw = readFileSync(new URL(`parts/${part}`, cardsDir), 'utf8');
    for (const match of raw.matchAll(/"\$partial":\s*"([^"]+)"/g)) used.add(match[1] ?? '');
  }
  const parts = readdirSync(new URL('parts/', cardsDir)).map((f) => f.replace(/\.json$/, '')).sort();
  assert.deepEqual([...used].sort(), parts);
});

test('partials are inlined, author notes dropped, unknown partials refused', () => {
  const resolved = JSON.stringify(resolvePartials(CARD_TEMPLATES.diagnosis));
  assert.ok(!resolved.includes('$partial') && !resolved.includes('$comment'));
  assert.ok(resolved.includes('"$data":"${$root.health}"'));
  assert.throws(() => resolvePartials({ body: [{ $partial: 'nope' }] }), /unknown partial/);
});
