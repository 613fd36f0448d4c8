// The inbound shape check: everything Teams really sends passes; a field of the wrong type is named (its
// value never quoted), so the HTTP layer answers 400 instead of the turn failing inside botbuilder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activityShapeProblem } from '#src/teams/inbound/activity-shape.ts';
import { invoke, mentionEntity, message } from '#test/support/activities.ts';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

describe('activityShapeProblem', () => {
  it('accepts what Teams sends: chat, group and channel messages, HTML attachments, mentions, invokes, member updates', () => {
    for (const kind of ['personal', 'groupChat', 'channel'] as const) {
      const built = message({ serviceUrl: SERVICE_URL, kind, text: 'help', html: '<p>help</p>', entities: [mentionEntity({ id: '29:other', name: 'Other' })] });
      assert.equal(activityShapeProblem(built.activity), null, kind);
    }
    assert.equal(activityShapeProblem(invoke({ serviceUrl: SERVICE_URL, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'card.refresh', data: {} }, trigger: 'manual' } })), null);
    assert.equal(activityShapeProblem(invoke({ serviceUrl: SERVICE_URL, name: 'composeExtension/fetchTask', value: 42 })), null, 'the message action validates its own payload');
    const update = { ...message({ serviceUrl: SERVICE_URL, text: '' }).activity, type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }, { id: '29:u', aadObjectId: 'x' }] };
    assert.equal(activityShapeProblem(update), null);
    assert.equal(activityShapeProblem({ type: 'message', conversation: { id: 'c' }, from: null, text: null }), null, 'null is as good as absent');
  });

  const wrong: [string, Record<string, unknown>, string][] = [
    ['text as a number', { text: 42 }, "'text'"],
    ['text as an object', { text: { html: '<p>' } }, "'text'"],
    ['locale as a number', { locale: 7 }, "'locale'"],
    ['id as a number', { id: 1 }, "'id'"],
    ['from as a string', { from: '29:user' }, "'from'"],
    ['from.id as a number', { from: { id: 5 } }, "'from'"],
    ['attachments as a string', { attachments: '<p>x</p>' }, "'attachments'"],
    ['attachments with nulls', { attachments: [null] }, "'attachments'"],
    ['an attachment contentType as a number', { attachments: [{ contentType: 1, content: 'x' }] }, "'attachments'"],
    ['entities as an object', { entities: { type: 'mention' } }, "'entities'"],
    ['a mention without an account', { entities: [{ type: 'mention', text: '<at>x</at>', mentioned: 'x' }] }, "'entities'"],
    ['channelData as a string', { channelData: 'tenant' }, "'channelData'"],
    ['membersAdded as a string', { membersAdded: 'everyone' }, "'membersAdded'"],
    ['reactionsAdded with numbers', { reactionsAdded: [1] }, "'reactionsAdded'"],
    ['conversation.isGroup as a string', { conversation: { id: 'c', isGroup: 'yes' } }, "'conversation.isGroup'"],
    ['conversation.conversationType as a number', { conversation: { id: 'c', conversationType: 3 } }, "'conversation.conversationType'"],
  ];
  for (const [name, fields, field] of wrong) {
    it(`names the field: ${name}`, () => {
      const problem = activityShapeProblem({ type: 'message', conversation: { id: 'c' }, ...fields });
      assert.ok(problem?.includes(field), String(problem));
    });
  }

  it('refuses an invoke without a name, and leaves invoke values to their handlers', () => {
    assert.match(String(activityShapeProblem({ type: 'invoke', conversation: { id: 'c' }, value: {} })), /needs a name/);
    assert.match(String(activityShapeProblem({ type: 'invoke', name: '', conversation: { id: 'c' } })), /needs a name/);
    for (const value of [undefined, null, 42, 'approve', [], { action: null }]) {
      assert.equal(activityShapeProblem({ type: 'invoke', name: 'adaptiveCard/action', conversation: { id: 'c' }, value }), null, JSON.stringify(value));
    }
  });

  it('never quotes the offending value', () => {
    const problem = activityShapeProblem({ type: 'message', conversation: { id: 'c' }, text: { secret: 'SharedAccessKey=abc' } });
    assert.ok(problem !== null && !problem.includes('SharedAccessKey'));
  });
});
