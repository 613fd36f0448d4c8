// Environment for packaging: process.env over an optional .env file, then the typed, validated
// values the manifest template needs. The bot runtime never reads `${{…}}` placeholders.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

export type Env = Readonly<Record<string, string | undefined>>;

export class PackagingError extends Error {
  override name = 'PackagingError';
}

/**
 * Parses simple `KEY=VALUE` lines: blank lines and `#` comments are skipped, an optional `export `
 * prefix is allowed, matching single or double quotes around the value are removed, and an unquoted
 * value ends at ` #` (inline comment). No variable expansion, no multi-line values.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new PackagingError(`.env line ${index + 1} is not KEY=VALUE: ${JSON.stringify(rawLine.slice(0, 80))}`);
    const key = match[1] ?? '';
    let value = match[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values[key] = value;
  }
  return values;
}

/** Reads `path` if it exists (a missing default .env is fine) and lays `processEnv` over it. */
export function loadEnv(processEnv: Env, envFilePath: string | undefined, { required = false } = {}): Env {
  let fromFile: Record<string, string> = {};
  if (envFilePath !== undefined) {
    if (existsSync(envFilePath)) fromFile = parseDotEnv(readFileSync(envFilePath, 'utf8'));
    else if (required) throw new PackagingError(`env file not found: ${envFilePath}`);
  }
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** The RFC 9562 URL namespace, used to derive a stable Teams app id from the bot id. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Name-based (version 5, SHA-1) UUID as in RFC 9562 §5.5. */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Teams app id used when TEAMS_APP_ID is not set: a UUID derived from the bot's app id. */
export function deriveTeamsAppId(microsoftAppId: string): string {
  return uuidV5(`https://iothub-oncall/teams-app/${microsoftAppId.toLowerCase()}`);
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split('.');
  // Same rule as the runtime's BOT_DOMAIN check in src/config.ts: the last label is a 2-63 letter TLD.
  return labels.length >= 2 && labels.every((label) => HOST_LABEL.test(label)) && /^[a-z]{2,63}$/i.test(labels.at(-1) ?? '');
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The values the manifest template's `${{NAME}}` placeholders are filled with. */
export interface PackagingValues {
  MicrosoftAppId: string;
  TEAMS_APP_ID: string;
  BOT_DOMAIN: string;
  APP_VERSION: string;
  DEVELOPER_NAME: string;
  DEVELOPER_WEBSITE_URL: string;
  DEVELOPER_PRIVACY_URL: string;
  DEVELOPER_TERMS_URL: string;
}

export interface ResolvedValues {
  values: PackagingValues;
  /** Notes about defaults that were applied (printed by the CLI, never secrets). */
  notes: string[];
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Validates the packaging variables. Throws a PackagingError naming every missing or invalid
 * variable. `defaultVersion` is used when APP_VERSION is not set (the project's package.json version).
 */
export function resolvePackagingValues(env: Env, defaultVersion: string): ResolvedValues {
  const problems: string[] = [];
  const notes: string[] = [];

  const appId = nonEmpty(env, 'MicrosoftAppId');
  if (appId === undefined) problems.push('MicrosoftAppId is not set: it must be the bot\'s Microsoft App ID (a GUID), the same value the bot runs with.');
  else if (!isGuid(appId)) problems.push(`MicrosoftAppId must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got ${JSON.stringify(appId)}.`);

  let teamsAppId = nonEmpty(env, 'TEAMS_APP_ID');
  if (teamsAppId !== undefined && !isGuid(teamsAppId)) {
    problems.push(`TEAMS_APP_ID must be a GUID, got ${JSON.stringify(teamsAppId)}.`);
  } else if (teamsAppId === undefined && appId !== undefined && isGuid(appId)) {
    teamsAppId = deriveTeamsAppId(appId);
    notes.push(`TEAMS_APP_ID not set: using ${teamsAppId}, derived from MicrosoftAppId (set TEAMS_APP_ID to pin it).`);
  }

  const domain = nonEmpty(env, 'BOT_DOMAIN');
  if (domain === undefined) problems.push('BOT_DOMAIN is not set: it must be the public host name of the bot\'s messaging endpoint, e.g. oncall.example.com (no https://, no path).');
  else if (!isHostName(domain)) problems.push(`BOT_DOMAIN must be a host name without scheme, port or path (e.g. oncall.example.com), got ${JSON.stringify(domain)}.`);

  const version = nonEmpty(env, 'APP_VERSION') ?? defaultVersion;
  if (!SEMVER.test(version)) problems.push(`APP_VERSION must be MAJOR.MINOR.PATCH (e.g. 1.0.3), got ${JSON.stringify(version)}.`);

  const developerName = nonEmpty(env, 'DEVELOPER_NAME') ?? 'IoT Hub On-Call';
  const site = `https://${domain ?? 'localhost'}`;
  const urls = {
    DEVELOPER_WEBSITE_URL: nonEmpty(env, 'DEVELOPER_WEBSITE_URL'),
    DEVELOPER_PRIVACY_URL: nonEmpty(env, 'DEVELOPER_PRIVACY_URL'),
    DEVELOPER_TERMS_URL: nonEmpty(env, 'DEVELOPER_TERMS_URL'),
  };
  for (const [name, value] of Object.entries(urls)) {
    if (value === undefined) notes.push(`${name} not set: using ${site}/.`);
    else if (!isHttpsUrl(value)) problems.push(`${name} must be an https:// URL, got ${JSON.stringify(value)}.`);
  }

  if (problems.length > 0) throw new PackagingError(`Cannot build the Teams app package:\n  - ${problems.join('\n  - ')}`);
  return {
    values: {
      MicrosoftAppId: appId ?? '',
      TEAMS_APP_ID: teamsAppId ?? '',
      BOT_DOMAIN: (domain ?? '').toLowerCase(),
      APP_VERSION: version,
      DEVELOPER_NAME: developerName,
      DEVELOPER_WEBSITE_URL: urls.DEVELOPER_WEBSITE_URL ?? `${site}/`,
      DEVELOPER_PRIVACY_URL: urls.DEVELOPER_PRIVACY_URL ?? `${site}/`,
      DEVELOPER_TERMS_URL: urls.DEVELOPER_TERMS_URL ?? `${site}/`,
    },
    notes,
  };
}
