// Reading the Diagnose message action's invoke values: the message (HTML → text), the dialog's submits,
// and the conversation the diagnosis is posted to.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIAGNOSE_COMMAND_ID,
  POST_DIAGNOSIS_INTENT,
  commandIdOf,
  placeOf,
  postConversationId,
  sourceMessageOf,
  submitIntentOf,
} from '#src/teams/message-action/payload.ts';

const payload = (body: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  commandId: 'diagnose',
  commandContext: 'message',
  messagePayload: { id: '1732700000222', replyToId: null, body, ...extra },
});

describe('sourceMessageOf', () => {
  it('turns the HTML body into text: tags to lines, entities decoded, mentions removed', () => {
    const html =
      '<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Megan Bowen</span>&nbsp;look:</div>' +
      '<pre>{&quot;errorCode&quot;:404103,&quot;message&quot;:&quot;DeviceNotOnline&quot;}<br>at Device&lt;T&gt;.Invoke() &amp; retry</pre>' +
      '<p><at id="1">IoT Hub On-Call</at> please</p></div>';
    const source = sourceMessageOf(payload({ contentType: 'html', content: html }));
    assert.ok(source);
    assert.equal(source.id, '1732700000222');
    assert.equal(source.replyToId, null);
    assert.ok(source.text.includes('{"errorCode":404103,"message":"DeviceNotOnline"}'), source.text);
    assert.ok(source.text.includes('at Device<T>.Invoke() & retry'), source.text);
    assert.ok(!source.text.includes('Megan Bowen') && !source.text.includes('IoT Hub On-Call'), `mentions removed: ${source.text}`);
    assert.ok(!/<\/?(div|pre|br|p|span|at)\b/.test(source.text), `no tags left: ${source.text}`);
    assert.ok(source.text.split('\n').filter((line) => line.trim() !== '').length >= 3, source.text);
  });

  it('keeps a plain-text body as typed (angle brackets are not tags there)', () => {
    const source = sourceMessageOf(payload({ contentType: 'text', content: 'List<Device> failed: 500001 ServerError\r\nsecond line' }));
    assert.equal(source?.text, 'List<Device> failed: 500001 ServerError\nsecond line');
  });

  it('reads the thread root of a channel reply', () => {
    const source = sourceMessageOf(payload({ contentType: 'html', content: '<p>x</p>' }, { id: '2', replyToId: '1' }));
    assert.deepEqual([source?.id, source?.replyToId], ['2', '1']);
  });

  it('gives an empty text for a message without a text body, and null without a message', () => {
    assert.equal(sourceMessageOf(payload(undefined))?.text, '');
    assert.equal(sourceMessageOf(payload({ contentType: 'html', content: 42 }))?.text, '');
    assert.equal(sourceMessageOf(payload({ contentType: 'html', content: '<div><img src="x.png"></div>' }))?.text, '');
    assert.equal(sourceMessageOf({ commandId: 'diagnose' }), null);
    assert.equal(sourceMessageOf({ messagePayload: 'not an object' }), null);
    assert.equal(sourceMessageOf(null), null);
    assert.equal(sourceMessageOf(undefined), null);
  });

  it('ignores ids that are not strings', () => {
    const source = sourceMessageOf(payload({ contentType: 'html', content: 'x' }, { id: 12, replyToId: { id: 1 } }));
    assert.deepEqual([source?.id, source?.replyToId], [null, null]);
  });
});

describe('commandIdOf and submitIntentOf', () => {
  it('reads the command id', () => {
    assert.equal(commandIdOf({ commandId: 'diagnose' }), DIAGNOSE_COMMAND_ID);
    assert.equal(commandIdOf({ commandId: '' }), null);
    assert.equal(commandIdOf({}), null);
    assert.equal(commandIdOf('diagnose'), null);
  });

  it('tells the post button from the just-in-time install and from anything else', () => {
    assert.deepEqual(submitIntentOf({ data: { iothubOncall: POST_DIAGNOSIS_INTENT } }), { kind: 'post' });
    assert.deepEqual(submitIntentOf({ data: { msteams: { justInTimeInstall: true } } }), { kind: 'installed' });
    assert.deepEqual(submitIntentOf({ data: { msteams: { justInTimeInstall: 'true' } } }), { kind: 'unknown' });
    assert.deepEqual(submitIntentOf({ data: { iothubOncall: 'failover.approve' } }), { kind: 'unknown' });
    assert.deepEqual(submitIntentOf({ data: null }), { kind: 'unknown' });
    assert.deepEqual(submitIntentOf({}), { kind: 'unknown' });
  });
});

describe('postConversationId', () => {
  const source = (id: string | null, replyToId: string | null) => ({ id, replyToId, text: '' });

  it('posts to the chat itself in group and personal chats', () => {
    assert.equal(postConversationId({ id: '19:group@thread.v2', conversationType: 'groupChat' }, source('5', null)), '19:group@thread.v2');
    assert.equal(postConversationId({ id: 'a:1personal', conversationType: 'personal' }, source('5', '4')), 'a:1personal');
  });

  it('keeps the thread Teams gives in a channel', () => {
    const thread = '19:ch@thread.tacv2;messageid=100';
    assert.equal(postConversationId({ id: thread, conversationType: 'channel' }, source('101', '100')), thread);
  });

  it('builds the thread from the root: the reply target of a reply, else the message itself', () => {
    const channel = { id: '19:ch@thread.tacv2', conversationType: 'channel' };
    assert.equal(postConversationId(channel, source('101', '100')), '19:ch@thread.tacv2;messageid=100');
    assert.equal(postConversationId(channel, source('100', null)), '19:ch@thread.tacv2;messageid=100');
    assert.equal(postConversationId(channel, source(null, null)), '19:ch@thread.tacv2');
    assert.equal(postConversationId(channel, null), '19:ch@thread.tacv2');
  });

  it('says whether the conversation is a channel or a chat', () => {
    assert.equal(placeOf({ id: 'x', conversationType: 'channel' }), 'channel');
    assert.equal(placeOf({ id: 'x', conversationType: 'groupChat' }), 'chat');
    assert.equal(placeOf({ id: 'x' }), 'chat');
  });
});
