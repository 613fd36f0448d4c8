import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectorRefusal } from '#src/teams/alerts/connector-refusal.ts';

const refused = (statusCode: number, code: string): Error => Object.assign(new Error('refused'), { statusCode, code });

describe('connectorRefusal', () => {
  it('the conversation is gone when the connector names it, or refuses a post', () => {
    assert.equal(connectorRefusal(404, refused(404, 'ConversationNotFound'), 'update'), 'conversation-gone');
    assert.equal(connectorRefusal(403, refused(403, 'BotNotInConversationRoster'), 'update'), 'conversation-gone');
    assert.equal(connectorRefusal(403, refused(403, 'MessageWritesBlocked'), 'update'), 'conversation-gone');
    assert.equal(connectorRefusal(403, refused(403, 'ConversationBlockedByUser'), 'update'), 'conversation-gone');
    assert.equal(connectorRefusal(403, refused(403, 'Forbidden'), 'post'), 'conversation-gone');
    assert.equal(connectorRefusal(404, refused(404, 'NotFound'), 'post'), 'conversation-gone');
  });

  it('only the card is gone when an update misses its message', () => {
    assert.equal(connectorRefusal(404, refused(404, 'ActivityNotFoundInConversation'), 'update'), 'message-gone');
    assert.equal(connectorRefusal(404, new Error('no code'), 'update'), 'message-gone');
    assert.equal(connectorRefusal(403, refused(403, 'Forbidden'), 'update'), 'message-gone');
  });

  it('anything else is not a refusal (retried)', () => {
    assert.equal(connectorRefusal(500, refused(500, 'ServiceError'), 'update'), null);
    assert.equal(connectorRefusal(429, refused(429, 'Throttled'), 'post'), null);
    assert.equal(connectorRefusal(null, new Error('socket hang up'), 'post'), null);
  });
});
