// SIGTERM while a failover is running: the bot stops accepting, lets a request in flight
// finish, keeps the running failover in the store (state 'running' with the poller's resume token) and exits 0;
// restarted on the same SQLite file it polls from that token — never a second POST — finishes the card, posts
// the final thread message once, and a further restart posts nothing again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { message } from '#test/support/activities.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { cardText, cardsOf } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { ALICE, BOB, FAILOVER_BOT_ENV, auditJson, invokeCard, outageScenario, pasteForProposal, updatesOf } from '#test/support/failover-e2e.ts';
import type { TeamsUser } from '#test/support/failover-e2e.ts';

const HUB = 'hub-sigterm';
/** src/main.ts SHUTDOWN_GRACE_MS: how long HTTP waits for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

interface StoredRequest {
  state: string;
  operation: { resumeToken: string; polls: number } | null;
  outcomeAnnouncedAt: string | null;
}

/** The request as the bot left it in the SQLite file (read while no bot runs). */
function storedRequest(database: string, requestId: string): StoredRequest {
  const db = new DatabaseSync(database);
  try {
    const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(`failover/request/${requestId}`);
    assert.ok(row && typeof row['value'] === 'string', `the request ${requestId} is in the store`);
    return JSON.parse(row['value']) as StoredRequest;
  } finally {
    db.close();
  }
}

/**
 * A POST /api/messages kept in flight: headers sent (with Expect: 100-continue, so the server's answer
 * proves it took the request), body held back until finish().
 */
function heldActivityPost(botUrl: string, activity: Record<string, unknown>): { accepted: Promise<void>; finish(): Promise<{ status: number; text: string }> } {
  const body = Buffer.from(JSON.stringify(activity));
  const req = request(`${botUrl}/api/messages`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length), expect: '100-continue' },
  });
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
  });
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.once('error', reject);
  });
  req.flushHeaders();
  return {
    accepted,
    finish() {
      req.end(body);
      return answered;
    },
  };
}

/** A POST /api/messages on a new connection: the HTTP status, or the connection error's code. */
function postOnNewConnection(botUrl: string, activity: Record<string, unknown>): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(`${botUrl}/api/messages`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } });
    req.once('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(JSON.stringify(activity));
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SIGTERM during a running failover (bot process, SQLite, simulator, fake connector)', () => {
  // The simulated failover runs for an hour: it is in flight whenever the test looks, until completeFailover().
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario([HUB], { failoverSeconds: 3600 })), sqliteState: true, botEnv: FAILOVER_BOT_ENV, startSuiteBot: false });

  const cardUpdate = (activityId: string, pattern: RegExp, timeoutMs = 15_000): Promise<RecordedRequest> =>
    stack.connector.waitFor(
      (recorded) => recorded.route === 'updateActivity' && recorded.activityId === activityId && recorded.status === 200 && pattern.test(cardText(cardsOf(recorded)[0] ?? {})),
      timeoutMs,
    );
  const finalMessages = (userMessageId: string): RecordedRequest[] =>
    stack.connector.requests.filter(
      (recorded) => recorded.route === 'replyToActivity' && recorded.activityId === userMessageId && recorded.status === 200 && /succeeded/.test(String(recorded.body?.['text'] ?? '')),
    );
  const posts = (): number => stack.sim.countRequests({ route: 'failover.start', hub: HUB });
  const polls = (): number => stack.sim.countRequests({ route: 'failover.status', hub: HUB });
  const messages = (bot: BotProcess): unknown[] => bot.logLines().map((line) => line['msg']);

  it('stops accepting, finishes the request in flight, exits 0 with the failover saved as running; the restart completes it, one POST, one final message', { timeout: 60_000 }, async () => {
    // 1. Paste → request → approve: the failover starts and is polled (the card shows a status check).
    const first = await stack.startBot();
    const proposal = await pasteForProposal(first.url, stack.connector, ALICE, HUB);
    const act = (bot: BotProcess, from: TeamsUser, verb: string, data: Record<string, unknown> = {}) =>
      invokeCard(bot.url, { serviceUrl: stack.connector.url, from, conversationId: proposal.conversationId, replyToId: proposal.cardActivityId, verb, data: { requestId: proposal.requestId, ...data } });
    assert.equal((await act(first, ALICE, 'failover.request', { justification: 'Outage in West US, SIGTERM drill' })).body.statusCode, 200);
    assert.equal((await act(first, BOB, 'failover.approve')).body.statusCode, 200);
    await cardUpdate(proposal.cardActivityId, new RegExp(`${HUB} to East US: running[\\s\\S]*Status checks\\n[1-9]`));
    assert.equal(posts(), 1);
    assert.ok(polls() >= 1, 'the simulator was polled');

    // 2. A request is in flight (headers taken, body not yet sent) when SIGTERM arrives.
    const held = message({ serviceUrl: stack.connector.url, text: 'help' });
    const inFlight = heldActivityPost(first.url, held.activity);
    await inFlight.accepted;
    const exited = first.stop('SIGTERM', SHUTDOWN_GRACE_MS + 5_000);
    await first.waitForLine((line) => line.includes('"msg":"waiting for in-flight requests"'), 10_000);

    // While it drains: the listening socket is closed, a new activity cannot get in.
    const refused = message({ serviceUrl: stack.connector.url, text: 'help' });
    assert.deepEqual(await postOnNewConnection(first.url, refused.activity), { error: 'ECONNREFUSED' });

    // The request in flight is still served to the end, reply included.
    const answered = await inFlight.finish();
    assert.equal(answered.status, 200, answered.text);
    await stack.connector.waitFor((recorded) => recorded.activityId === held.activityId && recorded.status === 200);

    assert.deepEqual(await exited, { code: 0, signal: null }, 'a clean exit, not the SIGKILL fallback');
    const stopLog = messages(first);
    assert.ok(!stopLog.includes('grace period over, closing remaining connections'), 'the request in flight finished within the grace period');
    assert.ok(stopLog.indexOf('shutting down') < stopLog.indexOf('waiting for in-flight requests'));
    assert.ok(stopLog.indexOf('waiting for in-flight requests') < stopLog.indexOf('http server closed'));
    assert.equal(stopLog.at(-1), 'stopped');
    assert.equal(stack.connector.requests.filter((recorded) => recorded.activityId === refused.activityId).length, 0, 'the refused activity was never processed');

    // The failover is saved as running, with the poller's state to resume from; nothing claimed it ended.
    const saved = storedRequest(stack.database, proposal.requestId);
    assert.equal(saved.state, 'running');
    assert.ok(saved.operation, 'the operation is saved');
    assert.equal(typeof saved.operation.resumeToken, 'string');
    assert.ok(saved.operation.resumeToken.length > 0, 'a resume token');
    assert.ok(saved.operation.polls >= 1);
    const cardOutcome = new RegExp(`${HUB} (to East US: )?(succeeded|failed)`);
    assert.ok(updatesOf(stack.connector, proposal.cardActivityId).every((update) => !cardOutcome.test(update.text)), 'no outcome on the card yet');
    assert.equal(finalMessages(proposal.userMessageId).length, 0);
    assert.equal(posts(), 1);

    // 3. Restart on the same file: it resumes polling (no POST), the operation finishes, the card and thread say so.
    const pollsBeforeRestart = polls();
    const second = await stack.startBot();
    const resumed = await second.waitForLine((line) => line.includes('"msg":"failovers in flight resumed"'), 10_000);
    assert.ok(resumed.includes(proposal.requestId), resumed);
    await until(() => polls() > pollsBeforeRestart, 'the restarted bot to poll the operation');
    assert.equal(posts(), 1, 'the restarted bot polled, it did not POST again');
    stack.sim.completeFailover(HUB);
    await cardUpdate(proposal.cardActivityId, new RegExp(`${HUB} succeeded`));
    await stack.connector.waitFor((recorded) => finalMessages(proposal.userMessageId).includes(recorded));
    assert.equal(posts(), 1);
    const kinds = (await auditJson(second.url, `&hub=${HUB}`)).filter((record) => record['requestId'] === proposal.requestId).map((record) => record['kind']);
    assert.equal(kinds.filter((kind) => kind === 'started').length, 1, kinds.join());
    assert.equal(kinds.filter((kind) => kind === 'succeeded').length, 1, kinds.join());
    assert.deepEqual(await second.stop('SIGTERM', SHUTDOWN_GRACE_MS + 5_000), { code: 0, signal: null });
    const finished = storedRequest(stack.database, proposal.requestId);
    assert.equal(finished.state, 'succeeded');
    assert.notEqual(finished.outcomeAnnouncedAt, null, 'the announcement is recorded');

    // 4. A further restart resumes nothing and announces nothing again (its sends finish before it exits).
    const requestsBefore = stack.connector.requests.length;
    const third = await stack.startBot();
    await third.waitForLine((line) => line.includes('"msg":"bot ready"'), 10_000);
    assert.deepEqual(await third.stop('SIGTERM', SHUTDOWN_GRACE_MS + 5_000), { code: 0, signal: null });
    assert.ok(!messages(third).includes('failovers in flight resumed'));
    assert.equal(finalMessages(proposal.userMessageId).length, 1, 'exactly one final thread message');
    assert.deepEqual(stack.connector.requests.slice(requestsBefore), [], 'the third bot sent nothing');
    assert.equal(posts(), 1, 'exactly one failover POST in total');
  });
});
