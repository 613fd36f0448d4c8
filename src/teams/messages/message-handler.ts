// One inbound message: dedupe, the mention rule of group conversations, the text the user meant, then the
// command router. Logs say what happened (ids, command, codes, verdict, durations), never what was pasted.
import { CardFactory, MessageFactory } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import { normalizePaste } from '../../diagnosis/normalize.ts';
import type { Locale } from '../../core/locale.ts';
import { selectLocale } from '../../core/locale.ts';
import type { Logger } from '../../log.ts';
import { renderHelpCard } from '../cards/index.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { parseCommand, routeCommand } from './commands.ts';
import type { Command, CommandHandlers } from './commands.ts';
import type { ActivityDeduplicator } from '../inbound/dedupe.ts';
import { isBotMentioned, messageText } from './mentions.ts';
import type { MessageGate } from '../inbound/rate-limit.ts';

/** What a command handler gets: the turn, the user's locale, and the turn's logger. */
export interface TurnScope {
  turn: TurnContext;
  locale: Locale;
  log: Logger;
  /** performance.now() when the turn began. */
  started: number;
  /** Fields added to the turn's summary log line. */
  summary: Record<string, unknown>;
}

export type ScopeHandlers = CommandHandlers<TurnScope>;

export interface MessageHandlerDeps {
  logger: Logger;
  dedupe: ActivityDeduplicator;
  /** The handler of every command, built once at start (src/teams/failover/commands.ts). */
  commands: ScopeHandlers;
  /** Asked before any work is done for a message addressed to the bot (the per-user rate limit, which the Diagnose message action shares). */
  rateLimit?: MessageGate;
}

export async function sendCard(turn: TurnContext, card: AdaptiveCard): Promise<string | null> {
  const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  return response?.id ?? null;
}

/** Replaces a message the bot sent in this conversation with `card` (PUT of the same activity). */
export async function updateCard(turn: TurnContext, activityId: string, card: AdaptiveCard): Promise<void> {
  await turn.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
}

function isGroupConversation(turn: TurnContext): boolean {
  const conversation = turn.activity.conversation;
  const type = conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' || (type !== 'personal' && conversation?.isGroup === true);
}

/**
 * In channels and group chats Teams delivers only messages that @mention the bot, plus the messages its own
 * card buttons post (imBack "health <hub>" from the hub choice, sent without a mention). Anything else that
 * arrives there (e.g. with RSC message permissions) is not for the bot.
 */
function addressedToBot(turn: TurnContext, command: Command): boolean {
  if (!isGroupConversation(turn)) return true;
  if (isBotMentioned(turn.activity)) return true;
  return command.kind === 'health' && command.hub !== null;
}

/** `help` (and an empty message): the help card. */
export function helpCommand(demo: boolean): ScopeHandlers['help'] {
  return async (scope) => {
    scope.summary.card = 'help';
    await sendCard(scope.turn, renderHelpCard(scope.locale, demo));
  };
}

export class MessageHandler {
  private readonly deps: MessageHandlerDeps;

  constructor(deps: MessageHandlerDeps) {
    this.deps = deps;
  }

  async handle(turn: TurnContext): Promise<void> {
    const started = performance.now();
    const activity = turn.activity;
    const log = this.deps.logger.child({
      activityId: activity.id ?? null,
      conversationId: activity.conversation?.id ?? null,
      conversationType: activity.conversation?.conversationType ?? null,
    });
    if (this.deps.dedupe.isDuplicate(activity.conversation?.id, activity.id)) {
      log.info('duplicate activity ignored');
      return;
    }
    const { text, source } = messageText(activity, normalizePaste);
    const command = parseCommand(text);
    if (!addressedToBot(turn, command)) {
      log.info('message without a mention of the bot ignored');
      return;
    }
    if (this.deps.rateLimit && !(await this.deps.rateLimit.admit(turn, log))) return;
    const scope: TurnScope = { turn, locale: selectLocale(activity.locale), log, started, summary: { command: command.kind, textSource: source } };
    await routeCommand(command, this.deps.commands, scope);
    log.info({ ...scope.summary, locale: scope.locale, durationMs: Math.round(performance.now() - started) }, 'message answered');
  }
}
