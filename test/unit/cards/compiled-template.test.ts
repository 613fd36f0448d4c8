// The compiled card templates produce exactly what adaptivecards-templating produces, or leave the
// expansion to it: checked on edge cases and on random view models shaped after every template of cards/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { NOT_DECIDED, compileTemplate } from '../../../src/teams/cards/compiled-template.ts';
import { CARD_TEMPLATES, expandCardByEngine, expandCardCompiled, resolvePartials } from '../../../src/teams/cards/templates.ts';
import type { CardName } from '../../../src/teams/cards/templates.ts';

function engine(template: unknown, data: unknown): unknown {
  return new Template(template).expand({ $root: data });
}

function compiled(template: unknown, data: unknown): unknown {
  const compiledTemplate = compileTemplate(template);
  assert.ok(compiledTemplate, 'the template compiles');
  return compiledTemplate(data);
}

/** Compiled and engine agree; returns whether the compiled template decided. */
function agree(template: unknown, data: unknown): boolean {
  const result = compiled(template, data);
  if (result === NOT_DECIDED) return false;
  assert.deepEqual(result, engine(template, data));
  return true;
}

const card = (body: unknown[]): Record<string, unknown> => ({ type: 'AdaptiveCard', version: '1.5', body });

describe('compiled card templates: edge cases against the engine', () => {
  it('paths from $data and from $root, values inserted as they are (a `${...}` in the data stays text)', () => {
    const template = card([
      { type: 'TextBlock', text: '${title}' },
      { type: 'Container', $data: '${section}', items: [{ type: 'TextBlock', text: '${heading}' }, { type: 'TextBlock', text: '${$root.t.label}' }] },
    ]);
    assert.ok(agree(template, { title: 'Hello ${evil}', section: { heading: '${$root.t.label}' }, t: { label: 'Label' } }));
    assert.deepEqual(compiled(template, { title: 'x', section: { heading: 'h' }, t: { label: 'L' } }), engine(template, { title: 'x', section: { heading: 'h' }, t: { label: 'L' } }));
  });

  it('names match ignoring case, the first key in order winning, as the engine reads them', () => {
    const template = card([{ type: 'TextBlock', text: '${show.text}', $when: '${show.on}' }]);
    assert.ok(agree(template, { Show: { text: 'first', on: true }, show: { text: 'second', on: true } }));
    assert.ok(agree(template, { SHOW: { TEXT: 'upper', On: true } }));
    assert.deepEqual((compiled(template, { SHOW: { TEXT: 'upper', On: true } }) as { body: unknown[] }).body, [{ type: 'TextBlock', text: 'upper' }]);
  });

  it('$data arrays: none → dropped (null as a property), one → an object, several → spliced into the array', () => {
    const template = card([
      { type: 'TextBlock', $data: '${lines}', text: '${text}' },
      { type: 'FactSet', facts: [{ $data: '${facts}', title: '${title}', value: '${value}' }] },
      { type: 'Container', items: [], selectAction: { $data: '${action}', type: 'Action.OpenUrl', url: '${url}' } },
    ]);
    for (const count of [0, 1, 2, 3]) {
      const list = Array.from({ length: count }, (_, i) => ({ text: `line ${i}`, title: `t${i}`, value: `v${i}` }));
      assert.ok(agree(template, { lines: list, facts: list, action: list.map((_, i) => ({ url: `https://example.com/${i}` })) }), `with ${count}`);
    }
  });

  it('$when: only the boolean true keeps an element; count(...) > 0 and != \'\' as the engine evaluates them', () => {
    const template = card([
      { type: 'TextBlock', $when: '${flag}', text: 'flagged' },
      { type: 'TextBlock', $when: '${count(items) > 0}', text: 'has items' },
      { type: 'TextBlock', $when: "${heading != ''}", text: '${heading}' },
    ]);
    for (const flag of [true, false, 'true', 1, 0, null, undefined, {}, []]) {
      for (const items of [[], ['a'], '', 'ab']) {
        for (const heading of ['', 'Heading']) assert.ok(agree(template, { flag, items, heading }), JSON.stringify({ flag, items, heading }));
      }
    }
  });

  it('null values are kept as properties and dropped from arrays; literals and reserved keys as the engine does', () => {
    const template = card([
      { type: 'Container', style: '${style}', items: ['${maybe}', { type: 'TextBlock', text: 'x', $schema: 'kept' }] },
      { type: 'ActionSet', actions: '${actions}' },
    ]);
    assert.ok(agree(template, { style: null, maybe: null, actions: [{ type: 'Action.Submit', title: '${not.evaluated}' }] }));
    assert.ok(agree(template, { style: 'good', maybe: ['a', 'b'], actions: [] }));
    assert.ok(agree(template, { style: 3, maybe: { nested: true }, actions: 'text' }));
  });

  it('leaves to the engine what it would substitute or treat specially', () => {
    const template = card([
      { type: 'TextBlock', text: '${missing}' },
      { type: 'TextBlock', $when: '${count(items) > 0}', text: 'x' },
      { type: 'TextBlock', $when: "${heading != ''}", text: 'y' },
      { type: 'Container', $data: '${bound}', items: [] },
    ]);
    const complete = { missing: 'here', items: [], heading: '', bound: {} };
    assert.ok(agree(template, complete));
    for (const data of [
      { ...complete, missing: undefined },
      { ...complete, items: undefined },
      { ...complete, items: { a: 1 } },
      { ...complete, heading: 3 },
      { ...complete, bound: 'text' },
      { ...complete, bound: null },
      { ...complete, bound: [undefined] },
      { ...complete, bound: new Map() },
    ]) {
      assert.equal(compiled(template, data), NOT_DECIDED, JSON.stringify(data));
    }
    const nested = card([{ type: 'TextBlock', text: '${a.b}' }]);
    assert.equal(compiled(nested, { a: new Map([['b', 'x']]) }), NOT_DECIDED);
  });

  it('a template using any other expression is not compiled (the engine expands it)', () => {
    for (const text of ['Hello ${name}', '${concat(a, b)}', '${a[0]}', '${$index}', '${$data.x}', '${a == b}', '${if(a, b, c)}', '${count(items) > 1}']) {
      assert.equal(compileTemplate(card([{ type: 'TextBlock', text }])), null, text);
    }
    assert.equal(compileTemplate(card([{ type: 'TextBlock', $when: '${not(a)}', text: 'x' }])), null);
    assert.equal(compileTemplate(card([{ type: 'TextBlock', $data: 'literal', text: 'x' }])), null);
    assert.equal(compileTemplate(card([{ type: 'TextBlock', $when: true, text: 'x' }])), null);
  });
});

type Random = () => number;

/** How often a run leaves out a value or adds a key differing only by case (half the runs do neither). */
interface Mutations {
  omit: number;
  twin: number;
}

function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXPRESSION = /^\$\{(.*)\}$/;

/** Sets `names` (a.b.c) under `scope`, creating the objects on the way; sometimes as another case variant, sometimes twice. */
function put(scope: Record<string, unknown>, names: string[], value: unknown, random: Random, mutations: Mutations): void {
  let current = scope;
  names.forEach((name, index) => {
    const key = random() < mutations.twin ? name.toUpperCase() : name;
    if (index === names.length - 1) {
      if (random() < mutations.twin) current[name.toUpperCase() === key ? name.toLowerCase() : name.toUpperCase()] = 'case twin';
      if (random() >= mutations.omit) current[key] = value;
      return;
    }
    const next = current[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) current = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      current[key] = created;
      current = created;
    }
  });
}

function leaf(random: Random): unknown {
  const roll = random();
  if (roll < 0.6) return `text ${Math.floor(random() * 100)}${random() < 0.1 ? ' ${injected}' : ''}`;
  if (roll < 0.7) return random() < 0.5;
  if (roll < 0.8) return Math.floor(random() * 10);
  if (roll < 0.85) return null;
  if (roll < 0.95) return [{ type: 'TextBlock', text: 'given element' }];
  return { kept: 'as is' };
}

/** A random view model for a template: every path it reads gets a value of a plausible (or not) type. */
function fill(node: unknown, scope: Record<string, unknown>, root: Record<string, unknown>, random: Random, mutations: Mutations): void {
  if (Array.isArray(node)) {
    for (const item of node) fill(item, scope, root, random, mutations);
    return;
  }
  const target = (names: string[]): { at: Record<string, unknown>; names: string[] } => (names[0] === '$root' ? { at: root, names: names.slice(1) } : { at: scope, names });
  if (typeof node === 'string') {
    const inner = EXPRESSION.exec(node)?.[1];
    if (inner === undefined || !/^[$\w.]+$/.test(inner)) return;
    const { at, names } = target(inner.split('.'));
    put(at, names, leaf(random), random, mutations);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  let scopes = [scope];
  const data = typeof record['$data'] === 'string' ? EXPRESSION.exec(record['$data'])?.[1] : undefined;
  if (data !== undefined) {
    const { at, names } = target(data.split('.'));
    const count = Math.floor(random() * 4);
    scopes = Array.from({ length: count }, () => ({}));
    put(at, names, random() < 0.2 && count > 0 ? scopes[0] : scopes, random, mutations);
  }
  const when = typeof record['$when'] === 'string' ? EXPRESSION.exec(record['$when'])?.[1] : undefined;
  for (const current of scopes) {
    if (when !== undefined) {
      const count = /^count\(([$\w.]+)\) > 0$/.exec(when)?.[1];
      const text = /^([$\w.]+) != ''$/.exec(when)?.[1];
      const { at, names } = target((count ?? text ?? when).split('.'));
      const value = count !== undefined ? (random() < 0.5 ? [] : ['x']) : text !== undefined ? (random() < 0.5 ? '' : 'heading') : random() < 0.85 ? random() < 0.6 : leaf(random);
      put(at, names, value, random, mutations);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== '$data' && key !== '$when') fill(value, current, root, random, mutations);
    }
  }
}

describe('compiled card templates: every template of cards/', () => {
  const names = Object.keys(CARD_TEMPLATES) as CardName[];

  it('every template compiles (no turn falls back to the engine for its template)', () => {
    for (const name of names) assert.ok(compileTemplate(resolvePartials(CARD_TEMPLATES[name])), name);
  });

  for (const name of names) {
    it(`${name}: on random view models, the compiled template decides mostly, and always as the engine`, () => {
      const template = resolvePartials(CARD_TEMPLATES[name]);
      let decided = 0;
      let runs = 0;
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const random = seeded(seed);
          const root: Record<string, unknown> = {};
          const mutations: Mutations = random() < 0.5 ? { omit: 0, twin: 0 } : { omit: 0.04, twin: 0.03 };
          fill(template, root, root, random, mutations);
          runs++;
          const result = expandCardCompiled(name, root);
          if (result === NOT_DECIDED) return;
          decided++;
          assert.deepEqual(result, expandCardByEngine(name, root));
        }),
        { numRuns: 150 },
      );
      assert.ok(decided >= runs / 4, `${name}: decided ${decided} of ${runs}`);
    });
  }

});
