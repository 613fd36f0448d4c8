// How long one slow paste holds the bot: sends `SharedAccessKey=`, a long run of spaces and a `;` (a
// backtracking case: test/unit/diagnosis/linear-time.test.ts) to the bot process, as a Teams message or (--action) as the message the
// Diagnose message action was run on, and meanwhile probes GET /healthz and sends an ordinary paste from
// another user. Prints when each was answered, and what the slow paste got. A measurement run by hand, not
// part of `npm test`.
//
//   node scripts/stall-probe.ts [--spaces 28000] [--budget-ms 2000] [--action]
import { parseArgs } from 'node:util';
import { message, postActivity } from '../test/support/activities.ts';
import { startBotProcess } from '../test/support/bot-process.ts';
import { onlyCard } from '../test/support/cards.ts';
import { startFakeConnector } from '../test/support/fake-connector.ts';
import { dialogCard, messageActionInvoke } from '../test/support/message-action.ts';

const { values } = parseArgs({ options: { spaces: { type: 'string', default: '28000' }, 'budget-ms': { type: 'string' }, action: { type: 'boolean', default: false } } });
const spaces = Number(values.spaces);
// The `;` keeps the run of spaces from being trimmed away as trailing blanks.
const paste = `SharedAccessKey=${' '.repeat(spaces)};`;

const connector = await startFakeConnector();
const bot = await startBotProcess(values['budget-ms'] === undefined ? {} : { DIAGNOSIS_BUDGET_MS: values['budget-ms'] });
const since = (start: number): number => Math.round(performance.now() - start);

/** Sends the slow paste; resolves with the title (fallback text) of the card it got. */
async function sendSlowPaste(): Promise<string> {
  if (values.action) {
    const invoke = messageActionInvoke({ serviceUrl: connector.url, name: 'composeExtension/fetchTask', html: `<pre>${paste}</pre>` });
    const response = await postActivity(bot.url, invoke.activity);
    return `dialog (HTTP ${response.status}): ${String(dialogCard(JSON.parse(response.text) as unknown).fallbackText)}`;
  }
  const slow = message({ serviceUrl: connector.url, text: paste });
  await postActivity(bot.url, slow.activity);
  const reply = await connector.waitFor((request) => request.activityId === slow.activityId, 120_000);
  return `card: ${String(onlyCard(reply).fallbackText)}`;
}

try {
  const ordinary = message({ serviceUrl: connector.url, text: '500001 ServerError contoso-iot.azure-devices.net' });
  ordinary.activity.from = { id: '29:someone-else', name: 'Megan Bowen', aadObjectId: '0c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5' };

  const started = performance.now();
  let answered = false;
  const slowAnswered = sendSlowPaste()
    .catch((error: unknown) => `failed (${error instanceof Error ? String(error.cause ?? error.message) : String(error)})`)
    .then((what) => {
      answered = true;
      return { what, ms: since(started) };
    });
  // The slow paste gets a head start, as a second user would come a moment later.
  await new Promise((resolve) => setTimeout(resolve, 200));

  const probes: number[] = [];
  const probeFailures: string[] = [];
  const probing = (async () => {
    while (!answered) {
      const probeStart = performance.now();
      const failure = await fetch(`${bot.url}/healthz`).then(
        (response) => (response.ok ? null : `HTTP ${response.status}`),
        (error: unknown) => (error instanceof Error ? String(error.cause ?? error.message) : String(error)),
      );
      if (failure !== null) probeFailures.push(failure);
      probes.push(since(probeStart));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const ordinaryStart = performance.now();
  const ordinaryOutcome = await postActivity(bot.url, ordinary.activity).then(
    async () => (await connector.waitFor((request) => request.activityId === ordinary.activityId, 120_000), 'answered'),
    (error: unknown) => `failed (${error instanceof Error ? String(error.cause ?? error.message) : String(error)})`,
  );
  const ordinaryMs = since(ordinaryStart);
  const slow = await slowAnswered;
  await probing;
  process.stdout.write(
    [
      `${values.action ? 'Diagnose message action on' : 'message'}: SharedAccessKey= + ${spaces} spaces + ; (${paste.length} chars)`,
      `slow paste answered after ${slow.ms} ms: ${slow.what}`,
      `first /healthz answered in ${probes[0] ?? NaN} ms; slowest ${Math.max(...probes)} ms (${probes.length} probes while the paste was read, ${probeFailures.length} failed${probeFailures.length > 0 ? `: ${probeFailures.join('; ')}` : ''})`,
      `ordinary paste from another user: ${ordinaryOutcome} after ${ordinaryMs} ms`,
    ].join('\n') + '\n',
  );
} finally {
  await bot.stop('SIGKILL');
  await connector.close();
}
