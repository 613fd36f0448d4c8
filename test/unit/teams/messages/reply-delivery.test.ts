// completeReply: what happens after a reply's first card was sent. Fake update functions record the calls.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '#src/log.ts';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';
import { completeReply } from '#src/teams/messages/reply-delivery.ts';
import type { Reply } from '#src/teams/messages/replies.ts';

const card = (text: string): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

function recorder(): { calls: string[]; update: (id: string, sent: AdaptiveCard) => Promise<void> } {
  const calls: string[] = [];
  return {
    calls,
    update: async (id, sent) => {
      calls.push(`update ${id} ${JSON.stringify(sent.body)}`);
    },
  };
}

describe('completeReply', () => {
  it('a complete card: its proposal learns the activity id, nothing is updated', async () => {
    const { calls, update } = recorder();
    const reply: Reply = { card: card('done'), log: {}, afterSend: async (id) => void calls.push(`attach ${id}`) };
    assert.deepEqual(await completeReply(reply, 'activity-1', update, silentLogger()), {});
    assert.deepEqual(calls, ['attach activity-1']);
  });

  it('a card sent while checking: the proposal is attached to that message, then the message is updated once', async () => {
    const { calls, update } = recorder();
    const reply: Reply = {
      card: card('checking'),
      log: { hubPart: 'checking' },
      complete: async () => ({ card: card('complete'), log: { hubPart: 'health' }, afterSend: async (id) => void calls.push(`attach ${id}`) }),
    };
    const fields = await completeReply(reply, 'activity-2', update, silentLogger());
    assert.deepEqual(calls, ['attach activity-2', 'update activity-2 [{"type":"TextBlock","text":"complete"}]']);
    assert.equal(fields.hubPart, 'health');
    assert.equal(fields.updatedInPlace, true);
  });

  it('a refused update, a card without an id, a completion that throws: no error escapes, no second message', async () => {
    const refused = await completeReply(
      { card: card('checking'), log: {}, complete: async () => ({ card: card('complete'), log: { hubPart: 'health' } }) },
      'activity-3',
      async () => {
        throw Object.assign(new Error('Bad gateway'), { statusCode: 502 });
      },
      silentLogger(),
    );
    assert.equal(refused.updatedInPlace, false);
    assert.equal(refused.hubPart, 'health');

    const { calls, update } = recorder();
    const noId = await completeReply(
      { card: card('checking'), log: {}, complete: async () => ({ card: card('complete'), log: {}, afterSend: async () => void calls.push('attach') }) },
      null,
      update,
      silentLogger(),
    );
    assert.equal(noId.updatedInPlace, false);
    assert.deepEqual(calls, [], 'nothing to attach to, nothing to update');

    const failed = await completeReply({ card: card('checking'), log: {}, complete: async () => Promise.reject(new Error('bug')) }, 'activity-4', update, silentLogger());
    assert.deepEqual(failed, { updatedInPlace: false });
  });
});
