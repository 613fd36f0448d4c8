// `${{NAME}}` placeholders (the Teams Toolkit syntax) in a parsed JSON document.
// Substitution happens on string values after parsing, so a value can never break the JSON.
import { PackagingError } from './env.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function placeholdersIn(document: Json): Set<string> {
  const names = new Set<string>();
  const visit = (node: Json): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        visit(key);
        visit(value);
      }
    }
  };
  visit(document);
  return names;
}

/**
 * Replaces every placeholder with its value. Only the given variables can be filled (never an
 * arbitrary environment variable, so a secret cannot end up in the package); throws naming each
 * placeholder that is not one of them.
 */
export function fillPlaceholders(document: Json, values: Readonly<Record<string, string>>, source: string): Json {
  const unknown = [...placeholdersIn(document)].filter((name) => !Object.hasOwn(values, name));
  if (unknown.length > 0) {
    throw new PackagingError(
      `${source} uses ${unknown.map((name) => `\${{${name}}}`).join(', ')}, which the packager does not fill (it fills ${Object.keys(values).join(', ')}).`,
    );
  }
  const fill = (text: string): string => text.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? '');
  const visit = (node: Json): Json => {
    if (typeof node === 'string') return fill(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [fill(key), visit(value)]));
    }
    return node;
  };
  const filled = visit(document);
  assertNoPlaceholderLeft(filled, source);
  return filled;
}

/** Refuses any `${{` left over (for instance a malformed placeholder such as `${{ BOT-ID }}`). */
export function assertNoPlaceholderLeft(document: Json, source: string): void {
  const text = JSON.stringify(document);
  const at = text.indexOf('${{');
  if (at >= 0) {
    throw new PackagingError(`${source} still contains an unresolved placeholder near ${JSON.stringify(text.slice(at, at + 40))}.`);
  }
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}
