// TeamsAdapter with an app id, against botbuilder's real token validation and a local OpenID endpoint that
// publishes a test signing key (so the tests reach every branch of the validation offline): a well-signed
// token runs the turn; every invalid one — wrong signature, unknown key, not yet valid, another issuer or
// audience, another channel's key, signing keys that cannot be downloaded — gets 401 and exactly one log line
// without a stack, and nothing reaches the console.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { BotIdentityConfig } from '#src/config.ts';
import { TeamsAdapter, rejectionReason } from '#src/teams/inbound/adapter.ts';
import { withoutConsole } from '#src/teams/inbound/quiet-console.ts';
import { capturingLogger } from '#test/support/capturing-logger.ts';
import { startFakeConnector } from '#test/support/fake-connector.ts';
import type { FakeConnector } from '#test/support/fake-connector.ts';

const APP_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const BOT: BotIdentityConfig = { appId: APP_ID, appPassword: 'pw-value', appTenantId: '', appType: 'MultiTenant', authEnabled: true };
const ISSUER = 'https://api.botframework.com';

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

function sign(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string } = {}): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${encode({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? 'test-key' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(options.key ?? signingKey.privateKey).toString('base64url');
  return `Bearer ${head}.${signature}`;
}

/** /good: metadata and keys (endorsed for msteams); /broken: metadata that answers 500. */
async function startOpenIdEndpoint(): Promise<{ url: string; server: Server }> {
  const jwk = signingKey.publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/good/openid') json(200, { issuer: ISSUER, jwks_uri: `${base}/good/keys` });
    else if (req.url === '/good/keys') json(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    else json(500, { error: 'down' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('TeamsAdapter: authentication with an app id', () => {
  let connector: FakeConnector;
  let openId: { url: string; server: Server };
  const { logger, lines: logLines } = capturingLogger();

  before(async () => {
    connector = await startFakeConnector();
    openId = await startOpenIdEndpoint();
  });
  after(async () => {
    await connector.close();
    await new Promise((resolve) => openId.server.close(resolve));
  });

  // botbuilder takes either none or all of its endpoint settings: the public cloud's, but the channel's
  // OpenID metadata from the local endpoint.
  const adapter = (metadataPath = '/good/openid'): TeamsAdapter =>
    new TeamsAdapter({
      bot: BOT,
      logger,
      onTurnFailed: async () => undefined,
      authEndpoints: {
        ToBotFromChannelOpenIdMetadataUrl: `${openId.url}${metadataPath}`,
        ToBotFromEmulatorOpenIdMetadataUrl: `${openId.url}/emulator/openid`,
        ToBotFromChannelTokenIssuer: ISSUER,
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        OAuthUrl: 'https://api.botframework.com',
        CallerId: 'urn:botframework:azure',
      },
    });

  const activity = (channelId = 'msteams'): Record<string, unknown> => ({
    type: 'message',
    id: `a-${Math.random()}`,
    text: 'help',
    serviceUrl: connector.url,
    channelId,
    conversation: { id: 'conv-1' },
    from: { id: '29:user' },
    recipient: { id: '28:bot' },
  });

  const now = (): number => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ iss: ISSUER, aud: APP_ID, serviceurl: connector.url, nbf: now() - 60, exp: now() + 600, ...extra });

  /** Sends one activity; returns the answer, whether the turn ran, the log lines it added and what reached stderr. */
  async function attempt(authorization: string, options: { channelId?: string; metadataPath?: string } = {}) {
    const firstLine = logLines.length;
    let turns = 0;
    const console: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (console.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const result = await adapter(options.metadataPath).processInbound({ activity: activity(options.channelId), authorization }, async () => void (turns += 1));
      return { result, turns, lines: logLines.slice(firstLine), console };
    } finally {
      process.stderr.write = write;
    }
  }

  it('a token signed by the published key, for this bot and channel, runs the turn', async () => {
    const { result, turns, lines } = await attempt(sign(claims()));
    assert.deepEqual(result, { status: 200 });
    assert.equal(turns, 1);
    assert.equal(lines.length, 0);
  });

  const refusals: [string, () => string, string, { channelId?: string; metadataPath?: string }?][] = [
    ['a wrong signature (same key id, another key)', () => sign(claims(), { key: otherKey.privateKey }), 'invalid-token'],
    ['a key id the endpoint does not publish', () => sign(claims(), { kid: 'unknown-key' }), 'unknown-signing-key'],
    ['a token not valid yet', () => sign(claims({ nbf: now() + 3600 })), 'not-yet-valid'],
    ['another issuer', () => sign(claims({ iss: 'https://attacker.example/' })), 'rejected'],
    ['another audience', () => sign(claims({ aud: 'f00dfeed-0000-4000-8000-000000000000' })), 'audience'],
    ['an expired token', () => sign(claims({ exp: now() - 3600 })), 'expired'],
    ['a key endorsed for another channel', () => sign(claims()), 'rejected', { channelId: 'webchat' }],
    ['signing keys that cannot be downloaded', () => sign(claims()), 'signing-keys-unavailable', { metadataPath: '/broken/openid' }],
    ['"Bearer" alone', () => 'Bearer', 'not-bearer'],
    ['garbage', () => 'Bearer not.a.jwt', 'malformed'],
    ['a huge header', () => `Bearer ${'a'.repeat(20_000)}`, 'too-large'],
  ];
  for (const [name, token, reason, options] of refusals) {
    it(`${name}: 401, the turn does not run, one log line (${reason}) without a stack, nothing on the console`, async () => {
      const { result, turns, lines, console } = await attempt(token(), options);
      assert.deepEqual(result, { status: 401 });
      assert.equal(turns, 0);
      assert.equal(lines.length, 1, JSON.stringify(lines));
      assert.equal(lines[0]?.['reason'], reason);
      assert.ok(!('errStack' in (lines[0] ?? {})) && !JSON.stringify(lines[0]).includes(' at '), 'no stack');
      assert.deepEqual(console, [], 'botbuilder printed nothing');
      assert.equal(lines[0]?.['level'], reason === 'signing-keys-unavailable' ? 'error' : 'warn');
    });
  }
});

describe('rejectionReason', () => {
  const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });
  it('classifies what botbuilder and its libraries throw, never by quoting their messages', () => {
    assert.equal(rejectionReason(named('TokenExpiredError', 'jwt expired')), 'expired');
    assert.equal(rejectionReason(named('AuthenticationError', 'The token has expired')), 'expired');
    assert.equal(rejectionReason(named('NotBeforeError', 'jwt not active')), 'not-yet-valid');
    assert.equal(rejectionReason(named('JsonWebTokenError', 'invalid signature')), 'invalid-token');
    assert.equal(rejectionReason(named('AuthenticationError', 'Signing Key could not be retrieved.')), 'unknown-signing-key');
    assert.equal(rejectionReason(named('FetchError', 'request to https://login.botframework.com failed, reason: getaddrinfo ENOTFOUND')), 'signing-keys-unavailable');
    assert.equal(rejectionReason(named('AuthenticationError', 'Failed to load openID config: 503')), 'signing-keys-unavailable');
    assert.equal(rejectionReason(named('AuthenticationError', 'Unauthorized. Invalid AppId passed on token: x')), 'rejected');
    assert.equal(rejectionReason('a string'), 'rejected');
  });
});

describe('withoutConsole', () => {
  it('drops console output inside its async context only', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await Promise.all([
        withoutConsole(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          console.error('inside: dropped');
        }),
        (async () => {
          await new Promise((resolve) => setImmediate(resolve));
          console.error('outside: kept');
        })(),
      ]);
    } finally {
      process.stderr.write = write;
    }
    assert.deepEqual(written.join(''), 'outside: kept\n');
  });
});
