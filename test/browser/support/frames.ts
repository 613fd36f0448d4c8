// Reads the playground's websocket frames (page.on('websocket')): the conversation stream carries every message
// and card update the web client renders (with the real conversation and message ids), the log stream carries
// every activity exchanged with the bot. Ids are not in the DOM, so this is where tests get them.
import type { Page, WebSocket } from 'playwright-core';

type Json = Record<string, unknown>;

export interface SeenMessage {
  action: 'createMessage' | 'updateMessage';
  /** The conversation as the bot sees it (a channel thread is `<channel>;messageid=<root>`). */
  conversationId: string;
  messageId: string;
  fromId: string;
  text: string | null;
  /** Adaptive Card contents of the message's attachments. */
  cards: Json[];
}

export interface SeenLogEntry {
  conversationId: string | null;
  activityName: string | null;
  messageId: string | null;
  from: string | null;
  status: number | null;
  displayText: string;
  /** The activity as sent (request body), when the entry is an exchange with the bot. */
  activity: Json | null;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function jsonOrNull(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function cardsOf(message: Json): Json[] {
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  return attachments.filter(isObject).filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive' && isObject(attachment.content)).map((attachment) => attachment.content as Json);
}

/** A conversation-stream frame → the message it creates or updates; null for anything else (typing, …). */
export function parseConversationFrame(payload: string): SeenMessage | null {
  const frame = jsonOrNull(payload);
  if (!isObject(frame) || (frame.action !== 'createMessage' && frame.action !== 'updateMessage') || !isObject(frame.message)) return null;
  const message = frame.message;
  const conversationId = text(frame.actionConversationId) ?? text(message.directLineConversationId);
  const messageId = text(message.messageId);
  if (conversationId === null || messageId === null) return null;
  return {
    action: frame.action,
    conversationId,
    messageId,
    fromId: isObject(message.from) ? (text(message.from.id) ?? '') : '',
    text: text(message.text),
    cards: cardsOf(message),
  };
}

/** A log-stream frame → the log entry; null for anything else. */
export function parseLogFrame(payload: string): SeenLogEntry | null {
  const frame = jsonOrNull(payload);
  if (!isObject(frame) || !isObject(frame.log)) return null;
  const log = frame.log;
  const request = isObject(log.request) ? log.request : {};
  const response = isObject(log.response) ? log.response : {};
  return {
    conversationId: text(log.conversationId),
    activityName: text(log.activityName),
    messageId: text(log.messageId),
    from: text(log.from),
    status: typeof response.statusCode === 'number' ? response.statusCode : null,
    displayText: text(log.displayText) ?? '',
    activity: isObject(request.body) ? request.body : null,
  };
}

export interface FrameRecorder {
  readonly messages: readonly SeenMessage[];
  readonly logEntries: readonly SeenLogEntry[];
  /** Resolves with the first message (already seen or arriving later) matching the predicate. */
  waitForMessage(predicate: (message: SeenMessage) => boolean, timeoutMs: number, what: string): Promise<SeenMessage>;
  /** Resolves with the first log entry (already seen or arriving later) matching the predicate. */
  waitForLogEntry(predicate: (entry: SeenLogEntry) => boolean, what: string, timeoutMs?: number): Promise<SeenLogEntry>;
  /** The latest state of a message: its last create/update frame. */
  latest(messageId: string): SeenMessage | undefined;
  describe(): string;
}

export function recordFrames(page: Page): FrameRecorder {
  const messages: SeenMessage[] = [];
  const logEntries: SeenLogEntry[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };

  page.on('websocket', (socket: WebSocket) => {
    const isConversation = socket.url().includes('/_ws_conversation/');
    const isLog = socket.url().includes('/_ws/log/');
    socket.on('framereceived', ({ payload }) => {
      const body = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (isConversation) {
        const message = parseConversationFrame(body);
        if (message) messages.push(message);
      } else if (isLog) {
        const entry = parseLogFrame(body);
        if (entry) logEntries.push(entry);
      }
      notify();
    });
  });

  const waitFor = <T>(items: readonly T[], predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> => {
    const found = items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = items.find(predicate);
        if (match === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no websocket frame with ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
    });
  };

  return {
    messages,
    logEntries,
    waitForMessage: (predicate, timeoutMs, what) => waitFor(messages, predicate, timeoutMs, what),
    waitForLogEntry: (predicate, what, timeoutMs = 20_000) => waitFor(logEntries, predicate, timeoutMs, what),
    latest(messageId) {
      return messages.findLast((message) => message.messageId === messageId);
    },
    describe() {
      const exchanges = logEntries
        .filter((entry) => entry.activityName !== null)
        .map((entry) => `${entry.from ?? '?'} ${entry.activityName} ${entry.status ?? ''} conv=${entry.conversationId ?? ''} id=${entry.messageId ?? ''}`);
      const notes = logEntries.filter((entry) => entry.activityName === null && entry.displayText !== '').map((entry) => `note: ${entry.displayText}`);
      const shown = messages.map((message) => `${message.action} conv=${message.conversationId} id=${message.messageId} from=${message.fromId} cards=${message.cards.length}`);
      return ['--- playground log stream ---', ...notes, ...exchanges, '--- conversation stream ---', ...shown].join('\n');
    },
  };
}
