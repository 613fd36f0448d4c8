// A cheaper way to expand the card templates, producing exactly what adaptivecards-templating produces.
//
// The engine evaluates every `${...}` of a template through adaptive-expressions, allocating a memory scope,
// options and path parsing per expression: most of the cost of rendering a card. The templates of cards/
// use only three forms — `${path}` (path: names joined by dots, from the current `$data` or from `$root`),
// `${count(path) > 0}` and `${path != ''}` in `$when` — so a template made only of those is compiled once
// into a plain function that mirrors the engine (Template.internalExpand, the accessor and comparison
// evaluators of adaptive-expressions) for them: property names matched ignoring case, first key wins;
// `$data` arrays repeat the element, one result is an object, none is null; null items dropped from arrays,
// array items spliced in; `$when` true only for the boolean true; values returned as they are (never
// parsed as expressions).
// What the mirror does not decide — a template using anything else (compiled to null), or, while
// expanding, a value the engine would substitute or treat specially (undefined, a Map, an unexpected type)
// — is left to the engine: the caller expands the whole template with it instead.
import { Template } from 'adaptivecards-templating/lib/template-engine.js';

type Expression = Exclude<ReturnType<typeof Template.parseInterpolatedString>, string>;

/** Expands the template for `$root` = data; NOT_DECIDED when the engine must do it. */
export type CompiledTemplate = (data: unknown) => unknown;

export const NOT_DECIDED: unique symbol = Symbol('not decided: expand with the engine');

/** Thrown while expanding when the mirror cannot be sure to match the engine. */
class NotDecided extends Error {}

/** Keys the engine consumes and never copies to the output. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Path {
  fromRoot: boolean;
  names: readonly string[];
  lowerNames: readonly string[];
}

type Condition = { kind: 'true'; path: Path } | { kind: 'not-empty-list'; path: Path } | { kind: 'not-empty-text'; path: Path };

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'value'; path: Path }
  | { kind: 'array'; items: Node[] }
  | { kind: 'object'; data: Path | null; when: Condition | null; properties: [string, Node][] };

/** The child expressions of an adaptive-expressions node, and its constant value when it is one. */
function childrenOf(expression: Expression): readonly Expression[] {
  return expression.children;
}

function constantOf(expression: Expression): { value: unknown } | null {
  return expression.type === 'Constant' && 'value' in expression ? { value: expression.value } : null;
}

/** `a.b.c` as the engine parsed it (nested accessors), or null for anything else. */
function accessorNames(expression: Expression): string[] | null {
  if (expression.type !== 'Accessor') return null;
  const [nameNode, left, ...rest] = childrenOf(expression);
  if (nameNode === undefined || rest.length > 0) return null;
  const name = constantOf(nameNode)?.value;
  if (typeof name !== 'string') return null;
  const before = left === undefined ? [] : accessorNames(left);
  return before === null ? null : [...before, name];
}

function pathOf(expression: Expression): Path | null {
  const names = accessorNames(expression);
  if (names === null || names.length === 0) return null;
  const fromRoot = names[0] === '$root';
  const rest = fromRoot ? names.slice(1) : names;
  if (rest.length === 0 || !rest.every((name) => NAME.test(name))) return null;
  return { fromRoot, names: rest, lowerNames: rest.map((name) => name.toLowerCase()) };
}

function conditionOf(expression: Expression): Condition | null {
  const path = pathOf(expression);
  if (path !== null) return { kind: 'true', path };
  const [left, right, ...rest] = childrenOf(expression);
  if (left === undefined || right === undefined || rest.length > 0) return null;
  if (expression.type === '>' && left.type === 'count' && constantOf(right)?.value === 0) {
    const [counted, ...others] = childrenOf(left);
    const countedPath = counted === undefined || others.length > 0 ? null : pathOf(counted);
    return countedPath === null ? null : { kind: 'not-empty-list', path: countedPath };
  }
  if (expression.type === '!=' && constantOf(right)?.value === '') {
    const compared = pathOf(left);
    return compared === null ? null : { kind: 'not-empty-text', path: compared };
  }
  return null;
}

function parsed(text: string): Expression | string {
  return Template.parseInterpolatedString(text);
}

/** The node for a template value, or null when the template uses something the mirror does not cover. */
function compileNode(template: unknown): Node | null {
  if (typeof template === 'string') {
    const expression = parsed(template);
    if (typeof expression === 'string') return { kind: 'literal', value: expression };
    const path = pathOf(expression);
    return path === null ? null : { kind: 'value', path };
  }
  if (Array.isArray(template)) {
    const items: Node[] = [];
    for (const item of template) {
      const node = compileNode(item);
      if (node === null) return null;
      items.push(node);
    }
    return { kind: 'array', items };
  }
  if (typeof template !== 'object' || template === null) return { kind: 'literal', value: template };
  const record = template as Record<string, unknown>;
  let data: Path | null = null;
  let when: Condition | null = null;
  if ('$data' in record) {
    const source = record['$data'];
    const expression = typeof source === 'string' ? parsed(source) : null;
    data = expression === null || typeof expression === 'string' ? null : pathOf(expression);
    if (data === null) return null;
  }
  if ('$when' in record) {
    const source = record['$when'];
    const expression = typeof source === 'string' ? parsed(source) : null;
    when = expression === null || typeof expression === 'string' ? null : conditionOf(expression);
    if (when === null) return null;
  }
  const properties: [string, Node][] = [];
  for (const [key, value] of Object.entries(record)) {
    if (RESERVED.has(key)) continue;
    const node = compileNode(value);
    if (node === null) return null;
    properties.push([key, node]);
  }
  return { kind: 'object', data, when, properties };
}

/** One property of `instance` as adaptive-expressions reads it: the first own key equal to `name` ignoring case. */
function property(instance: unknown, name: string, lowerName: string): unknown {
  if (!instance) return undefined;
  if (typeof instance === 'string' || typeof instance === 'number' || typeof instance === 'boolean') return undefined; // no key is a name
  if (typeof instance !== 'object' || instance instanceof Map) throw new NotDecided();
  const object = instance as Record<string, unknown>;
  for (const key in object) {
    if (key.length === name.length && (key === name || key.toLowerCase() === lowerName) && Object.hasOwn(object, key)) return object[key];
  }
  return undefined;
}

function lookup(path: Path, root: unknown, data: unknown): unknown {
  let value = path.fromRoot ? root : data;
  for (let i = 0; i < path.names.length; i++) value = property(value, path.names[i] as string, path.lowerNames[i] as string);
  return value;
}

/** A value position: the engine would substitute `${path}` for undefined. */
function valueAt(path: Path, root: unknown, data: unknown): unknown {
  const value = lookup(path, root, data);
  if (value === undefined) throw new NotDecided();
  return value;
}

function holds(condition: Condition, root: unknown, data: unknown): boolean {
  const value = lookup(condition.path, root, data);
  switch (condition.kind) {
    case 'true':
      return value === true;
    case 'not-empty-list':
      if (Array.isArray(value) || typeof value === 'string') return value.length > 0;
      throw new NotDecided();
    case 'not-empty-text':
      if (typeof value === 'string') return value !== '';
      throw new NotDecided();
  }
}

function expand(node: Node, root: unknown, data: unknown): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'value':
      return valueAt(node.path, root, data);
    case 'array': {
      const items: unknown[] = [];
      for (const item of node.items) {
        const expanded = expand(item, root, data);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) for (const part of expanded as unknown[]) items.push(part);
        else items.push(expanded);
      }
      return items;
    }
    case 'object':
      return expandObject(node, root, data);
  }
}

function expandObject(node: Extract<Node, { kind: 'object' }>, root: unknown, data: unknown): unknown {
  let contexts: readonly unknown[] = [data];
  if (node.data !== null) {
    const bound = valueAt(node.data, root, data);
    if (Array.isArray(bound)) contexts = bound;
    else if (typeof bound === 'object' && bound !== null && !(bound instanceof Map)) contexts = [bound];
    else throw new NotDecided();
  }
  const results: Record<string, unknown>[] = [];
  for (const context of contexts) {
    // An undefined element leaves the engine's $data as it was: not worth mirroring.
    if (context === undefined) throw new NotDecided();
    if (node.when !== null && !holds(node.when, root, context)) continue;
    const result: Record<string, unknown> = {};
    for (const [key, child] of node.properties) {
      const value = expand(child, root, context);
      if (value !== undefined) result[key] = value;
    }
    results.push(result);
  }
  if (results.length === 0) return null;
  return results.length === 1 ? results[0] : results;
}

/** Compiles a template (partials already inlined); null when it uses an expression the mirror does not cover. */
export function compileTemplate(template: unknown): CompiledTemplate | null {
  const root = compileNode(template);
  if (root === null) return null;
  return (data) => {
    try {
      return expand(root, data, data);
    } catch (error) {
      if (error instanceof NotDecided) return NOT_DECIDED;
      throw error;
    }
  };
}
