// Time, injected wherever expiry, cooldowns or polling are decided, so tests are exact and never wait in
// real time.
import { setTimeout } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Waits ms (injected so tests never wait in real time); rejects when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) => setTimeout(ms, undefined, signal ? { signal } : undefined);
