// With a Microsoft App ID configured, /api/messages demands a Bot Framework token: no token, a malformed
// one, one from an issuer Bot Framework does not use, an expired one, one for another audience, or one that
// botbuilder must verify against signing keys it cannot get → 401 (never 500), the turn never runs, and
// each refusal is one log line without a stack (nothing on stderr).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { message, postActivity } from '#test/support/activities.ts';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { startFakeConnector } from '#test/support/fake-connector.ts';
import type { FakeConnector } from '#test/support/fake-connector.ts';

const APP_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const APP_PASSWORD = 'e2e-Test~Password.Value_0123456789';

/** An unsigned JWT (alg none) claiming our app id as audience, from an issuer that is not Bot Framework's. */
function forgedToken(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: 'https://attacker.example/', aud: APP_ID, iat: now, nbf: now, exp: now + 600, serviceurl: 'http://127.0.0.1' })}.`;
}

describe('authentication (MicrosoftAppId set)', () => {
  let connector: FakeConnector;
  let bot: BotProcess;

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBotProcess({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppType: 'MultiTenant' });
  });

  after(async () => {
    await bot?.stop('SIGKILL');
    await connector?.close();
  });

  const now = Math.floor(Date.now() / 1000);
  const rs256 = (claims: Record<string, unknown>): string => {
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `Bearer ${encode({ alg: 'RS256', typ: 'JWT', kid: 'not-a-published-key' })}.${encode(claims)}.${Buffer.from('not a signature').toString('base64url')}`;
  };
  const channelClaims = { iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 600, serviceurl: 'http://127.0.0.1' };
  const attempts: { name: string; headers: Record<string, string>; reason: string }[] = [
    { name: 'no Authorization header', headers: {}, reason: 'missing' },
    { name: 'a malformed bearer token', headers: { authorization: 'Bearer not-a-jwt' }, reason: 'malformed' },
    { name: 'a non-bearer scheme', headers: { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` }, reason: 'not-bearer' },
    { name: 'an unsigned token from a foreign issuer', headers: { authorization: `Bearer ${forgedToken()}` }, reason: 'algorithm' },
    { name: '"Bearer" alone', headers: { authorization: 'Bearer' }, reason: 'not-bearer' },
    { name: 'garbage', headers: { authorization: 'garbage !@#$%^&*() {}[] garbage' }, reason: 'not-bearer' },
    { name: 'a huge header (12 KB)', headers: { authorization: `Bearer ${'a'.repeat(12_000)}` }, reason: 'too-large' },
    { name: 'an expired token', headers: { authorization: rs256({ ...channelClaims, exp: now - 3600 }) }, reason: 'expired' },
    { name: 'a token for another audience', headers: { authorization: rs256({ ...channelClaims, aud: 'f00dfeed-0000-4000-8000-000000000000' }) }, reason: 'audience' },
    // Plausible claims and a bad signature: botbuilder must fetch Bot Framework's signing keys to tell. Offline
    // the download fails, online the key id is unknown: a 500 with a logged stack before, a 401 now.
    {
      name: 'a channel token with a bad signature',
      headers: { authorization: rs256(channelClaims) },
      reason: '(botbuilder)',
    },
  ];
  const refusedIds: string[] = [];
  for (const attempt of attempts) {
    it(`answers 401 to an activity with ${attempt.name}, and logs why`, async () => {
      const built = message({ serviceUrl: connector.url, text: 'help' });
      const response = await postActivity(bot.url, built.activity, attempt.headers);
      assert.equal(response.status, 401);
      assert.deepEqual(JSON.parse(response.text), { error: { code: 'Unauthorized', message: 'Authentication failed.' } });
      refusedIds.push(built.activityId);
      const line = JSON.parse(await bot.waitForLine((candidate) => candidate.includes(built.activityId))) as Record<string, unknown>;
      assert.match(String(line['msg']), /^activity refused/);
      if (attempt.reason !== '(botbuilder)') assert.equal(line['reason'], attempt.reason);
      else assert.ok(['signing-keys-unavailable', 'unknown-signing-key'].includes(String(line['reason'])), String(line['reason']));
    });
  }

  it('logged exactly one line for each of them, no stack, and nothing reached stderr', () => {
    // Each attempt waited for its line, and the log is written in order: every line of every attempt is in.
    assert.equal(refusedIds.length, attempts.length);
    for (const id of refusedIds) assert.equal(bot.logLines().filter((line) => JSON.stringify(line).includes(id)).length, 1, id);
    assert.ok(!bot.stdout().includes('errStack'), 'no stack in the log');
    assert.equal(bot.stderr(), '');
  });

  it('ran no turn and called no connector for any of them', () => {
    assert.equal(connector.requests.length, 0);
    assert.ok(!bot.stdout().includes('"msg":"message answered"'));
  });

  it('keeps /healthz open (probes carry no token) and never logs the app password', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    assert.equal(response.status, 200);
    assert.ok(!bot.stdout().includes(APP_PASSWORD) && !bot.stderr().includes(APP_PASSWORD));
    assert.match(bot.stdout(), /"authEnabled":true/);
  });
});
