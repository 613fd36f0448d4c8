// A state store that exists but cannot be trusted (empty, damaged, not this bot's): the bot refuses to start
// on it. The message names STATE_STORE and the path, says what was found and what to do; no stack needed.
export class StoreIntegrityError extends Error {
  readonly variable = 'STATE_STORE';
  constructor(location: string, problem: string) {
    super(`STATE_STORE (${location}): ${problem}.`);
    this.name = 'StoreIntegrityError';
  }
}
