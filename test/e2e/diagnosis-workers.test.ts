// Pastes are read by the bot's worker threads, within DIAGNOSIS_BUDGET_MS: the bot as a separate process,
// the ARM simulator and the fake Bot Connector. A real 200 KB log is diagnosed through the pool; with the
// budget at its minimum the same log gets the "took too long to read" card (and dialog), its worker is
// replaced and the bot goes on answering; the Diagnose message action draws from the message rate limit.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { plural, uiStrings } from '#src/i18n/index.ts';
import { message, postActivity } from '#test/support/activities.ts';
import type { BuiltMessage } from '#test/support/activities.ts';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator, simulatorEnv } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { POST_DATA, dialogCard, messageActionInvoke } from '#test/support/message-action.ts';
import type { MessageActionOptions } from '#test/support/message-action.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en');
const MIN_BUDGET_MS = 10;

/** A real application log (two hours of a device fleet's errors), repeated to 200 KB, cut at a line end. */
const BIG_LOG = ((): string => {
  const log = readFileSync(new URL('../fixtures/pastes/50-multi-error-app-log.log', import.meta.url), 'utf8');
  const repeated = log.repeat(Math.ceil(200_000 / log.length));
  return repeated.slice(0, repeated.indexOf('\n', 200_000));
})();
const BIG_LOG_CODES = [500001, 429001, 401002, 404103];

/** Teams' HTML for a pasted code block. */
function asHtml(text: string): string {
  return `<pre>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</pre>`;
}

function someone(): { id: string; name: string; aadObjectId: string } {
  const aadObjectId = randomUUID();
  return { id: `29:${aadObjectId}`, name: 'Megan Bowen', aadObjectId };
}

function logLine(bot: BotProcess, msg: string, activityId: string): Record<string, unknown> | undefined {
  return bot.logLines().find((line) => line.msg === msg && line.activityId === activityId);
}

describe('pastes read by worker threads within DIAGNOSIS_BUDGET_MS (bot process, simulator, fake connector)', () => {
  // One token a minute and a burst of two, for the rate limit test (the other tests use users of their own).
  const stack = e2eStack({ simulator: inProcessSimulator('outage'), botEnv: { HEALTH_BUDGET_MS: '2000', RATE_LIMIT_MESSAGES_PER_MINUTE: '1', RATE_LIMIT_BURST: '2' } });
  const extraBots: BotProcess[] = [];
  after(async () => {
    for (const bot of extraBots) await bot.stop('SIGKILL');
  });

  async function exchange(bot: BotProcess, built: BuiltMessage): Promise<RecordedRequest> {
    const response = await postActivity(bot.url, built.activity);
    assert.equal(response.status, 200, `POST /api/messages answered ${response.status}: ${response.text}`);
    return finalReply(stack.connector, built.activityId);
  }

  function fromSomeone(text: string, user = someone()): BuiltMessage {
    const built = message({ serviceUrl: stack.connector.url, text });
    built.activity.from = user;
    return built;
  }

  async function invoke(bot: BotProcess, options: Omit<MessageActionOptions, 'serviceUrl'>, from: Record<string, unknown>): Promise<unknown> {
    const built = messageActionInvoke({ serviceUrl: stack.connector.url, ...options });
    built.activity.from = from;
    const response = await postActivity(bot.url, built.activity);
    assert.equal(response.status, 200, response.text);
    return response.text === '' ? undefined : (JSON.parse(response.text) as unknown);
  }

  it('a 200 KB log is read by a worker and answered with its diagnosis card', async () => {
    assert.ok(BIG_LOG.length >= 200_000 && BIG_LOG.length < 210_000, `${BIG_LOG.length} characters`);
    const ready = stack.bot.logLines().find((line) => line.msg === 'diagnosis workers ready');
    assert.equal(ready?.budgetMs, 2000, 'the default budget');
    const built = fromSomeone(BIG_LOG);
    const text = cardText(onlyCard(await exchange(stack.bot, built)));
    for (const code of BIG_LOG_CODES) assert.ok(text.includes(String(code)), `${code} on the card`);
    assert.ok(!text.includes(en.tooLong.title));
    await stack.bot.waitForLine((line) => line.includes('"msg":"message answered"') && line.includes(built.activityId));
    const answered = logLine(stack.bot, 'message answered', built.activityId);
    assert.equal(answered?.inputChars, BIG_LOG.length);
    assert.equal(answered?.card, 'diagnosis');
    assert.equal(typeof answered?.diagnoseMs, 'number');
  });

  it(`with DIAGNOSIS_BUDGET_MS=${MIN_BUDGET_MS} (its minimum) the same log gets "took too long to read", its worker is replaced, and the bot answers the next message`, async () => {
    const bot = await startBotProcess({ ...simulatorEnv(stack.sim), DIAGNOSIS_BUDGET_MS: String(MIN_BUDGET_MS), HEALTH_BUDGET_MS: '2000' });
    extraBots.push(bot);
    const built = fromSomeone(BIG_LOG);
    const text = cardText(onlyCard(await exchange(bot, built)));
    assert.ok(text.includes(en.tooLong.title), text);
    assert.ok(text.includes(plural('en', MIN_BUDGET_MS / 1000, en.tooLong.overBudget)), text);
    assert.ok(en.tooLong.how.every((step) => text.includes(step)), text);
    assert.ok(!BIG_LOG_CODES.some((code) => text.includes(String(code))), 'no diagnosis on it');

    await bot.waitForLine((line) => line.includes('"msg":"paste over the diagnosis budget: worker terminated, another one started"'));
    // Two workers at start, the replacement third.
    await bot.waitForLine((line) => line.includes('"msg":"diagnosis worker started"') && line.includes('"started":3'));
    await bot.waitForLine((line) => line.includes('"msg":"message answered"') && line.includes(built.activityId));
    assert.equal(logLine(bot, 'message answered', built.activityId)?.notRead, 'over-budget');

    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    const next = cardText(onlyCard(await exchange(bot, fromSomeone('help'))));
    assert.ok(next.includes(en.help.intro), next);

    // The Diagnose message action on the same message answers in time, with the same explanation.
    const dialog = cardText(dialogCard(await invoke(bot, { name: 'composeExtension/fetchTask', html: asHtml(BIG_LOG) }, someone())));
    assert.ok(dialog.includes(en.tooLong.title), dialog);
  });

  it('the Diagnose message action draws from the same per-user rate limit as messages; over it the dialog says so', async () => {
    const user = someone();
    const html = asHtml('{"errorCode":500001,"message":"ServerError"} HostName=contoso-iot.azure-devices.net');
    assert.ok(cardText(onlyCard(await exchange(stack.bot, fromSomeone('help', user)))).includes(en.help.intro), 'a message: the first token');
    assert.match(cardText(dialogCard(await invoke(stack.bot, { name: 'composeExtension/fetchTask', html }, user))), /500001/, 'the preview: the second');
    const refused = [
      await invoke(stack.bot, { name: 'composeExtension/fetchTask', html }, user),
      await invoke(stack.bot, { name: 'composeExtension/submitAction', html, data: { ...POST_DATA } }, user),
    ];
    const notice = new RegExp(plural('en', 60, en.rateLimit.dialog).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('60', '\\d+'));
    for (const body of refused) assert.match(cardText(dialogCard(body)), notice);
    assert.equal(stack.bot.logLines().filter((line) => line.msg === 'message action refused: rate limit').length, 2);
    assert.match(cardText(dialogCard(await invoke(stack.bot, { name: 'composeExtension/fetchTask', html }, someone()))), /500001/, 'another user is not limited');
    const exposition = await (await fetch(`${stack.bot.url}/metrics`)).text();
    assert.match(exposition, /^iothub_oncall_turns_total\{type="invoke",outcome="rate-limited"\} 2$/m);
  });
});
