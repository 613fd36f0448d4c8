// The log lines' look: readable on a terminal, JSON lines anywhere else (LOG_FORMAT=auto), or as LOG_FORMAT
// says; the readable lines keep pino's redaction.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { describe, it } from 'node:test';
import type { LogFormat } from '#src/config.ts';
import { chooseLogOutput, createLogger, prettyDestination } from '#src/log.ts';
import type { LogOutput } from '#src/log.ts';

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('chooseLogOutput', () => {
  const cases: { format: LogFormat; terminal: boolean; output: LogOutput }[] = [
    { format: 'auto', terminal: true, output: 'pretty' },
    { format: 'auto', terminal: false, output: 'json' },
    { format: 'json', terminal: true, output: 'json' },
    { format: 'json', terminal: false, output: 'json' },
    { format: 'pretty', terminal: false, output: 'pretty' },
    { format: 'pretty', terminal: true, output: 'pretty' },
  ];
  for (const { format, terminal, output } of cases) {
    it(`LOG_FORMAT=${format}, stdout ${terminal ? 'a terminal' : 'a pipe or a file'} → ${output}`, () => {
      assert.equal(chooseLogOutput(format, terminal), output);
    });
  }
});

describe('the readable lines', () => {
  it('say time, level and message on one line, with the fields, redacted as in JSON', async () => {
    const out = collector();
    const logger = createLogger({ level: 'info', destination: prettyDestination(out.stream) });
    logger.info({ hub: 'contoso-prod-weu', token: 'sekrit-token-value' }, 'bot ready');
    logger.warn('second line');
    await tick();
    await tick();
    const lines = stripVTControlCharacters(out.text()).trim().split('\n');
    assert.equal(lines.length, 2, out.text());
    assert.match(lines[0] ?? '', /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: bot ready \{.*"hub":"contoso-prod-weu"/);
    assert.match(lines[1] ?? '', /WARN: second line/);
    assert.ok(!out.text().includes('sekrit-token-value'), 'the token is redacted');
    assert.ok(out.text().includes('[redacted]'));
    assert.throws(() => JSON.parse(lines[0] ?? ''), 'not JSON');
  });

  it('JSON lines otherwise (the same logger with a plain destination)', () => {
    const out = collector();
    const logger = createLogger({ level: 'info', destination: out.stream });
    logger.info({ token: 'sekrit-token-value' }, 'bot ready');
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    assert.equal(line['msg'], 'bot ready');
    assert.equal(line['level'], 'info');
    assert.equal(line['token'], '[redacted]');
  });
});
