// The card a message finally got. A diagnosis or health card is posted at once; when the hub's health had not
// answered yet, it says so ("checking the hub's health…") and the same message is then updated in place once.
import { uiStrings } from '#src/i18n/index.ts';
import { cardText, cardsOf } from './cards.ts';
import type { FakeConnector, RecordedRequest } from './fake-connector.ts';

const CHECKING = [uiStrings('en').health.checking, uiStrings('fr').health.checking];

/** Whether a card the bot sent still waits for the hub's health (it will be updated in place). */
export function isChecking(request: RecordedRequest): boolean {
  const text = cardsOf(request).map((card) => cardText(card)).join('\n');
  return CHECKING.some((line) => text.includes(line));
}

/** The update in place of a posted card (the PUT of its activity id). */
export function updateOf(connector: FakeConnector, posted: RecordedRequest, timeoutMs?: number): Promise<RecordedRequest> {
  const id = posted.responseId;
  if (id === null) throw new Error(`the post has no activity id: ${posted.method} ${posted.path}`);
  return connector.waitFor((request) => request.route === 'updateActivity' && request.activityId === id && request.status === 200, timeoutMs);
}

/** A posted card as it finally stands: itself, or its update in place when it was sent before the health answered. */
export async function settled(connector: FakeConnector, posted: RecordedRequest, timeoutMs?: number): Promise<RecordedRequest> {
  return isChecking(posted) ? updateOf(connector, posted, timeoutMs) : posted;
}

/** The reply to the message `inboundActivityId` as it finally stands. */
export async function finalReply(connector: FakeConnector, inboundActivityId: string, timeoutMs?: number): Promise<RecordedRequest> {
  const reply = await connector.waitFor((request) => request.route === 'replyToActivity' && request.activityId === inboundActivityId && request.status === 200, timeoutMs);
  return settled(connector, reply, timeoutMs);
}
