// Environment → one typed, validated, frozen Config. Every problem names the variable, what it must be and
// what was given (secret values are never echoed).
import { existsSync } from 'node:fs';

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** How log lines are written: `auto` = readable on a terminal, JSON lines otherwise (src/log.ts decides). */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** The Resource Manager endpoint: https (sovereign clouds too), or plain http on loopback (the simulator). */
export type ArmEndpoint =
  /** `scope` is the token scope of the endpoint's host (…/.default). */
  | { kind: 'https'; url: string; scope: string }
  /** The local ARM simulator: a fixed local token, never a real one. */
  | { kind: 'loopback-http'; url: string };

export type StateStoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'azblob'; connectionString: string; container: string }
  | { kind: 'memory' };

export interface BotIdentityConfig {
  /** Empty = local mode: no inbound JWT check, no outbound token. */
  appId: string;
  appPassword: string;
  appTenantId: string;
  appType: MicrosoftAppType;
  /** True whenever an app id is set: inbound requests without a valid Bot Framework JWT get 401. */
  authEnabled: boolean;
}

/** Azure's secure webhook: an Entra token from the action group's application, checked against this. */
export interface EntraWebhookConfig {
  tenantId: string;
  /** Accepted `aud` values: the App ID URI (v1 tokens) and/or the application (client) id (v2 tokens). */
  audiences: readonly string[];
  /** The app role the action groups' service principal was given (ActionGroupsSecureWebhook in Azure's script). */
  role: string;
  /** Where the signing keys and the issuer live: login.microsoftonline.com (or a sovereign cloud's), or loopback in tests. */
  authority: string;
}

/** POST /api/alerts: who may call it. Neither set = the endpoint does not exist (404). */
export interface AlertsWebhookConfig {
  /** ALERTS_WEBHOOK_TOKEN: the `token` query parameter of the plain webhook. */
  token: string | null;
  entra: EntraWebhookConfig | null;
}

export interface Config {
  port: number;
  /** Interface to bind. Default: loopback while auth is off (an open bot is never exposed), all interfaces otherwise. */
  host: string;
  bot: BotIdentityConfig;
  azure: {
    subscriptionIds: readonly string[];
    armEndpoint: ArmEndpoint;
  };
  /** No subscriptions configured: Azure is simulated (ARM simulator in-process, cards say so). */
  demo: boolean;
  demoPlayground: { enabled: boolean; port: number };
  stateStore: StateStoreConfig;
  failover: {
    approvers: readonly string[];
    approvalTtlMinutes: number;
    pollSeconds: number;
  };
  /** How long a message turn waits for hub resolution + health before replying without them. */
  healthBudgetMs: number;
  /** How long reading one paste may take (worker threads) before the user is told it took too long. */
  diagnosisBudgetMs: number;
  /** Per-user message rate limit (token bucket); messagesPerMinute 0 = no limit. */
  rateLimit: { messagesPerMinute: number; burst: number };
  /** Bearer token for the audit API; null = audit API disabled. */
  auditApiToken: string | null;
  /** Azure Monitor alerts (POST /api/alerts). */
  alerts: AlertsWebhookConfig;
  /** Who may read /readyz and /metrics when auth is on (see OperationsConfig). */
  operations: OperationsConfig;
  /** Entra tenant ids whose activities the bot serves (lower case); empty = any tenant. */
  allowedTenantIds: readonly string[];
  logLevel: LogLevel;
  logFormat: LogFormat;
  botDomain: string | null;
  teamsAppId: string | null;
}

/**
 * /readyz and /metrics. With auth off (local mode, loopback) the main listener serves them to anyone. With auth
 * on, the main listener serves them only with `Authorization: Bearer <token>` (404 without a token configured),
 * and the operations listener, when a port is set, serves them (and /healthz) to anyone who can reach it.
 */
export interface OperationsConfig {
  /** OPS_PORT: the operations listener's port (0 = any free port); null = no operations listener. */
  port: number | null;
  /** OPS_HOST: the operations listener's interface. */
  host: string;
  /** OPS_TOKEN: bearer token for /readyz and /metrics on the main listener; null = not served there when auth is on. */
  token: string | null;
}

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];
const APP_TYPES: readonly MicrosoftAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMsi'];

/** Names of the variables whose values are secrets: never printed, masked by describeConfig. */
export const SECRET_VARIABLES = ['MicrosoftAppPassword', 'AZURE_STORAGE_CONNECTION_STRING', 'AUDIT_API_TOKEN', 'OPS_TOKEN', 'ALERTS_WEBHOOK_TOKEN'] as const;

/** Shortest accepted bearer token (AUDIT_API_TOKEN, OPS_TOKEN). */
const MIN_TOKEN_LENGTH = 16;

function raw(env: Env, name: string): string {
  return (env[name] ?? '').trim();
}

/** Quote a non-secret value for an error message, shortened so a pasted blob does not flood the log. */
function shown(value: string): string {
  return `'${value.length > 80 ? `${value.slice(0, 77)}...` : value}'`;
}

/** `unit` null = a TCP port. */
function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number, unit: string | null): number {
  const value = raw(env, name);
  if (value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    const what = unit === null ? 'a port number' : `a whole number of ${unit}`;
    throw new ConfigError(name, `${name} must be ${what} between ${min} and ${max}, got ${shown(value)}`);
  }
  return Number(value);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name).toLowerCase();
  if (value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `${name} must be 1/0 (or true/false), got ${shown(raw(env, name))}`);
}

function list(env: Env, name: string): string[] {
  return [...new Set(raw(env, name).split(',').map((item) => item.trim()).filter((item) => item !== ''))];
}

function guidList(env: Env, name: string, what: string): string[] {
  const items = list(env, name);
  for (const item of items) {
    if (!GUID.test(item)) throw new ConfigError(name, `${name} must be a comma-separated list of ${what} (GUIDs), got ${shown(item)}`);
  }
  return items.map((item) => item.toLowerCase());
}

function parseAppType(env: Env): MicrosoftAppType {
  const value = raw(env, 'MicrosoftAppType');
  if (value === '') return 'MultiTenant';
  const match = APP_TYPES.find((type) => type.toLowerCase() === value.toLowerCase());
  if (!match) throw new ConfigError('MicrosoftAppType', `MicrosoftAppType must be one of ${APP_TYPES.join(', ')}, got ${shown(value)}`);
  return match;
}

function parseBotIdentity(env: Env): BotIdentityConfig {
  const appId = raw(env, 'MicrosoftAppId');
  const appPassword = raw(env, 'MicrosoftAppPassword');
  const appTenantId = raw(env, 'MicrosoftAppTenantId');
  const appType = parseAppType(env);

  if (appId !== '' && !GUID.test(appId)) {
    throw new ConfigError('MicrosoftAppId', `MicrosoftAppId must be the bot's Microsoft App ID (a GUID), got ${shown(appId)}`);
  }
  if (appTenantId !== '' && !GUID.test(appTenantId) && !DOMAIN.test(appTenantId)) {
    throw new ConfigError('MicrosoftAppTenantId', `MicrosoftAppTenantId must be a tenant id (GUID) or domain, got ${shown(appTenantId)}`);
  }
  if (appType !== 'MultiTenant') {
    if (appId === '') throw new ConfigError('MicrosoftAppId', `MicrosoftAppId is required when MicrosoftAppType is ${appType}`);
    if (appTenantId === '') throw new ConfigError('MicrosoftAppTenantId', `MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
  }
  if (appType === 'UserAssignedMsi' && appPassword !== '') {
    throw new ConfigError('MicrosoftAppPassword', 'MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMsi (the managed identity signs in)');
  }
  if (appType !== 'UserAssignedMsi' && appId !== '' && appPassword === '') {
    throw new ConfigError('MicrosoftAppPassword', `MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is ${appType}`);
  }
  if (appId === '' && appPassword !== '') {
    throw new ConfigError('MicrosoftAppPassword', 'MicrosoftAppPassword is set but MicrosoftAppId is empty (set both, or neither for local mode)');
  }
  return { appId, appPassword, appTenantId, appType, authEnabled: appId !== '' };
}

/** localhost, ::1 (bracketed or not) and 127.0.0.0/8 written as four decimal octets. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/**
 * ARM_ENDPOINT (or the simulator's URL in demo mode) → the endpoint and how to authenticate there. https
 * everywhere; plain http only on a loopback host, where no bearer token is ever sent.
 */
export function parseArmEndpoint(value: string): ArmEndpoint {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError('ARM_ENDPOINT', `ARM_ENDPOINT must be an absolute URL such as https://management.azure.com, got ${shown(value)}`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigError('ARM_ENDPOINT', 'ARM_ENDPOINT must be a plain base URL without credentials, query or fragment');
  }
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  if (url.protocol === 'https:') return { kind: 'https', url: base, scope: `${url.protocol}//${url.host}/.default` };
  if (url.protocol !== 'http:') throw new ConfigError('ARM_ENDPOINT', `ARM_ENDPOINT must use https, got ${shown(base)}`);
  if (!isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      'ARM_ENDPOINT',
      `ARM_ENDPOINT ${shown(base)} uses plain http on a non-loopback host: bearer tokens are only sent over https (http is allowed for the local simulator on 127.0.0.1, ::1 or localhost)`,
    );
  }
  return { kind: 'loopback-http', url: base };
}

function parseStateStore(env: Env): StateStoreConfig {
  const value = raw(env, 'STATE_STORE') || 'sqlite:./data/state.db';
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).trim();
    if (path === '') throw new ConfigError('STATE_STORE', "STATE_STORE=sqlite:PATH needs a file path, e.g. 'sqlite:./data/state.db'");
    return { kind: 'sqlite', path };
  }
  if (value === 'azblob') {
    const connectionString = raw(env, 'AZURE_STORAGE_CONNECTION_STRING');
    if (connectionString === '') {
      throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', 'AZURE_STORAGE_CONNECTION_STRING is required when STATE_STORE=azblob');
    }
    const container = raw(env, 'AZURE_STORAGE_CONTAINER') || 'iothub-oncall';
    if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(container)) {
      throw new ConfigError(
        'AZURE_STORAGE_CONTAINER',
        `AZURE_STORAGE_CONTAINER must be a blob container name (3-63 lowercase letters, digits and single hyphens), got ${shown(container)}`,
      );
    }
    return { kind: 'azblob', connectionString, container };
  }
  throw new ConfigError('STATE_STORE', `STATE_STORE must be 'sqlite:PATH', 'azblob' or 'memory', got ${shown(value)}`);
}

/** One of a few words (case-insensitive); empty = `fallback`. */
function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = raw(env, name).toLowerCase() || fallback;
  const match = allowed.find((candidate) => candidate === value);
  if (!match) throw new ConfigError(name, `${name} must be one of ${allowed.join(', ')}, got ${shown(raw(env, name))}`);
  return match;
}

function bindAddress(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === '') return fallback;
  if (!/^[0-9a-zA-Z.:[\]-]{1,253}$/.test(value)) throw new ConfigError(name, `${name} must be an IP address or host name to bind, got ${shown(value)}`);
  return value;
}

function parseHost(env: Env, authEnabled: boolean): string {
  const host = bindAddress(env, 'HOST', authEnabled ? '0.0.0.0' : '127.0.0.1');
  if (!authEnabled && !isLoopbackHost(host)) {
    throw new ConfigError(
      'HOST',
      `HOST=${shown(host)} would expose the bot beyond this machine, but MicrosoftAppId is empty (local mode: no token is checked on /api/messages, so anyone who can reach it could drive the bot). Set MicrosoftAppId (and its password), or bind HOST to loopback (127.0.0.1)`,
    );
  }
  return host;
}

/** An optional bearer token: empty = null; otherwise long enough to resist guessing. */
function bearerToken(env: Env, name: string, disabledMeaning: string): string | null {
  const value = raw(env, name);
  if (value === '') return null;
  if (value.length < MIN_TOKEN_LENGTH) throw new ConfigError(name, `${name} must be at least ${MIN_TOKEN_LENGTH} characters long (or empty ${disabledMeaning})`);
  return value;
}

function parseOperations(env: Env, port: number): OperationsConfig {
  const opsPort = raw(env, 'OPS_PORT') === '' ? null : wholeNumber(env, 'OPS_PORT', 0, 0, 65535, null);
  if (opsPort !== null && opsPort !== 0 && opsPort === port) {
    throw new ConfigError('OPS_PORT', `OPS_PORT must differ from PORT (both are ${port}): the operations listener is a second listener`);
  }
  return {
    port: opsPort,
    host: bindAddress(env, 'OPS_HOST', '127.0.0.1'),
    token: bearerToken(env, 'OPS_TOKEN', 'to serve /readyz and /metrics only on OPS_PORT when MicrosoftAppId is set'),
  };
}

/** Entra authorities of the public and sovereign clouds; anything else only on loopback (tests). */
const ENTRA_AUTHORITIES = ['https://login.microsoftonline.com', 'https://login.microsoftonline.us', 'https://login.chinacloudapi.cn'];

function parseEntraAuthority(env: Env): string {
  const name = 'ALERTS_WEBHOOK_ENTRA_AUTHORITY';
  const value = raw(env, name);
  if (value === '') return ENTRA_AUTHORITIES[0] ?? '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `${name} must be an absolute URL such as https://login.microsoftonline.com, got ${shown(value)}`);
  }
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(name, `${name} must be a plain base URL without credentials, query or fragment`);
  }
  if (ENTRA_AUTHORITIES.includes(base.toLowerCase())) return base.toLowerCase();
  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return base;
  throw new ConfigError(name, `${name} must be one of ${ENTRA_AUTHORITIES.join(', ')} (or a loopback URL in tests), got ${shown(base)}`);
}

/** A token that travels in a URL's query as it is: unreserved characters only (RFC 3986), nothing to encode. */
const URL_TOKEN = /^[A-Za-z0-9._~-]+$/;

function parseAlertsWebhook(env: Env): AlertsWebhookConfig {
  const token = bearerToken(env, 'ALERTS_WEBHOOK_TOKEN', 'to turn the plain webhook off');
  if (token !== null && !URL_TOKEN.test(token)) {
    throw new ConfigError(
      'ALERTS_WEBHOOK_TOKEN',
      'ALERTS_WEBHOOK_TOKEN must use only letters, digits and . _ ~ - (it travels in the webhook URL\'s query, ?token=…, where other characters are encoded and would never match); generate one with: openssl rand -hex 32',
    );
  }
  const tenantId = raw(env, 'ALERTS_WEBHOOK_ENTRA_TENANT_ID');
  const audiences = list(env, 'ALERTS_WEBHOOK_ENTRA_AUDIENCE');
  if (tenantId === '') {
    if (audiences.length > 0) throw new ConfigError('ALERTS_WEBHOOK_ENTRA_TENANT_ID', 'ALERTS_WEBHOOK_ENTRA_TENANT_ID is required when ALERTS_WEBHOOK_ENTRA_AUDIENCE is set (the secure webhook)');
    return { token, entra: null };
  }
  if (!GUID.test(tenantId)) throw new ConfigError('ALERTS_WEBHOOK_ENTRA_TENANT_ID', `ALERTS_WEBHOOK_ENTRA_TENANT_ID must be the Entra tenant id (a GUID), got ${shown(tenantId)}`);
  if (audiences.length === 0) {
    throw new ConfigError('ALERTS_WEBHOOK_ENTRA_AUDIENCE', "ALERTS_WEBHOOK_ENTRA_AUDIENCE is required with ALERTS_WEBHOOK_ENTRA_TENANT_ID: the webhook application's App ID URI (api://…) and/or its client id");
  }
  const role = raw(env, 'ALERTS_WEBHOOK_ENTRA_ROLE') || 'ActionGroupsSecureWebhook';
  if (!/^[\w.-]{1,120}$/.test(role)) throw new ConfigError('ALERTS_WEBHOOK_ENTRA_ROLE', `ALERTS_WEBHOOK_ENTRA_ROLE must be an app role value (letters, digits, . _ -), got ${shown(role)}`);
  return { token, entra: { tenantId: tenantId.toLowerCase(), audiences, role, authority: parseEntraAuthority(env) } };
}

function optionalValue(env: Env, name: string, pattern: RegExp, what: string): string | null {
  const value = raw(env, name);
  if (value === '') return null;
  if (!pattern.test(value)) throw new ConfigError(name, `${name} must be ${what}, got ${shown(value)}`);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const bot = parseBotIdentity(env);
  const subscriptionIds = guidList(env, 'AZURE_SUBSCRIPTION_IDS', 'Azure subscription ids');
  const auditApiToken = bearerToken(env, 'AUDIT_API_TOKEN', 'to disable the audit API');
  const port = wholeNumber(env, 'PORT', 3978, 0, 65535, null);
  const config: Config = {
    port,
    host: parseHost(env, bot.authEnabled),
    bot,
    azure: { subscriptionIds, armEndpoint: parseArmEndpoint(raw(env, 'ARM_ENDPOINT') || 'https://management.azure.com') },
    demo: subscriptionIds.length === 0,
    demoPlayground: {
      enabled: flag(env, 'DEMO_PLAYGROUND', true),
      port: wholeNumber(env, 'DEMO_PLAYGROUND_PORT', 56150, 1, 65535, null),
    },
    stateStore: parseStateStore(env),
    failover: {
      approvers: guidList(env, 'FAILOVER_APPROVERS', 'Entra object ids'),
      approvalTtlMinutes: wholeNumber(env, 'FAILOVER_APPROVAL_TTL_MINUTES', 30, 1, 1440, 'minutes'),
      pollSeconds: wholeNumber(env, 'FAILOVER_POLL_SECONDS', 15, 1, 3600, 'seconds'),
    },
    healthBudgetMs: wholeNumber(env, 'HEALTH_BUDGET_MS', 4000, 200, 10000, 'milliseconds'),
    // At most 3 s: with the roster check (1.5 s) the Diagnose message action still answers within Teams' 5 s.
    diagnosisBudgetMs: wholeNumber(env, 'DIAGNOSIS_BUDGET_MS', 2000, 10, 3000, 'milliseconds'),
    rateLimit: {
      messagesPerMinute: wholeNumber(env, 'RATE_LIMIT_MESSAGES_PER_MINUTE', 10, 0, 100_000, 'messages'),
      burst: wholeNumber(env, 'RATE_LIMIT_BURST', 5, 1, 100_000, 'messages'),
    },
    auditApiToken,
    alerts: parseAlertsWebhook(env),
    operations: parseOperations(env, port),
    allowedTenantIds: guidList(env, 'ALLOWED_TENANT_IDS', 'Entra tenant ids'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, 'auto'),
    botDomain: optionalValue(env, 'BOT_DOMAIN', DOMAIN, 'a host name without scheme or path (e.g. bot.contoso.com)'),
    teamsAppId: optionalValue(env, 'TEAMS_APP_ID', GUID, 'the Teams app id (a GUID)'),
  };
  return deepFreeze(config);
}

const MASK = '***';

function maskConnectionString(value: string): string {
  // Keep only the parts that help an operator recognise the account; drop every key and signature.
  const safe = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => /^(AccountName|BlobEndpoint|DefaultEndpointsProtocol|EndpointSuffix)=/i.test(part));
  return [...safe, `AccountKey/SharedAccessSignature=${MASK}`].join(';');
}

/** A plain object safe for the startup log: secrets masked, everything else as configured. */
export function describeConfig(config: Config): Record<string, unknown> {
  const store = config.stateStore;
  return {
    port: config.port,
    host: config.host,
    mode: config.demo ? 'demo (simulated Azure)' : 'azure',
    bot: {
      appId: config.bot.appId || '(none: local mode, no auth)',
      appType: config.bot.appType,
      appTenantId: config.bot.appTenantId || null,
      appPassword: config.bot.appPassword === '' ? null : MASK,
      authEnabled: config.bot.authEnabled,
    },
    azure: { subscriptionIds: config.azure.subscriptionIds, armEndpoint: config.azure.armEndpoint.url },
    demoPlayground: config.demo ? config.demoPlayground : 'off (Azure configured)',
    stateStore:
      store.kind === 'azblob'
        ? { kind: store.kind, container: store.container, connectionString: maskConnectionString(store.connectionString) }
        : store,
    failover: { approvers: config.failover.approvers.length, approvalTtlMinutes: config.failover.approvalTtlMinutes, pollSeconds: config.failover.pollSeconds },
    healthBudgetMs: config.healthBudgetMs,
    diagnosisBudgetMs: config.diagnosisBudgetMs,
    rateLimit: config.rateLimit.messagesPerMinute === 0 ? 'off' : config.rateLimit,
    auditApi: config.auditApiToken === null ? 'disabled' : `enabled (token ${MASK})`,
    alertsWebhook:
      config.alerts.token === null && config.alerts.entra === null
        ? 'disabled'
        : { token: config.alerts.token === null ? null : MASK, entra: config.alerts.entra },
    operations: {
      listener: config.operations.port === null ? 'off' : `${config.operations.host}:${config.operations.port}`,
      token: config.operations.token === null ? null : MASK,
    },
    allowedTenantIds: config.allowedTenantIds.length === 0 ? 'any' : config.allowedTenantIds,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    botDomain: config.botDomain,
    teamsAppId: config.teamsAppId,
  };
}

/**
 * Loads a .env file into process.env (variables already set win). ENV_FILE names the file (default .env in
 * the working directory, skipped when absent); ENV_FILE=none disables it (the test harness does).
 * Returns the file loaded, or null.
 */
export function loadEnvFile(env: Env = process.env): string | null {
  const named = raw(env, 'ENV_FILE');
  if (named.toLowerCase() === 'none') return null;
  const path = named || '.env';
  if (!existsSync(path)) {
    if (named !== '') throw new ConfigError('ENV_FILE', `ENV_FILE names a file that does not exist: ${shown(named)}`);
    return null;
  }
  try {
    process.loadEnvFile(path);
  } catch {
    throw new ConfigError('ENV_FILE', `${path} could not be read as a .env file (KEY=value lines)`);
  }
  return path;
}
