// A real pino logger (src/log.ts) writing its JSON lines into an array, for tests that read the log.
import { Writable } from 'node:stream';
import { createLogger } from '#src/log.ts';
import type { Logger } from '#src/log.ts';

export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}
