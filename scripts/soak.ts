// The long version of test/e2e/load.test.ts: the same mixed workload (pastes with and without a hub, help,
// health <hub>, French, re-deliveries, card clicks, nothing recognisable) from many conversations at once,
// for several minutes, against the bot process, the ARM simulator and a fake Bot Connector, all on loopback.
// Every round is checked (every activity answered exactly once with the right card, no 5xx, nothing else
// sent); the summary gives throughput, latency percentiles, ARM calls and the bot's memory. Not part of
// `npm test`.
//
//   node scripts/soak.ts --minutes 5 [--conversations 20] [--turns-per-round 15]
//
// Exit code 0 when nothing was lost, duplicated, wrong or answered with a 5xx; 1 otherwise.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { startArmSimulator } from '#src/sim/index.ts';
import { TEST_BOT_ENV, spawnProjectNode } from '../test/support/bot-process.ts';
import { startFakeConnector } from '../test/support/fake-connector.ts';
import { checkReplies, percentile, planConversation, runConversation } from '../test/support/load-workload.ts';
import type { LoadCheck, TurnResult } from '../test/support/load-workload.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    conversations: { type: 'string', default: '20' },
    'turns-per-round': { type: 'string', default: '15' },
  },
});

function positive(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    process.stderr.write(`--${name} must be a number between 0 and ${max}, got ${String(raw)}\n`);
    process.exit(2);
  }
  return value;
}

const minutes = positive('minutes', values.minutes, 24 * 60);
const conversationCount = Math.round(positive('conversations', values.conversations, 1_000));
const turnsPerRound = Math.round(positive('turns-per-round', values['turns-per-round'], 10_000));

const say = (text: string): boolean => process.stdout.write(`${text}\n`);

function metricValue(exposition: string, series: string): number {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A free loopback port (the bot logs at warn level here, so it cannot announce the one it picked). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sim = await startArmSimulator({ scenario: 'outage' });
const connector = await startFakeConnector();
const port = await freePort();
// warn: the soak runs for minutes and every output line is kept in memory here; warnings and errors still show.
const bot = spawnProjectNode(['src/main.ts'], {
  ...TEST_BOT_ENV,
  PORT: String(port),
  LOG_LEVEL: 'warn',
  AZURE_SUBSCRIPTION_IDS: sim.subscriptions.join(','),
  ARM_ENDPOINT: sim.url,
  HEALTH_BUDGET_MS: '3000',
});
const botUrl = `http://127.0.0.1:${port}`;
for (let waited = 0; ; waited += 100) {
  const ready = await fetch(`${botUrl}/healthz`).then((response) => response.ok, () => false);
  if (ready) break;
  if (waited > 20_000 || bot.child.exitCode !== null) {
    process.stderr.write(`the bot did not start:\n${bot.stdout()}\n${bot.stderr()}\n`);
    await bot.stop('SIGKILL');
    await connector.close();
    await sim.close();
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const logLines = (): Record<string, unknown>[] =>
  bot
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const scrape = async (): Promise<string> => (await fetch(`${botUrl}/metrics`)).text();
const total: LoadCheck = { turns: 0, posts: 0, serverErrors: 0, lost: [], duplicated: [], wrong: [], problems: [], strays: 0 };
const latencies: number[] = [];
let exitCode = 1;

try {
  const first = await scrape();
  const rssStart = metricValue(first, 'process_resident_memory_bytes');
  const heapStart = metricValue(first, 'nodejs_heap_size_used_bytes');
  const conversations = Array.from({ length: conversationCount }, (_, index) => planConversation(index, 5));
  const started = performance.now();
  const deadline = started + minutes * 60_000;
  let nextReport = started + 30_000;
  let rounds = 0;
  say(`soak: ${minutes} min, ${conversationCount} conversations, ${turnsPerRound} turns per conversation per round; bot ${botUrl}, simulator ${sim.url}`);

  while (performance.now() < deadline) {
    const results: TurnResult[] = (await Promise.all(conversations.map((conversation) => runConversation(botUrl, connector.url, conversation, { turns: turnsPerRound })))).flat();
    const check = checkReplies(results, connector);
    // The fake connector keeps every request: checked rounds are dropped so memory stays flat on this side.
    connector.clear();
    rounds += 1;
    total.turns += check.turns;
    total.posts += check.posts;
    total.serverErrors += check.serverErrors;
    total.strays += check.strays;
    for (const key of ['lost', 'duplicated', 'wrong', 'problems'] as const) total[key].push(...check[key]);
    for (const result of results) latencies.push(result.latencyMs);
    if (performance.now() >= nextReport) {
      nextReport += 30_000;
      const elapsed = (performance.now() - started) / 1000;
      const sample = await scrape();
      const rss = metricValue(sample, 'process_resident_memory_bytes');
      const heap = metricValue(sample, 'nodejs_heap_size_used_bytes');
      say(
        `  ${elapsed.toFixed(0)} s: ${total.turns} turns (${(total.turns / elapsed).toFixed(0)}/s), p99 ${ms(percentile(latencies, 99))}, ` +
          `5xx ${total.serverErrors}, lost ${total.lost.length}, duplicated ${total.duplicated.length}, wrong ${total.wrong.length}, bot RSS ${mb(rss)}, heap used ${mb(heap)}`,
      );
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const exposition = await scrape();
  const rssEnd = metricValue(exposition, 'process_resident_memory_bytes');
  const heapEnd = metricValue(exposition, 'nodejs_heap_size_used_bytes');
  const errorLines = logLines().filter((line) => line.level === 'error' || line.level === 'fatal');
  const rows: [string, string][] = [
    ['duration', `${seconds.toFixed(1)} s (${rounds} rounds)`],
    ['turns', `${total.turns} (${total.posts} POSTs with re-deliveries)`],
    ['throughput', `${(total.turns / seconds).toFixed(1)} turns/s`],
    ['HTTP latency p50 / p95 / p99 / max', `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))} / ${ms(Math.max(...latencies))}`],
    ['5xx answers', String(total.serverErrors)],
    ['lost replies', String(total.lost.length)],
    ['duplicated replies', String(total.duplicated.length)],
    ['wrong replies', String(total.wrong.length)],
    ['HTTP problems', String(total.problems.length)],
    ['stray connector requests', String(total.strays)],
    ['Resource Health calls to ARM', String(sim.countRequests({ route: 'health.current' }))],
    ['turns failed (bot metrics)', String(metricValue(exposition, 'iothub_oncall_turns_total{type="message",outcome="error"}') || 0)],
    ['error log lines', String(errorLines.length)],
    ['bot RSS start / end', `${mb(rssStart)} / ${mb(rssEnd)} (${rssEnd >= rssStart ? '+' : ''}${mb(rssEnd - rssStart)})`],
    // Not after a forced GC: garbage not yet collected counts. A leak shows as heap growing round after round.
    ['bot JS heap used start / end', `${mb(heapStart)} / ${mb(heapEnd)}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  say('\nsoak summary');
  for (const [name, value] of rows) say(`  ${name.padEnd(width)}  ${value}`);
  for (const [label, list] of [['lost', total.lost], ['duplicated', total.duplicated], ['wrong', total.wrong], ['problems', total.problems]] as const) {
    if (list.length > 0) say(`\n${label} (first 10):\n  ${list.slice(0, 10).join('\n  ')}`);
  }
  const failed = total.serverErrors + total.lost.length + total.duplicated.length + total.wrong.length + total.problems.length + total.strays + errorLines.length;
  say(failed === 0 ? '\nsoak passed: nothing lost, nothing duplicated, no 5xx' : '\nsoak FAILED');
  exitCode = failed === 0 ? 0 : 1;
} finally {
  await bot.stop('SIGTERM');
  await connector.close();
  await sim.close();
}
process.exit(exitCode);
