// The text a user meant, from a Teams message activity: every mention of the bot removed (by entity, not by
// display name alone), other mentions reduced to the name, line endings normalised. botbuilder's
// removeRecipientMention strips only the first match and only when the entity text is a literal substring.

/** The parts of an activity that carry the text, mentions and the HTML rendering. */
export interface MessageLike {
  text?: string | null;
  recipient?: { id?: string | null; name?: string | null } | null;
  entities?: readonly unknown[] | null;
  attachments?: readonly { contentType?: string | null; content?: unknown }[] | null;
}

interface MentionEntity {
  mentionedId: string;
  mentionedName: string | null;
  text: string | null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function mentionEntities(activity: MessageLike): MentionEntity[] {
  const found: MentionEntity[] = [];
  for (const entity of activity.entities ?? []) {
    const record = asRecord(entity);
    if (!record || record.type !== 'mention') continue;
    const mentioned = asRecord(record.mentioned);
    if (!mentioned || typeof mentioned.id !== 'string') continue;
    found.push({
      mentionedId: mentioned.id,
      mentionedName: typeof mentioned.name === 'string' && mentioned.name.trim() !== '' ? mentioned.name : null,
      text: typeof record.text === 'string' && record.text.trim() !== '' ? record.text : null,
    });
  }
  return found;
}

function sameId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function botMentions(activity: MessageLike): MentionEntity[] {
  const botId = activity.recipient?.id;
  if (!botId) return [];
  return mentionEntities(activity).filter((mention) => sameId(mention.mentionedId, botId));
}

const BASIC_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ' };

function decodeBasicEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (entity) => BASIC_ENTITIES[entity] ?? entity);
}

// Tag patterns are bounded ({0,N}, no '<' inside a name) so a paste full of unclosed tags stays linear.
const AT_OPEN = '<at(?:\\s[^<>]{0,200})?>';
const AT_TAG_WHOLE = /^<at(?:\s[^<>]{0,200})?>([^<]{0,256})<\/at>$/i;
const ANY_AT_TAG = /<at(?:\s[^<>]{0,200})?>([^<]{0,256})<\/at>/gi;

function atTagFor(names: string): RegExp {
  return new RegExp(`${AT_OPEN}\\s{0,16}(?:${names})\\s{0,16}</at>`, 'gi');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names the bot may appear under inside <at>…</at>: from its mention entities and its own recipient name. */
function botNames(activity: MessageLike, mentions: MentionEntity[]): string[] {
  const names = new Set<string>();
  const add = (name: string | null | undefined): void => {
    const trimmed = name?.trim();
    if (!trimmed) return;
    names.add(trimmed);
    names.add(decodeBasicEntities(trimmed));
  };
  for (const mention of mentions) {
    add(mention.mentionedName);
    const inner = mention.text?.match(AT_TAG_WHOLE)?.[1];
    add(inner);
  }
  add(activity.recipient?.name);
  return [...names].sort((a, b) => b.length - a.length);
}

/** True when the bot is @mentioned in this activity (by entity, or by an <at> tag carrying its name). */
export function isBotMentioned(activity: MessageLike): boolean {
  if (botMentions(activity).length > 0) return true;
  const name = activity.recipient?.name?.trim();
  if (!name || !activity.text) return false;
  return atTagFor(escapeRegExp(name)).test(activity.text);
}

/**
 * Removes every mention of the bot from a text: each entity's literal text, and any <at>NAME</at> whose
 * NAME is one of the bot's names (entities may lack `text`, or carry it HTML-encoded). Other people's
 * mentions keep their name and lose the tag.
 */
export function stripBotMentions(text: string, activity: MessageLike): string {
  const mentions = botMentions(activity);
  let result = text;
  for (const mention of mentions) {
    if (mention.text) result = result.split(mention.text).join(' ');
  }
  const hasBotMention = mentions.length > 0 || isBotMentioned({ ...activity, text });
  if (hasBotMention) {
    const names = botNames(activity, mentions).map(escapeRegExp).join('|');
    if (names !== '') result = result.replace(atTagFor(names), ' ');
  }
  result = result.replace(ANY_AT_TAG, '$1');
  return normaliseWhitespace(result);
}

/** CRLF/CR → LF, no-break spaces → spaces, trailing spaces of each line and outer blank space removed. */
export function normaliseWhitespace(text: string): string {
  // Split/trim rather than a /[ \t]+\n/ regex, which is quadratic on long runs of spaces.
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** The HTML rendering Teams attaches to a message (attachment of type text/html), if any. */
export function htmlAttachment(activity: MessageLike): string | null {
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType?.toLowerCase() === 'text/html' && typeof attachment.content === 'string' && attachment.content.trim() !== '') {
      return attachment.content;
    }
  }
  return null;
}

/** Removes the bot's mention spans from Teams message HTML (schema.skype.com/Mention spans and <at> tags). */
export function stripBotMentionsFromHtml(html: string, activity: MessageLike): string {
  const names = botNames(activity, botMentions(activity)).map(escapeRegExp);
  if (names.length === 0) return html;
  const alternatives = names.join('|');
  return html
    .replace(new RegExp(`<span[^<>]{0,300}schema\\.skype\\.com/Mention[^<>]{0,300}>\\s{0,16}(?:${alternatives})\\s{0,16}</span>`, 'gi'), ' ')
    .replace(atTagFor(alternatives), ' ');
}

/** Teams' plain-text rendering loses content (or is empty) for some rich pastes: prefer the HTML then. */
export function textLooksTruncated(text: string, htmlText: string): boolean {
  if (text.trim() === '') return true;
  if (/(?:\.\.\.|…)$/.test(text.trim()) && htmlText.length > text.length) return true;
  return htmlText.length > text.length * 1.25 + 64;
}

/**
 * The user's message text: activity.text without the bot's mentions; when that is empty or looks truncated
 * and Teams attached the HTML rendering, the HTML turned into text by `htmlToText`.
 */
export function messageText(activity: MessageLike, htmlToText: (html: string) => string): { text: string; source: 'text' | 'html' | 'none' } {
  const text = stripBotMentions(activity.text ?? '', activity);
  const html = htmlAttachment(activity);
  if (html !== null) {
    const htmlText = normaliseWhitespace(htmlToText(stripBotMentionsFromHtml(html, activity)));
    if (htmlText !== '' && textLooksTruncated(text, htmlText)) return { text: htmlText, source: 'html' };
  }
  return { text, source: text === '' ? 'none' : 'text' };
}
