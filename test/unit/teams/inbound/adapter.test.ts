// TeamsAdapter.processInbound: what reaches a turn, and what is refused before (400) or by auth (401).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import type { BotIdentityConfig } from '#src/config.ts';
import { silentLogger } from '#src/log.ts';
import { TeamsAdapter } from '#src/teams/inbound/adapter.ts';
import { startFakeConnector } from '#test/support/fake-connector.ts';
import type { FakeConnector } from '#test/support/fake-connector.ts';

const NO_AUTH: BotIdentityConfig = { appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant', authEnabled: false };
const WITH_AUTH: BotIdentityConfig = { appId: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', appPassword: 'pw-value', appTenantId: '', appType: 'MultiTenant', authEnabled: true };

describe('TeamsAdapter.processInbound', () => {
  let connector: FakeConnector;
  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());

  const activity = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'message',
    id: 'a1',
    text: 'hello',
    serviceUrl: connector.url,
    channelId: 'msteams',
    conversation: { id: 'conv-1' },
    from: { id: '29:user' },
    recipient: { id: '28:bot' },
    timestamp: '2025-11-27T09:00:00.000Z',
    ...fields,
  });

  function adapter(bot: BotIdentityConfig, failures: unknown[] = []): TeamsAdapter {
    return new TeamsAdapter({ bot, logger: silentLogger(), onTurnFailed: async (_turn, error) => void failures.push(error) });
  }

  it('runs the turn with botbuilder types (timestamps as Date) and answers 200', async () => {
    const timestamps: unknown[] = [];
    const result = await adapter(NO_AUTH).processInbound({ activity: activity(), authorization: '' }, async (turn: TurnContext) => {
      timestamps.push(turn.activity.timestamp);
      await turn.sendActivity('hi back');
    });
    assert.deepEqual(result, { status: 200 });
    assert.equal(timestamps.length, 1);
    assert.ok(timestamps[0] instanceof Date);
    const reply = await connector.waitFor((request) => request.activityId === 'a1');
    assert.equal(reply.body?.text, 'hi back');
  });

  it('refuses activities without a usable serviceUrl or conversation, before any turn', async () => {
    let turns = 0;
    const logic = async (): Promise<void> => void (turns += 1);
    for (const bad of [activity({ serviceUrl: 'javascript:alert(1)' }), activity({ serviceUrl: undefined }), activity({ conversation: undefined }), activity({ conversation: { id: 7 } }), activity({ type: '' })]) {
      const result = await adapter(NO_AUTH).processInbound({ activity: bad, authorization: '' }, logic);
      assert.equal(result.status, 400, JSON.stringify(bad));
    }
    assert.equal(turns, 0);
  });

  it('answers 401 without running the turn when an app id is set and the token is missing or bad', async () => {
    let turns = 0;
    for (const authorization of ['', 'Bearer x.y.z', 'Basic abc']) {
      const result = await adapter(WITH_AUTH).processInbound({ activity: activity(), authorization }, async () => void (turns += 1));
      assert.deepEqual(result, { status: 401 }, authorization);
    }
    assert.equal(turns, 0);
  });

  it('hands a failing turn to onTurnFailed and still answers 200', async () => {
    const failures: unknown[] = [];
    const result = await adapter(NO_AUTH, failures).processInbound({ activity: activity({ id: 'a2' }), authorization: '' }, async () => {
      throw new Error('handler broke');
    });
    assert.deepEqual(result, { status: 200 });
    assert.equal(failures.length, 1);
  });

  it('returns the invoke response body', async () => {
    const invoke = activity({ type: 'invoke', name: 'adaptiveCard/action', id: 'a3' });
    const result = await adapter(NO_AUTH).processInbound({ activity: invoke, authorization: '' }, async (turn) => {
      await turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } } });
    });
    assert.deepEqual(result, { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } });
  });
});
