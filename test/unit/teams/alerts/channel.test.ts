// The alert channel's connector calls are bounded (well under the delivery's claim): a connector that never
// answers cuts the call short with an error, and the thread creation's request is aborted, not left running.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BotAdapter, TurnContext } from 'botbuilder';
import type { Subscription } from '#src/alerts/subscriptions.ts';
import { DeadlineExceeded } from '#src/core/abort.ts';
import { adapterAlertChannel } from '#src/teams/alerts/channel.ts';

const REFERENCE = { serviceUrl: 'https://smba.example/emea/', channelId: 'msteams', conversation: { id: '19:alerts@thread.tacv2', isGroup: true, conversationType: 'channel' }, bot: { id: '28:bot', name: 'bot' } };

function subscription(kind: Subscription['kind']): Subscription {
  return { key: '19:alerts@thread.tacv2', kind, teamId: null, reference: REFERENCE, locale: 'en', subscribedAt: '2026-05-04T09:00:00.000Z', hubs: 'all' } as Subscription;
}

/** An adapter whose connector never answers; records whether the thread creation's request was aborted. */
function hungConnector(): { adapter: Pick<BotAdapter, 'continueConversationAsync'>; aborted: () => boolean } {
  let aborted = false;
  const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
  const client = {
    conversations: {
      createConversation: (_parameters: unknown, options: { abortSignal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          options.abortSignal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        }),
    },
  };
  const turn = { turnState: new Map([['ConnectorClient', client]]), adapter: { ConnectorClientKey: 'ConnectorClient', sendActivities: never }, updateActivity: never };
  const adapter = { continueConversationAsync: async (_appId: unknown, _reference: unknown, logic: (turn: TurnContext) => Promise<void>) => logic(turn as unknown as TurnContext) };
  return { adapter: adapter as unknown as Pick<BotAdapter, 'continueConversationAsync'>, aborted: () => aborted };
}

describe('alert channel: bounded connector calls', () => {
  it('a thread creation that never answers fails within the budget, its request aborted', async () => {
    const connector = hungConnector();
    const channel = adapterAlertChannel(connector.adapter, 'app', { callBudgetMs: 50 });
    await assert.rejects(channel.post(subscription('channel'), { type: 'AdaptiveCard', version: '1.5', body: [] }), DeadlineExceeded);
    assert.equal(connector.aborted(), true);
  });

  it('a chat message or an update that never answers fails within the budget', async () => {
    const connector = hungConnector();
    const channel = adapterAlertChannel(connector.adapter, 'app', { callBudgetMs: 50 });
    await assert.rejects(channel.post(subscription('groupChat'), { type: 'AdaptiveCard', version: '1.5', body: [] }), DeadlineExceeded);
    await assert.rejects(channel.update(REFERENCE, 'activity-1', { type: 'AdaptiveCard', version: '1.5', body: [] }), DeadlineExceeded);
  });
});
