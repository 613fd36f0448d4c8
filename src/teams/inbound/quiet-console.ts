// botbuilder's token validation writes to the console when it rejects a token: an expired token's whole
// stack, or "Error finding key for token" followed by a PEM public key, on stderr, outside the JSON log,
// once per request anyone can send. The adapter logs one line per refused request instead, so console
// output is dropped while (and only while) a request is being authenticated; the same async context scopes
// it, so a concurrent turn's console output is untouched.
import { AsyncLocalStorage } from 'node:async_hooks';

const authenticating = new AsyncLocalStorage<true>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const method of ['error', 'warn', 'log'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]): void => {
      if (authenticating.getStore() === true) return;
      original(...args);
    };
  }
}

/** Runs `work` with console output dropped inside its async context. */
export function withoutConsole<T>(work: () => Promise<T>): Promise<T> {
  install();
  return authenticating.run(true, work);
}
