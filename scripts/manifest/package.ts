// Builds the Teams app package: template + env → manifest.json, validated offline against the
// bundled official schema and our own checks, zipped with the icons (and localization files) at the root.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { PackagingError, resolvePackagingValues } from './env.ts';
import type { Env, PackagingValues } from './env.ts';
import { ICON_RULES, iconSizeProblems, outlineColourProblems } from './icons.ts';
import { validateAgainstBundledSchema } from './schema.ts';
import { fillPlaceholders, isJsonObject } from './template.ts';
import type { Json, JsonObject } from './template.ts';
import { writeZip } from './zip.ts';
import type { ZipInput } from './zip.ts';

export const TEMPLATE_FILE = 'manifest.template.json';

export interface PackageOptions {
  /** Folder holding manifest.template.json, the icons and the localization files. */
  manifestDir: string;
  /** Variables (already merged from process.env and .env by the caller). */
  env: Env;
  /** Where to write the zip. */
  outFile: string;
  /** APP_VERSION when the env does not set it. */
  defaultVersion: string;
}

export interface PackageResult {
  outFile: string;
  manifest: JsonObject;
  values: PackagingValues;
  entries: string[];
  notes: string[];
}

function readJsonObject(path: string, label: string): JsonObject {
  let parsed: Json;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (error) {
    throw new PackagingError(`cannot read ${label} (${path}): ${(error as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw new PackagingError(`${label} (${path}) is not a JSON object.`);
  return parsed;
}

/** A file the manifest refers to: relative, inside the manifest folder, and existing. */
function packagedFile(manifestDir: string, reference: Json | undefined, what: string, problems: string[]): string | undefined {
  if (typeof reference !== 'string' || reference === '') {
    problems.push(`${what} is missing from the manifest.`);
    return undefined;
  }
  const relative = normalize(reference).replace(/\\/g, '/');
  if (relative.startsWith('/') || relative.startsWith('../') || relative === '..' || /^[a-z]+:/i.test(relative)) {
    problems.push(`${what} "${reference}" must be a path relative to the package root.`);
    return undefined;
  }
  if (!existsSync(join(manifestDir, relative))) {
    problems.push(`${what} "${reference}" does not exist in ${manifestDir}.`);
    return undefined;
  }
  return relative;
}

function schemaFailure(label: string, schemaDescription: string, errors: string[]): PackagingError {
  // The library's messages start with the JSON pointer of the offending value, empty for the root.
  const messages = errors.map((message) => (message.startsWith(' ') ? `(root)${message}` : message));
  return new PackagingError(`${label} does not validate against ${schemaDescription}:\n  - ${messages.join('\n  - ')}`);
}

function botIds(manifest: JsonObject): { bots: string[]; extensions: string[] } {
  const ids = (list: Json | undefined): string[] =>
    Array.isArray(list) ? list.filter(isJsonObject).map((item) => item['botId']).filter((id): id is string => typeof id === 'string') : [];
  return { bots: ids(manifest['bots']), extensions: ids(manifest['composeExtensions']) };
}

interface LanguageFile {
  tag: string;
  reference: Json | undefined;
}

function localizationFiles(manifest: JsonObject): LanguageFile[] {
  const info = manifest['localizationInfo'];
  if (!isJsonObject(info)) return [];
  const files: LanguageFile[] = [];
  if (info['defaultLanguageFile'] !== undefined) files.push({ tag: String(info['defaultLanguageTag']), reference: info['defaultLanguageFile'] });
  const additional = info['additionalLanguages'];
  if (Array.isArray(additional)) {
    for (const language of additional.filter(isJsonObject)) files.push({ tag: String(language['languageTag']), reference: language['file'] });
  }
  return files;
}

export async function buildAppPackage(options: PackageOptions): Promise<PackageResult> {
  const { manifestDir, env, outFile, defaultVersion } = options;
  const template = readJsonObject(join(manifestDir, TEMPLATE_FILE), TEMPLATE_FILE);
  const { values, notes } = resolvePackagingValues(env, defaultVersion);
  const fillable: Record<string, string> = { ...values };

  const filled = fillPlaceholders(template, fillable, TEMPLATE_FILE);
  if (!isJsonObject(filled)) throw new PackagingError(`${TEMPLATE_FILE} is not a JSON object.`);
  const manifest = filled;

  const { schema, errors } = await validateAgainstBundledSchema(manifest);
  const schemaDescription = `the Teams manifest schema ${schema.version} (${schema.url}, bundled copy)`;
  if (errors.length > 0) throw schemaFailure('manifest.json', schemaDescription, errors);

  const problems: string[] = [];
  const { bots, extensions } = botIds(manifest);
  if (bots.length === 0) problems.push('the manifest declares no bot (bots[0].botId).');
  for (const id of extensions) {
    if (!bots.includes(id)) problems.push(`composeExtensions botId ${id} is not the bot's id; the message action must be served by the same bot.`);
  }

  const zipInputs: ZipInput[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
  const icons = isJsonObject(manifest['icons']) ? manifest['icons'] : {};
  for (const rule of Object.values(ICON_RULES)) {
    if (rule.role === 'color32x32' && icons[rule.role] === undefined) continue;
    const file = packagedFile(manifestDir, icons[rule.role], `icons.${rule.role}`, problems);
    if (file === undefined) continue;
    const bytes = readFileSync(join(manifestDir, file));
    const sizeProblems = iconSizeProblems(rule, file, bytes);
    problems.push(...sizeProblems);
    if (rule.role === 'outline' && sizeProblems.length === 0) problems.push(...outlineColourProblems(file, bytes));
    if (!zipInputs.some((input) => input.name === file)) zipInputs.push({ name: file, data: bytes });
  }

  for (const language of localizationFiles(manifest)) {
    const file = packagedFile(manifestDir, language.reference, `localization file for ${language.tag}`, problems);
    if (file === undefined) continue;
    const localized = fillPlaceholders(readJsonObject(join(manifestDir, file), file), fillable, file);
    if (!isJsonObject(localized)) continue;
    const result = await validateAgainstBundledSchema(localized);
    if (result.errors.length > 0) {
      throw schemaFailure(file, `the Teams localization schema ${result.schema.version} (${result.schema.url}, bundled copy)`, result.errors);
    }
    if (result.schema.version !== schema.version) {
      problems.push(`${file} uses localization schema ${result.schema.version} but the manifest uses ${schema.version}; Teams requires the same version.`);
    }
    zipInputs.push({ name: file, data: Buffer.from(`${JSON.stringify(localized, null, 2)}\n`, 'utf8') });
  }

  if (problems.length > 0) throw new PackagingError(`The Teams app package is not valid:\n  - ${problems.join('\n  - ')}`);

  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, writeZip(zipInputs));
  return { outFile, manifest, values, entries: zipInputs.map((input) => input.name), notes };
}
