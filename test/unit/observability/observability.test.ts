// The pieces that carry a turn's identity to its log lines and metrics: the ARM attempt report (operation,
// outcome, request id), the turn trace (AsyncLocalStorage), and the turn observer around the bot's logic.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { PipelineResponse } from '@azure/core-rest-pipeline';
import { TestAdapter, TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { armOperationOf, attemptReportPolicy } from '#src/azure/attempt-report.ts';
import type { ArmAttempt } from '#src/azure/attempt-report.ts';
import { recordArmAttempts } from '#src/observability/arm-attempts.ts';
import { currentTurn, markTurnOutcome, newTurnTrace, noteArmRequestId, runInTurn } from '#src/observability/turn-trace.ts';
import type { TurnOutcome } from '#src/observability/turn-trace.ts';
import { observeTurns } from '#src/teams/inbound/turn-observer.ts';
import { capturingLogger } from '#test/support/capturing-logger.ts';

const SUB = '/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const HUB = `${SUB}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/contoso-iot`;

describe('armOperationOf', () => {
  const base = 'https://management.azure.com';
  const cases: [string, string][] = [
    [`${base}${SUB}/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30`, 'hubs.list'],
    [`${base}${HUB}?api-version=2023-06-30`, 'hubs.get'],
    [`${base}${HUB}/failover?api-version=2023-06-30`, 'failover.start'],
    [`${base}${SUB}/providers/Microsoft.Devices/locations/westus/operationResults/b3Bl?api-version=2023-06-30&asyncinfo`, 'failover.poll'],
    [`${base}${SUB}/providers/microsoft.devices/operationresults/b3Bl`, 'failover.poll'],
    [`${base}${HUB}/providers/Microsoft.ResourceHealth/availabilityStatuses/current?api-version=2025-05-01`, 'health.availability'],
    [`${base}${SUB}/providers/Microsoft.ResourceHealth/events?api-version=2025-05-01`, 'health.events'],
    [`${base}${SUB}/resourcegroups`, 'other'],
    ['not a url', 'other'],
  ];
  for (const [url, operation] of cases) it(`${operation} ← ${url.slice(base.length, base.length + 70)}`, () => assert.equal(armOperationOf(url), operation));
});

describe('attemptReportPolicy', () => {
  const request = (path: string) => createPipelineRequest({ url: `http://127.0.0.1:1${path}` });
  const response = (status: number, headers: Record<string, string>): PipelineResponse => ({
    status,
    headers: createHttpHeaders(headers),
    request: request('/'),
  });

  it('reports each answered attempt with its status, ARM request id and Retry-After', async () => {
    const seen: ArmAttempt[] = [];
    const policy = attemptReportPolicy((attempt) => seen.push(attempt));
    const answer = await policy.sendRequest(request(`${HUB}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`), async () =>
      response(429, { 'x-ms-request-id': 'req-1', 'retry-after': '7' }),
    );
    assert.equal(answer.status, 429, 'the response passes through untouched');
    assert.equal(seen.length, 1);
    assert.deepEqual({ ...seen[0], durationMs: 0 }, {
      operation: 'health.availability',
      status: 429,
      errorCode: null,
      aborted: false,
      durationMs: 0,
      armRequestId: 'req-1',
      retryAfterSeconds: 7,
    });
  });

  it('reports network failures and aborts, and rethrows them', async () => {
    const seen: ArmAttempt[] = [];
    const policy = attemptReportPolicy((attempt) => seen.push(attempt));
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await assert.rejects(policy.sendRequest(request(`${SUB}/providers/Microsoft.Devices/IotHubs`), async () => Promise.reject(reset)), /socket hang up/);
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    await assert.rejects(policy.sendRequest(request(HUB), async () => Promise.reject(abort)), /aborted/);
    assert.deepEqual(
      seen.map(({ operation, status, errorCode, aborted }) => ({ operation, status, errorCode, aborted })),
      [
        { operation: 'hubs.list', status: null, errorCode: 'ECONNRESET', aborted: false },
        { operation: 'hubs.get', status: null, errorCode: null, aborted: true },
      ],
    );
  });

  it('never lets a failing listener break the call', async () => {
    const policy = attemptReportPolicy(() => {
      throw new Error('listener bug');
    });
    const answer = await policy.sendRequest(request(HUB), async () => response(200, {}));
    assert.equal(answer.status, 200);
  });
});

describe('turn trace', () => {
  it('follows the turn through awaits and timers, and collects ARM request ids once each, bounded', async () => {
    const trace = newTurnTrace({ activityId: 'a1', conversationId: 'c1' });
    await runInTurn(trace, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      noteArmRequestId('r1');
      await Promise.all([1, 2].map(async () => noteArmRequestId('r2')));
      noteArmRequestId('r1');
      noteArmRequestId(null);
      for (let i = 0; i < 50; i += 1) noteArmRequestId(`x${i}`);
      markTurnOutcome('rate-limited');
    });
    assert.deepEqual(trace.armRequestIds.slice(0, 2), ['r1', 'r2']);
    assert.equal(trace.armRequestIds.length, 20);
    assert.equal(trace.outcome, 'rate-limited');
    assert.equal(currentTurn(), undefined, 'nothing outside the turn');
    noteArmRequestId('outside');
    markTurnOutcome('error');
  });

  it('keeps concurrent turns apart', async () => {
    const traces = [1, 2, 3].map((n) => newTurnTrace({ activityId: `a${n}`, conversationId: `c${n}` }));
    await Promise.all(
      traces.map((trace, n) =>
        runInTurn(trace, async () => {
          await new Promise((resolve) => setTimeout(resolve, 3 - n));
          noteArmRequestId(`r${n}`);
        }),
      ),
    );
    assert.deepEqual(traces.map((trace) => trace.armRequestIds), [['r0'], ['r1'], ['r2']]);
  });
});

describe('recordArmAttempts', () => {
  it('feeds metrics, notes the request id on the turn, and logs failed attempts with the turn ids', async () => {
    const { logger, lines } = capturingLogger();
    const recorded: ArmAttempt[] = [];
    const record = recordArmAttempts({ metrics: { armAttempt: (attempt) => recorded.push(attempt) }, logger });
    const trace = newTurnTrace({ activityId: 'act-9', conversationId: 'conv-9' });
    await runInTurn(trace, async () => {
      record({ operation: 'health.availability', status: 503, errorCode: null, aborted: false, durationMs: 12.4, armRequestId: 'arm-1', retryAfterSeconds: null });
      record({ operation: 'health.availability', status: 200, errorCode: null, aborted: false, durationMs: 3, armRequestId: 'arm-2', retryAfterSeconds: null });
    });
    assert.equal(recorded.length, 2);
    assert.deepEqual(trace.armRequestIds, ['arm-1', 'arm-2']);
    const failed = lines.find((line) => line.msg === 'ARM request failed');
    assert.ok(failed);
    assert.equal(failed.activityId, 'act-9');
    assert.equal(failed.conversationId, 'conv-9');
    assert.equal(failed.armRequestId, 'arm-1');
    assert.equal(failed.status, 503);
    assert.equal(failed.level, 'warn');
  });
});

function message(overrides: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: 'msg-1',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example',
    from: { id: '29:u', name: 'U' },
    recipient: { id: '28:bot', name: 'Bot' },
    conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
    ...overrides,
  };
}

describe('observeTurns', () => {
  function observed(logic: (turn: TurnContext) => Promise<void>) {
    const { logger, lines } = capturingLogger();
    const turns: { type: unknown; outcome: TurnOutcome }[] = [];
    const connectorErrors: (number | null)[] = [];
    const wrapped = observeTurns(logic, {
      logger,
      metrics: { turn: (type, outcome) => turns.push({ type, outcome }), connectorError: (status) => connectorErrors.push(status) },
    });
    return { wrapped, lines, turns, connectorErrors };
  }

  it('counts the turn, runs it inside its trace, and logs one line with ids and ARM request ids', async () => {
    const { wrapped, lines, turns } = observed(async () => {
      assert.equal(currentTurn()?.activityId, 'msg-1');
      noteArmRequestId('arm-7');
    });
    await wrapped(new TurnContext(new TestAdapter(), message()));
    assert.deepEqual(turns, [{ type: 'message', outcome: 'ok' }]);
    const line = lines.find((entry) => entry.msg === 'turn completed');
    assert.ok(line);
    assert.equal(line.activityId, 'msg-1');
    assert.equal(line.conversationId, 'conv-1');
    assert.equal(line.activityType, 'message');
    assert.deepEqual(line.armRequestIds, ['arm-7']);
    assert.equal(typeof line.durationMs, 'number');
  });

  it('reports a turn that throws as an error and rethrows (the adapter then sends the error card)', async () => {
    const { wrapped, turns } = observed(async () => {
      throw new Error('boom');
    });
    await assert.rejects(wrapped(new TurnContext(new TestAdapter(), message())), /boom/);
    assert.deepEqual(turns, [{ type: 'message', outcome: 'error' }]);
  });

  it('takes the outcome a gate marked (rate-limited)', async () => {
    const { wrapped, turns } = observed(async () => markTurnOutcome('rate-limited'));
    await wrapped(new TurnContext(new TestAdapter(), message()));
    assert.deepEqual(turns, [{ type: 'message', outcome: 'rate-limited' }]);
  });

  it('counts connector failures, even those a handler recovers from', async () => {
    const adapter = new TestAdapter();
    const failing = Object.assign(new Error('Throttled'), { statusCode: 429 });
    adapter.sendActivities = async () => Promise.reject(failing);
    const { wrapped, turns, connectorErrors } = observed(async (turn) => {
      await turn.sendActivity('first').catch(() => undefined);
      await turn.updateActivity({ id: 'x', type: 'message', text: 'updated' }).catch(() => undefined);
    });
    adapter.updateActivity = async () => Promise.reject(Object.assign(new Error('Bad gateway'), { statusCode: 502 }));
    await wrapped(new TurnContext(adapter, message()));
    assert.deepEqual(connectorErrors, [429, 502]);
    assert.deepEqual(turns, [{ type: 'message', outcome: 'ok' }]);
  });

  it('never logs free text from the activity type, the invoke name or oversized ids', async () => {
    const { wrapped, lines } = observed(async () => undefined);
    const secretish = 'HostName=h;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0';
    await wrapped(new TurnContext(new TestAdapter(), message({ type: 'invoke', name: secretish, id: 'i'.repeat(5_000) })));
    await wrapped(new TurnContext(new TestAdapter(), message({ type: secretish })));
    const text = JSON.stringify(lines);
    assert.ok(!text.includes('SharedAccessKey'), text);
    assert.ok(!text.includes('i'.repeat(300)), 'the id is bounded');
    assert.deepEqual(
      lines.map((line) => [line.activityType, line.invokeName]),
      [
        ['invoke', '(other)'],
        ['(other)', undefined],
      ],
    );
  });
});
