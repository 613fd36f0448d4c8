import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isBotMentioned, messageText, normaliseWhitespace, stripBotMentions, stripBotMentionsFromHtml, htmlAttachment } from '#src/teams/messages/mentions.ts';
import type { MessageLike } from '#src/teams/messages/mentions.ts';

const BOT = { id: '28:bot-id', name: 'IoT Hub On-Call' };
const botMention = (text: string | undefined = '<at>IoT Hub On-Call</at>', name: string = BOT.name): Record<string, unknown> => ({
  type: 'mention',
  mentioned: { id: BOT.id, name },
  ...(text === undefined ? {} : { text }),
});
const userMention = { type: 'mention', text: '<at>Megan Bowen</at>', mentioned: { id: '29:megan', name: 'Megan Bowen' } };

function activity(text: string, entities: unknown[] = [botMention()], extra: Partial<MessageLike> = {}): MessageLike {
  return { text, recipient: BOT, entities, ...extra };
}

// Tags only, for these tests; the real bot passes diagnosis' normalizePaste.
const stripTags = (html: string): string => html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('stripBotMentions', () => {
  it('removes the bot mention at the start', () => {
    const a = activity('<at>IoT Hub On-Call</at> IotHubUnauthorizedAccess: error 401002');
    assert.equal(stripBotMentions(a.text ?? '', a), 'IotHubUnauthorizedAccess: error 401002');
  });

  it('removes every mention of the bot, not just the first', () => {
    const a = activity('<at>IoT Hub On-Call</at> 500001 ServerError <at>IoT Hub On-Call</at> again', [botMention(), botMention()]);
    assert.equal(stripBotMentions(a.text ?? '', a), '500001 ServerError   again');
  });

  it('keeps other people\'s mentions as plain names', () => {
    const a = activity('<at>IoT Hub On-Call</at> <at>Megan Bowen</at> saw 404103 DeviceNotOnline', [botMention(), userMention]);
    assert.equal(stripBotMentions(a.text ?? '', a), 'Megan Bowen saw 404103 DeviceNotOnline');
  });

  it('falls back to <at>name</at> when the entity has no text (names with &)', () => {
    const name = 'Ops & On-Call';
    const a: MessageLike = { text: '<at>Ops & On-Call</at> 503003', recipient: { id: BOT.id, name }, entities: [botMention(undefined, name)] };
    assert.equal(stripBotMentions(a.text ?? '', a), '503003');
  });

  it('matches an HTML-encoded entity text against a decoded activity text', () => {
    const a: MessageLike = { text: '<at>Ops & On-Call</at> 503003', recipient: { id: BOT.id, name: 'Something else' }, entities: [botMention('<at>Ops &amp; On-Call</at>', 'Ops &amp; On-Call')] };
    assert.equal(stripBotMentions(a.text ?? '', a), '503003');
  });

  it('handles CRLF around the mention (botbuilder-dotnet#4841)', () => {
    const a = activity('\r\n<at>IoT Hub On-Call</at>\r\n500001 ServerError\r\nat Foo.Bar()\r\n');
    assert.equal(stripBotMentions(a.text ?? '', a), '500001 ServerError\nat Foo.Bar()');
  });

  it('tolerates whitespace inside the tag and a different display-name case', () => {
    const a = activity('<at> iot hub on-call </at> 429001', [botMention('<at>IoT Hub On-Call</at>')]);
    assert.equal(stripBotMentions(a.text ?? '', a), '429001');
  });

  it('does not touch text when the bot is not mentioned', () => {
    const a = activity('plain 500001 text', []);
    assert.equal(stripBotMentions(a.text ?? '', a), 'plain 500001 text');
  });

  it('stays fast on a paste full of unclosed <at tags', () => {
    const hostile = '<at '.repeat(60_000);
    const a = activity(`<at>IoT Hub On-Call</at> ${hostile}`);
    const result = stripBotMentions(a.text ?? '', a);
    assert.ok(result.startsWith('<at'));
  });
});

describe('isBotMentioned', () => {
  it('is true by entity (mentioned.id === recipient.id)', () => {
    assert.equal(isBotMentioned(activity('<at>IoT Hub On-Call</at> x')), true);
  });

  it('is false when only someone else is mentioned', () => {
    assert.equal(isBotMentioned(activity('<at>Megan Bowen</at> x', [userMention])), false);
  });

  it('is true by <at>name</at> when Teams sent no entity', () => {
    assert.equal(isBotMentioned(activity('<at>IoT Hub On-Call</at> x', [])), true);
  });

  it('ignores malformed entities', () => {
    assert.equal(isBotMentioned(activity('x', [null, 42, { type: 'mention' }, { type: 'mention', mentioned: { id: 7 } }])), false);
  });
});

describe('normaliseWhitespace', () => {
  it('normalises line endings, no-break spaces and trailing spaces', () => {
    assert.equal(normaliseWhitespace('  a\u00a0b  \r\nc\t\r\n\r\n'), 'a b\nc');
  });

  it('is linear on long runs of spaces', () => {
    const text = `${' '.repeat(500_000)}x`;
    assert.equal(normaliseWhitespace(text), 'x');
  });
});

describe('messageText', () => {
  it('prefers activity.text', () => {
    const html = '<div><span itemscope itemtype="http://schema.skype.com/Mention" itemid="0">IoT Hub On-Call</span> 500001</div>';
    const a = activity('<at>IoT Hub On-Call</at> 500001', [botMention()], { attachments: [{ contentType: 'text/html', content: html }] });
    assert.deepEqual(messageText(a, stripTags), { text: '500001', source: 'text' });
  });

  it('falls back to the text/html attachment when the text is empty', () => {
    const html = '<div><span itemscope itemtype="http://schema.skype.com/Mention" itemid="0">IoT Hub On-Call</span> <pre>ErrorCode:IotHubUnauthorizedAccess&lt;401002&gt;</pre></div>';
    const a = activity('<at>IoT Hub On-Call</at>', [botMention()], { attachments: [{ contentType: 'text/html', content: html }] });
    assert.deepEqual(messageText(a, stripTags), { text: 'ErrorCode:IotHubUnauthorizedAccess<401002>', source: 'html' });
  });

  it('falls back to the HTML when the text looks truncated', () => {
    const body = Array.from({ length: 40 }, (_, i) => `line ${i}: 500001 ServerError`).join('<br>');
    const a = activity('<at>IoT Hub On-Call</at> line 0: 500001 ServerError...', [botMention()], {
      attachments: [{ contentType: 'text/html', content: `<p><at>IoT Hub On-Call</at> ${body}</p>` }],
    });
    const result = messageText(a, stripTags);
    assert.equal(result.source, 'html');
    assert.match(result.text, /^line 0: 500001 ServerError\nline 1:/);
    assert.match(result.text, /line 39: 500001 ServerError$/);
  });

  it('reports an empty message as such', () => {
    assert.deepEqual(messageText(activity('<at>IoT Hub On-Call</at>  '), stripTags), { text: '', source: 'none' });
    assert.deepEqual(messageText({ recipient: BOT }, stripTags), { text: '', source: 'none' });
  });

  it('finds the HTML attachment among others and ignores empty ones', () => {
    const a: MessageLike = { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }, { contentType: 'text/html', content: '  ' }, { contentType: 'TEXT/HTML', content: '<p>x</p>' }] };
    assert.equal(htmlAttachment(a), '<p>x</p>');
  });

  it('removes only the bot\'s mention span from the HTML', () => {
    const html = '<p><span itemtype="http://schema.skype.com/Mention" itemid="0">IoT Hub On-Call</span> and <span itemtype="http://schema.skype.com/Mention" itemid="1">Megan Bowen</span></p>';
    const stripped = stripBotMentionsFromHtml(html, activity('', [botMention()]));
    assert.ok(!stripped.includes('IoT Hub On-Call'));
    assert.ok(stripped.includes('Megan Bowen'));
  });
});
