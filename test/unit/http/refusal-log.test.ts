import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateLimitedRefusalLog } from '#src/http/refusal-log.ts';
import type { RefusalLine } from '#src/http/refusal-log.ts';

describe('rateLimitedRefusalLog', () => {
  it('one line per reason per interval, counting the refusals it stood for', () => {
    let now = 0;
    const lines: RefusalLine[] = [];
    const log = rateLimitedRefusalLog({ clock: { now: () => now }, intervalMs: 60_000, emit: (line) => lines.push(line) });
    for (let index = 0; index < 1_000; index++) log.refused('wrong-token');
    log.refused('no-credentials');
    assert.deepEqual(lines, [
      { reason: 'wrong-token', refused: 1 },
      { reason: 'no-credentials', refused: 1 },
    ]);
    now = 59_999;
    log.refused('wrong-token');
    assert.equal(lines.length, 2, 'still within the minute');
    now = 60_000;
    log.refused('wrong-token');
    assert.deepEqual(lines.at(-1), { reason: 'wrong-token', refused: 1_001 }, 'the next line counts those not logged');
  });
});
