// Where ARM attempts go: metrics, the current turn's list of ARM request ids, and a log line for each failed
// attempt (with the turn's ids when a turn caused it). Wired by main.ts into the Azure edge's onAttempt.
import type { ArmAttempt } from '../azure/index.ts';
import type { Logger } from '../log.ts';
import { noteArmRequestId, turnLogFields } from './turn-trace.ts';

export interface ArmAttemptMetrics {
  armAttempt(attempt: ArmAttempt): void;
}

export function recordArmAttempts(options: { metrics: ArmAttemptMetrics; logger: Logger }): (attempt: ArmAttempt) => void {
  const log = options.logger.child({ component: 'arm' });
  return (attempt) => {
    options.metrics.armAttempt(attempt);
    noteArmRequestId(attempt.armRequestId);
    const failed = attempt.status === null || attempt.status >= 400;
    const fields = {
      ...turnLogFields(),
      operation: attempt.operation,
      status: attempt.status,
      armRequestId: attempt.armRequestId,
      durationMs: Math.round(attempt.durationMs),
    };
    if (failed) {
      log.warn({ ...fields, errCode: attempt.errorCode, aborted: attempt.aborted, retryAfterSeconds: attempt.retryAfterSeconds }, 'ARM request failed');
    } else {
      log.debug(fields, 'ARM request');
    }
  };
}
