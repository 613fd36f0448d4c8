// Wraps the bot's turn logic: every turn, whatever its activity type, runs inside a turn trace (ids for
// logs, ARM request ids), is counted and timed, and ends with one 'turn completed' log line. Connector
// calls that fail after botbuilder's retries are counted here too, including ones a handler recovers from.
import type { ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../../log.ts';
import { newTurnTrace, runInTurn } from '../../observability/turn-trace.ts';
import type { TurnOutcome } from '../../observability/turn-trace.ts';
import type { TurnLogic } from './adapter.ts';

export interface TurnMetrics {
  turn(activityType: unknown, outcome: TurnOutcome, seconds: number): void;
  connectorError(status: number | null): void;
}

const MAX_ID_CHARS = 200;

/** Ids arrive from the client: bounded before they reach a log line. */
function idOf(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  return value.length > MAX_ID_CHARS ? `${value.slice(0, MAX_ID_CHARS)}…` : value;
}

/** A client-sent name (activity type, invoke name, command id) for a log line: plain identifiers only, never free text. */
export function loggableName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^[A-Za-z][A-Za-z0-9/._-]{0,63}$/.test(value) ? value : '(other)';
}

function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  return typeof error.statusCode === 'number' ? error.statusCode : null;
}

export function observeTurns(logic: TurnLogic, options: { logger: Logger; metrics: TurnMetrics }): TurnLogic {
  const log = options.logger.child({ component: 'turn' });
  const { metrics } = options;
  return async (turn: TurnContext) => {
    const activity = turn.activity;
    const conversation: unknown = activity.conversation;
    const trace = newTurnTrace({
      activityId: idOf(activity.id),
      conversationId: idOf(conversation !== null && typeof conversation === 'object' ? (conversation as { id?: unknown }).id : undefined),
    });
    const countFailures = async <T>(send: () => Promise<T>): Promise<T> => {
      try {
        return await send();
      } catch (error) {
        metrics.connectorError(statusOf(error));
        throw error;
      }
    };
    turn.onSendActivities((_context, _activities, next): Promise<ResourceResponse[]> => countFailures(next));
    turn.onUpdateActivity((_context, _activity, next): Promise<void> => countFailures(next));

    const started = performance.now();
    let outcome: TurnOutcome = 'ok';
    try {
      await runInTurn(trace, () => logic(turn));
      outcome = trace.outcome ?? 'ok';
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      metrics.turn(activity.type, outcome, seconds);
      log.info(
        {
          activityId: trace.activityId,
          conversationId: trace.conversationId,
          activityType: loggableName(activity.type),
          ...(activity.type === 'invoke' ? { invokeName: loggableName(activity.name) } : {}),
          outcome,
          armRequestIds: trace.armRequestIds,
          durationMs: Math.round(seconds * 1000),
        },
        'turn completed',
      );
    }
  };
}
