// Refused requests come from anyone who can reach the endpoint: logging each one would let them flood the
// log. Each reason gets at most one line per interval, which says how many were refused since its last
// line (the exact counts are in the metrics).
import type { Clock } from '../core/clock.ts';

export interface RefusalLine {
  reason: string;
  /** Refusals for this reason since its previous line, this one included. */
  refused: number;
}

export interface RefusalLog {
  /** One refusal; emits a line for its reason unless one was emitted less than the interval ago. */
  refused(reason: string): void;
}

export function rateLimitedRefusalLog(options: { clock: Clock; intervalMs: number; emit: (line: RefusalLine) => void }): RefusalLog {
  const byReason = new Map<string, { lastLineAt: number; since: number }>();
  return {
    refused(reason) {
      const now = options.clock.now();
      const state = byReason.get(reason);
      if (state !== undefined && now - state.lastLineAt < options.intervalMs) {
        state.since++;
        return;
      }
      byReason.set(reason, { lastLineAt: now, since: 0 });
      options.emit({ reason, refused: (state?.since ?? 0) + 1 });
    },
  };
}
