// Offline validation against the official Teams JSON schemas that @microsoft/app-manifest ships.
// The `$schema` URL is mapped to the bundled copy here, and the schema is passed explicitly, so the
// library's network fallback (fetching the URL) can never run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PackagingError } from './env.ts';
import { isJsonObject } from './template.ts';
import type { Json, JsonObject } from './template.ts';

const require = createRequire(import.meta.url);
const packageJsonPath = require.resolve('@microsoft/app-manifest/package.json');
const packageVersion = (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string }).version;
const bundledSchemasDir = join(dirname(packageJsonPath), 'build', 'json-schemas', 'teams');

/** Both `https://developer.microsoft.com/json-schemas/teams/…` and the localized `/en-us/json-schemas/…` form. */
const TEAMS_SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v1\.\d+|vDevPreview)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/i;

export interface BundledSchema {
  url: string;
  version: string;
  file: string;
  path: string;
  schema: JsonObject;
}

export const appManifestPackage = `@microsoft/app-manifest ${packageVersion}`;

/** Finds the bundled copy of a Teams schema URL; throws if the URL is not one the package ships. */
export function bundledSchemaFor(url: unknown): BundledSchema {
  if (typeof url !== 'string') throw new PackagingError('the document has no "$schema" URL, so it cannot be validated.');
  const match = TEAMS_SCHEMA_URL.exec(url);
  if (!match) throw new PackagingError(`"$schema" ${JSON.stringify(url)} is not an official Teams schema URL (https://developer.microsoft.com/json-schemas/teams/v1.NN/…).`);
  const version = match[1] ?? '';
  const file = match[2] ?? '';
  const path = join(bundledSchemasDir, version, file);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new PackagingError(`${appManifestPackage} does not bundle ${version}/${file}, so ${url} cannot be validated offline; use a version it ships.`);
  }
  // Same clean-up as the library's own loader: some schema files contain \a and \v escapes that JSON.parse rejects.
  const parsed = withCompilablePatterns(JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Json);
  if (!isJsonObject(parsed)) throw new PackagingError(`bundled schema ${path} is not a JSON object.`);
  const schema = parsed;
  return { url, version, file, path, schema };
}

/**
 * In a regular expression, escapes each `]` that does not close a character class. Without the
 * `u` flag JavaScript reads such a `]` as a literal; ajv compiles patterns with `u`, where it is a
 * syntax error. So escaping it keeps the pattern's meaning and makes it compile.
 */
export function escapeLoneClosingBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '\\') {
      out += char + (pattern[i + 1] ?? '');
      i++;
    } else if (char === '[' && !inClass) {
      inClass = true;
      out += char;
    } else if (char === ']') {
      out += inClass ? char : '\\]';
      inClass = false;
    } else {
      out += char;
    }
  }
  return out;
}

function compilesWithUnicodeFlag(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function compilable(pattern: string): string {
  return compilesWithUnicodeFlag(pattern) ? pattern : escapeLoneClosingBrackets(pattern);
}

/**
 * The official localization schemas (v1.24 … v1.30 at least) contain two patternProperties keys with
 * a lone `]` (`…activityTypes\[\b(…)\b]\.description$`), which ajv cannot compile. Returns a copy
 * of the schema with such patterns made compilable; everything else is untouched.
 */
export function withCompilablePatterns(node: Json): Json {
  if (Array.isArray(node)) return node.map(withCompilablePatterns);
  if (!isJsonObject(node)) return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') copy[key] = compilable(value);
    else if (key === 'patternProperties' && isJsonObject(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([pattern, sub]) => [compilable(pattern), withCompilablePatterns(sub)]));
    } else copy[key] = withCompilablePatterns(value);
  }
  return copy;
}

type ManifestArgument = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type SchemaArgument = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * Validates `document` against the bundled schema named by its `$schema`. Returns the library's
 * messages (`<instance path> <message>. Details: <params>`), empty when valid.
 */
export async function validateAgainstBundledSchema(document: JsonObject): Promise<{ schema: BundledSchema; errors: string[] }> {
  const schema = bundledSchemaFor(document['$schema']);
  // The library types its input as one of its generated manifest types; it only serialises the
  // object and runs ajv on it, so plain JSON (also a localization file) is what it really takes.
  try {
    const errors = await AppManifestUtils.validateAgainstSchema(document as unknown as ManifestArgument, schema.schema as unknown as SchemaArgument);
    return { schema, errors };
  } catch (error) {
    throw new PackagingError(`the bundled schema ${schema.version}/${schema.file} could not be used for validation: ${(error as Error).message}`);
  }
}
