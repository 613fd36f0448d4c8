import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, describeConfig, loadConfig, loadEnvFile } from '#src/config.ts';

const APP_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const TENANT = '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2';
const SUB_A = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const SUB_B = '6a1d3b7e-2c4f-4e8a-9b1d-0c5e7f9a2b31';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected loadConfig to reject ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  const config = loadConfig({});

  it('uses the defaults of the design for an empty environment', () => {
    assert.equal(config.port, 3978);
    assert.equal(config.azure.armEndpoint.url, 'https://management.azure.com');
    assert.deepEqual(config.stateStore, { kind: 'sqlite', path: './data/state.db' });
    assert.deepEqual(config.failover, { approvers: [], approvalTtlMinutes: 30, pollSeconds: 15 });
    assert.equal(config.logLevel, 'info');
    assert.equal(config.logFormat, 'auto');
    assert.equal(config.auditApiToken, null);
  });

  it('is in demo mode without subscriptions, and local (no auth) without an app id', () => {
    assert.equal(config.demo, true);
    assert.equal(config.bot.authEnabled, false);
    assert.equal(config.bot.appType, 'MultiTenant');
    assert.deepEqual(config.demoPlayground, { enabled: true, port: 56150 });
  });

  it('binds loopback while auth is off and all interfaces once it is on', () => {
    assert.equal(config.host, '127.0.0.1');
    const withAuth = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw-value', MicrosoftAppType: 'MultiTenant' });
    assert.equal(withAuth.host, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '127.0.0.2' }).host, '127.0.0.2');
  });

  it('is frozen, deeply', () => {
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.failover));
    assert.ok(Object.isFrozen(config.azure.subscriptionIds));
    assert.throws(() => {
      (config.failover as { approvalTtlMinutes: number }).approvalTtlMinutes = 5;
    }, TypeError);
  });
});

describe('loadConfig values', () => {
  it('reads subscriptions (trimmed, deduplicated, lower-cased) and leaves demo mode', () => {
    const config = loadConfig({ AZURE_SUBSCRIPTION_IDS: ` ${SUB_A}, ${SUB_B.toUpperCase()} ,${SUB_A},` });
    assert.deepEqual(config.azure.subscriptionIds, [SUB_A, SUB_B]);
    assert.equal(config.demo, false);
  });

  it('accepts each state store form', () => {
    assert.deepEqual(loadConfig({ STATE_STORE: 'memory' }).stateStore, { kind: 'memory' });
    assert.deepEqual(loadConfig({ STATE_STORE: 'sqlite:/var/lib/oncall.db' }).stateStore, { kind: 'sqlite', path: '/var/lib/oncall.db' });
    assert.deepEqual(loadConfig({ STATE_STORE: 'azblob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).stateStore, {
      kind: 'azblob',
      connectionString: 'UseDevelopmentStorage=true',
      container: 'iothub-oncall',
    });
  });

  it('accepts the bot identity types, case-insensitively', () => {
    const single = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret-value', MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'singletenant' });
    assert.equal(single.bot.appType, 'SingleTenant');
    assert.equal(single.bot.authEnabled, true);
    const msi = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMSI' });
    assert.equal(msi.bot.appType, 'UserAssignedMsi');
  });

  it('allows http ARM endpoints on loopback only', () => {
    assert.equal(loadConfig({ ARM_ENDPOINT: 'http://127.0.0.1:41234/' }).azure.armEndpoint.url, 'http://127.0.0.1:41234');
    assert.equal(loadConfig({ ARM_ENDPOINT: 'http://localhost:8080' }).azure.armEndpoint.url, 'http://localhost:8080');
    assert.equal(loadConfig({ ARM_ENDPOINT: 'https://management.chinacloudapi.cn' }).azure.armEndpoint.url, 'https://management.chinacloudapi.cn');
  });

  it('parses ARM_ENDPOINT once, as the Azure edge uses it: no loopback-looking address that is none', () => {
    // 127.999.0.1 is no IPv4 address: it used to pass here and be refused by the edge's own parser.
    for (const value of ['http://127.999.0.1:4600', 'http://127.0.0.1.example.com', 'http://localhost.evil.test']) {
      assert.throws(() => loadConfig({ ARM_ENDPOINT: value }), (error: unknown) => error instanceof ConfigError && error.variable === 'ARM_ENDPOINT', value);
    }
    assert.deepEqual(loadConfig({ ARM_ENDPOINT: 'http://[::1]:4600' }).azure.armEndpoint, { kind: 'loopback-http', url: 'http://[::1]:4600' });
    assert.deepEqual(loadConfig({}).azure.armEndpoint, { kind: 'https', url: 'https://management.azure.com', scope: 'https://management.azure.com/.default' });
  });

  it('reads approvers, TTL, poll interval and the optional values', () => {
    const config = loadConfig({
      FAILOVER_APPROVERS: `${APP_ID},${TENANT}`,
      FAILOVER_APPROVAL_TTL_MINUTES: '45',
      FAILOVER_POLL_SECONDS: '5',
      AUDIT_API_TOKEN: 'a-long-enough-audit-token',
      LOG_LEVEL: 'DEBUG',
      LOG_FORMAT: 'JSON',
      BOT_DOMAIN: 'oncall.contoso.com',
      TEAMS_APP_ID: TENANT,
      PORT: '0',
      DEMO_PLAYGROUND: 'false',
      DEMO_PLAYGROUND_PORT: '56999',
      HEALTH_BUDGET_MS: '1500',
    });
    assert.deepEqual(config.failover, { approvers: [APP_ID, TENANT], approvalTtlMinutes: 45, pollSeconds: 5 });
    assert.equal(config.auditApiToken, 'a-long-enough-audit-token');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.logFormat, 'json');
    assert.equal(config.botDomain, 'oncall.contoso.com');
    assert.equal(config.teamsAppId, TENANT);
    assert.equal(config.port, 0);
    assert.deepEqual(config.demoPlayground, { enabled: false, port: 56999 });
    assert.equal(config.healthBudgetMs, 1500);
  });
});

describe('loadConfig rejects bad values, naming the variable', () => {
  const cases: { env: Record<string, string>; variable: string; message: RegExp }[] = [
    {
      env: { FAILOVER_APPROVAL_TTL_MINUTES: 'abc' },
      variable: 'FAILOVER_APPROVAL_TTL_MINUTES',
      message: /^FAILOVER_APPROVAL_TTL_MINUTES must be a whole number of minutes between 1 and 1440, got 'abc'$/,
    },
    { env: { FAILOVER_APPROVAL_TTL_MINUTES: '0' }, variable: 'FAILOVER_APPROVAL_TTL_MINUTES', message: /between 1 and 1440, got '0'/ },
    { env: { FAILOVER_APPROVAL_TTL_MINUTES: '2.5' }, variable: 'FAILOVER_APPROVAL_TTL_MINUTES', message: /got '2\.5'/ },
    { env: { FAILOVER_POLL_SECONDS: '-1' }, variable: 'FAILOVER_POLL_SECONDS', message: /whole number of seconds/ },
    { env: { PORT: '70000' }, variable: 'PORT', message: /^PORT must be a port number between 0 and 65535, got '70000'$/ },
    { env: { AZURE_SUBSCRIPTION_IDS: `${SUB_A},not-a-guid` }, variable: 'AZURE_SUBSCRIPTION_IDS', message: /got 'not-a-guid'/ },
    { env: { FAILOVER_APPROVERS: 'alice@contoso.com' }, variable: 'FAILOVER_APPROVERS', message: /Entra object ids/ },
    { env: { MicrosoftAppType: 'SingleTenant' }, variable: 'MicrosoftAppId', message: /required when MicrosoftAppType is SingleTenant/ },
    { env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, variable: 'MicrosoftAppTenantId', message: /required/ },
    { env: { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMsi' }, variable: 'MicrosoftAppTenantId', message: /required when MicrosoftAppType is UserAssignedMsi/ },
    { env: { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppPassword: 'pw' }, variable: 'MicrosoftAppPassword', message: /must be empty/ },
    { env: { MicrosoftAppId: APP_ID }, variable: 'MicrosoftAppPassword', message: /required when MicrosoftAppId is set/ },
    { env: { MicrosoftAppPassword: 'orphan' }, variable: 'MicrosoftAppPassword', message: /MicrosoftAppId is empty/ },
    { env: { MicrosoftAppId: 'my-bot' }, variable: 'MicrosoftAppId', message: /GUID/ },
    { env: { MicrosoftAppType: 'Federated' }, variable: 'MicrosoftAppType', message: /one of MultiTenant, SingleTenant, UserAssignedMsi, got 'Federated'/ },
    { env: { ARM_ENDPOINT: 'http://management.azure.com' }, variable: 'ARM_ENDPOINT', message: /https/ },
    { env: { ARM_ENDPOINT: 'ftp://127.0.0.1' }, variable: 'ARM_ENDPOINT', message: /https/ },
    { env: { ARM_ENDPOINT: 'management.azure.com' }, variable: 'ARM_ENDPOINT', message: /absolute URL/ },
    { env: { ARM_ENDPOINT: 'https://user:pw@management.azure.com' }, variable: 'ARM_ENDPOINT', message: /without credentials/ },
    { env: { STATE_STORE: 'postgres://db' }, variable: 'STATE_STORE', message: /'sqlite:PATH', 'azblob' or 'memory'/ },
    { env: { STATE_STORE: 'sqlite:' }, variable: 'STATE_STORE', message: /file path/ },
    { env: { STATE_STORE: 'azblob' }, variable: 'AZURE_STORAGE_CONNECTION_STRING', message: /required when STATE_STORE=azblob/ },
    { env: { STATE_STORE: 'azblob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'Bad_Name' }, variable: 'AZURE_STORAGE_CONTAINER', message: /container name/ },
    { env: { LOG_LEVEL: 'verbose' }, variable: 'LOG_LEVEL', message: /got 'verbose'/ },
    { env: { LOG_FORMAT: 'yaml' }, variable: 'LOG_FORMAT', message: /one of auto, json, pretty, got 'yaml'/ },
    { env: { AUDIT_API_TOKEN: 'short' }, variable: 'AUDIT_API_TOKEN', message: /at least 16/ },
    { env: { DEMO_PLAYGROUND: 'maybe' }, variable: 'DEMO_PLAYGROUND', message: /1\/0/ },
    { env: { TEAMS_APP_ID: 'xyz' }, variable: 'TEAMS_APP_ID', message: /GUID/ },
    { env: { BOT_DOMAIN: 'https://bot.contoso.com/' }, variable: 'BOT_DOMAIN', message: /host name/ },
    { env: { HEALTH_BUDGET_MS: '60000' }, variable: 'HEALTH_BUDGET_MS', message: /between 200 and 10000/ },
  ];
  for (const { env, variable, message } of cases) {
    it(`${variable} ← ${JSON.stringify(env)}`, () => {
      const error = configError(env);
      assert.equal(error.variable, variable);
      assert.match(error.message, message);
    });
  }

  it('never echoes a secret value in an error', () => {
    const password = 'Sup3r-Secret-Passw0rd';
    const error = configError({ MicrosoftAppPassword: password, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT });
    assert.ok(!error.message.includes(password));
    const token = 'tok-123';
    assert.ok(!configError({ AUDIT_API_TOKEN: token }).message.includes(token));
  });
});

describe('describeConfig', () => {
  it('masks every secret and keeps what an operator needs', () => {
    const password = 'Sup3r-Secret-Passw0rd';
    const accountKey = 'c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Njc4OTA=';
    const auditToken = 'audit-token-0123456789abcdef';
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: password,
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
      STATE_STORE: 'azblob',
      AZURE_STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=https;AccountName=oncallstate;AccountKey=${accountKey};EndpointSuffix=core.windows.net`,
      AUDIT_API_TOKEN: auditToken,
      AZURE_SUBSCRIPTION_IDS: SUB_A,
    });
    const text = JSON.stringify(describeConfig(config));
    for (const secret of [password, accountKey, auditToken]) assert.ok(!text.includes(secret), `secret leaked: ${text}`);
    assert.match(text, /AccountName=oncallstate/);
    assert.match(text, new RegExp(APP_ID));
    assert.match(text, new RegExp(SUB_A));
  });
});

describe('loadEnvFile', () => {
  it('is skipped with ENV_FILE=none and fails clearly on a missing named file', () => {
    assert.equal(loadEnvFile({ ENV_FILE: 'none' }), null);
    assert.throws(() => loadEnvFile({ ENV_FILE: '/nonexistent/oncall.env' }), (error: unknown) => error instanceof ConfigError && error.variable === 'ENV_FILE');
  });

  it('loads a named file without overriding what is already set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oncall-env-'));
    const path = join(dir, 'test.env');
    await writeFile(path, 'ONCALL_TEST_FROM_FILE=file\nONCALL_TEST_ALREADY_SET=file\n');
    process.env.ONCALL_TEST_ALREADY_SET = 'environment';
    try {
      assert.equal(loadEnvFile({ ENV_FILE: path }), path);
      assert.equal(process.env.ONCALL_TEST_FROM_FILE, 'file');
      assert.equal(process.env.ONCALL_TEST_ALREADY_SET, 'environment');
    } finally {
      delete process.env.ONCALL_TEST_FROM_FILE;
      delete process.env.ONCALL_TEST_ALREADY_SET;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadConfig: HOST without authentication', () => {
  const AUTH = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw-value', MicrosoftAppType: 'MultiTenant' };

  it('refuses a non-loopback interface without an app id, naming HOST and saying why', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.4', 'bot.contoso.com', '[::]']) {
      const error = configError({ HOST: host });
      assert.equal(error.variable, 'HOST', host);
      assert.match(error.message, /MicrosoftAppId is empty/);
      assert.match(error.message, /anyone who can reach it/);
    }
  });

  it('accepts loopback without an app id, and any interface with one', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) assert.equal(loadConfig({ HOST: host }).host, host);
    assert.equal(loadConfig({ ...AUTH, HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...AUTH, HOST: '10.0.0.4' }).host, '10.0.0.4');
  });
});

describe('loadConfig: operations listener and token', () => {
  it('is off by default: no operations listener, no token, loopback host', () => {
    assert.deepEqual(loadConfig({}).operations, { port: null, host: '127.0.0.1', token: null });
  });

  it('reads OPS_PORT, OPS_HOST and OPS_TOKEN', () => {
    const config = loadConfig({ OPS_PORT: '9090', OPS_HOST: '0.0.0.0', OPS_TOKEN: 'ops-token-0123456789abcdef' });
    assert.deepEqual(config.operations, { port: 9090, host: '0.0.0.0', token: 'ops-token-0123456789abcdef' });
    assert.equal(loadConfig({ OPS_PORT: '0' }).operations.port, 0);
  });

  it('names the bad variable', () => {
    assert.equal(configError({ OPS_PORT: 'ninety' }).variable, 'OPS_PORT');
    assert.equal(configError({ OPS_PORT: '70000' }).variable, 'OPS_PORT');
    const same = configError({ PORT: '3978', OPS_PORT: '3978' });
    assert.equal(same.variable, 'OPS_PORT');
    assert.match(same.message, /differ from PORT/);
    assert.equal(configError({ OPS_HOST: 'not a host!' }).variable, 'OPS_HOST');
    const short = configError({ OPS_TOKEN: 'short-token' });
    assert.equal(short.variable, 'OPS_TOKEN');
    assert.ok(!short.message.includes('short-token'), 'the token is not echoed');
  });

  it('masks OPS_TOKEN in the startup description', () => {
    const token = 'ops-token-0123456789abcdef';
    const text = JSON.stringify(describeConfig(loadConfig({ OPS_PORT: '9090', OPS_TOKEN: token })));
    assert.ok(!text.includes(token));
    assert.match(text, /"listener":"127\.0\.0\.1:9090"/);
  });
});

describe('loadConfig: ALLOWED_TENANT_IDS', () => {
  it('is empty (any tenant) by default, and reads GUIDs in lower case', () => {
    assert.deepEqual(loadConfig({}).allowedTenantIds, []);
    assert.deepEqual(loadConfig({ ALLOWED_TENANT_IDS: ` ${TENANT.toUpperCase()}, ${SUB_A} ` }).allowedTenantIds, [TENANT, SUB_A]);
  });

  it('refuses anything but GUIDs (a domain name is not a tenant id here)', () => {
    const error = configError({ ALLOWED_TENANT_IDS: `${TENANT},contoso.onmicrosoft.com` });
    assert.equal(error.variable, 'ALLOWED_TENANT_IDS');
    assert.match(error.message, /GUIDs/);
  });
});

describe('ALERTS_WEBHOOK_TOKEN', () => {
  it('takes only characters a URL query carries as they are, and says so naming the variable', () => {
    assert.equal(loadConfig({ ALERTS_WEBHOOK_TOKEN: 'abcDEF0123456789._~-' }).alerts.token, 'abcDEF0123456789._~-');
    for (const token of ['abcdef0123456789+/', 'abcdef0123456789 xyz', 'abcdef0123456789%41', 'abcdef0123456789&x=y', 'abcdéf0123456789']) {
      const error = configError({ ALERTS_WEBHOOK_TOKEN: token });
      assert.equal(error.variable, 'ALERTS_WEBHOOK_TOKEN', token);
      assert.match(error.message, /ALERTS_WEBHOOK_TOKEN must use only letters, digits and \. _ ~ -/);
      assert.ok(!error.message.includes(token), 'the secret is not repeated');
    }
    assert.equal(configError({ ALERTS_WEBHOOK_TOKEN: 'short-token' }).variable, 'ALERTS_WEBHOOK_TOKEN', 'still 16 characters at least');
  });
});
