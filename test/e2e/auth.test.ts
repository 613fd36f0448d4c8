// With a Microsoft App ID configured, /api/messages demands a Bot Framework token: no token, a malformed
// one, or one from an issuer Bot Framework does not use → 401, and the turn never runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { message, postActivity } from '../support/activities.ts';
import { startBotProcess } from '../support/bot-process.ts';
import type { BotProcess } from '../support/bot-process.ts';
import { startFakeConnector } from '../support/fake-connector.ts';
import type { FakeConnector } from '../support/fake-connector.ts';

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

  const attempts: { name: string; headers: Record<string, string> }[] = [
    { name: 'no Authorization header', headers: {} },
    { name: 'a malformed bearer token', headers: { authorization: 'Bearer not-a-jwt' } },
    { name: 'a non-bearer scheme', headers: { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` } },
    { name: 'an unsigned token from a foreign issuer', headers: { authorization: `Bearer ${forgedToken()}` } },
  ];
  for (const attempt of attempts) {
    it(`answers 401 to an activity with ${attempt.name}`, async () => {
      const built = message({ serviceUrl: connector.url, text: 'help' });
      const response = await postActivity(bot.url, built.activity, attempt.headers);
      assert.equal(response.status, 401);
      assert.deepEqual(JSON.parse(response.text), { error: { code: 'Unauthorized', message: 'Authentication failed.' } });
    });
  }

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
