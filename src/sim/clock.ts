// Simulated time: real time multiplied by a speed factor, plus manual jumps. Durations in scenarios
// (failover length, poll intervals) are simulated seconds, so a test can run a ten-minute failover in
// a fraction of a second (speed) or step through it exactly (speed 0 + advance).

export interface SimClock {
  /** Simulated milliseconds since the epoch. */
  now(): number;
  /** Jump forward by simulated seconds. */
  advance(seconds: number): void;
  /** Simulated seconds per real second (0 = time only moves with advance()). */
  readonly speed: number;
  /** How many real seconds a simulated duration takes (used for Retry-After). */
  realSecondsFor(simulatedSeconds: number): number;
}

export function createSimClock(speed: number, realNow: () => number = () => performance.now(), wallStart: number = Date.now()): SimClock {
  if (!Number.isFinite(speed) || speed < 0) throw new Error(`speed must be a number >= 0 (got ${speed})`);
  const realStart = realNow();
  let jumpedMs = 0;
  return {
    speed,
    now: () => Math.floor(wallStart + (realNow() - realStart) * speed + jumpedMs),
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`advance needs seconds >= 0 (got ${seconds})`);
      jumpedMs += seconds * 1000;
    },
    realSecondsFor(simulatedSeconds: number) {
      return speed > 0 ? simulatedSeconds / speed : simulatedSeconds;
    },
  };
}
