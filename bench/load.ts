// End-to-end turn latency and throughput: the real bot (a paste naming a demo hub → diagnosis + Resource
// Health lookup against its simulator + Adaptive Card) against the echo bot on the same stack, same load
// generator, same run, at 1, 50 and 200 concurrent conversations.
import { availableParallelism } from 'node:os';
import { personalMessages, hubPaste } from './lib/activities.ts';
import { jsonLine, startEchoBot, startRealBot, REAL_BOT_LOG_LEVEL } from './lib/bots.ts';
import type { RunningBot } from './lib/bots.ts';
import { startBenchConnector } from './lib/connector.ts';
import type { BenchConnector } from './lib/connector.ts';
import { mergeResults, runLoad } from './lib/load-generator.ts';
import type { LoadResult } from './lib/load-generator.ts';
import type { BenchSection, FigureRow } from './lib/report.ts';
import { cpuSeconds } from './lib/processes.ts';
import { formatNumber, percentile } from './lib/stats.ts';

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** The demo hub the pastes name: the one in an outage, as during a real incident. */
export const BENCH_HUB = 'contoso-prod-weu';
/**
 * Turn n comes from user n mod USERS: with ~30,000 turns in the whole load phase, each user sends at most a
 * couple of messages — far under the bot's per-user rate limit (burst 5, then 10 a minute), so every turn
 * takes the normal path instead of the limiter's (one user flooding the bot is not what is measured here).
 */
const USERS = 20_000;

interface Level {
  concurrency: number;
  maxTurns: number;
  maxSeconds: number;
}

const LEVELS: readonly Level[] = [
  { concurrency: 1, maxTurns: 600, maxSeconds: 6 },
  { concurrency: 50, maxTurns: 6000, maxSeconds: 10 },
  { concurrency: 200, maxTurns: 8000, maxSeconds: 12 },
];
const QUICK_LEVELS: readonly Level[] = [
  { concurrency: 1, maxTurns: 40, maxSeconds: 2 },
  { concurrency: 50, maxTurns: 300, maxSeconds: 3 },
  { concurrency: 200, maxTurns: 600, maxSeconds: 4 },
];

function ms(value: number): string {
  return `${formatNumber(value)} ms`;
}

function describe(result: LoadResult): string {
  const statuses = Object.entries(result.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  return `${result.completed}/${result.turns} turns in ${formatNumber(result.elapsedMs / 1000)} s, HTTP ${statuses || 'none'}, lost ${result.lost}, p50 ${ms(result.p50Ms)} (HTTP answer alone ${ms(result.httpP50Ms)}), p99 ${ms(result.p99Ms)}, ${formatNumber(result.throughput)} turns/s`;
}

/** A one-line look at a reply: its attachments' types and the card's fallback text, to see what was answered. */
function describeReply(bodyText: string): string {
  try {
    const reply: unknown = JSON.parse(bodyText);
    if (typeof reply !== 'object' || reply === null) return 'not an object';
    const attachments = 'attachments' in reply && Array.isArray(reply.attachments) ? reply.attachments : [];
    const kinds = attachments.map((attachment: unknown) => {
      if (typeof attachment !== 'object' || attachment === null) return '?';
      const type = 'contentType' in attachment ? String(attachment.contentType) : '?';
      const content = 'content' in attachment ? attachment.content : null;
      const fallback = typeof content === 'object' && content !== null && 'fallbackText' in content ? ` "${String(content.fallbackText)}"` : '';
      return `${type}${fallback}`;
    });
    const text = 'text' in reply && typeof reply.text === 'string' ? ` text "${reply.text.slice(0, 60)}"` : '';
    return `${Buffer.byteLength(bodyText)} bytes, attachments [${kinds.join(', ')}]${text}`;
  } catch {
    return 'not JSON';
  }
}

/** What the bot's own "message answered" log lines say about time spent inside its turn handler. */
function handlerTimings(lines: readonly string[]): string {
  const fields = { durationMs: [] as number[], diagnoseMs: [] as number[], healthMs: [] as number[] };
  for (const line of lines) {
    const entry = jsonLine(line);
    if (entry?.msg !== 'message answered') continue;
    for (const key of ['durationMs', 'diagnoseMs', 'healthMs'] as const) {
      const value = entry[key];
      if (typeof value === 'number') fields[key].push(value);
    }
  }
  if (fields.durationMs.length === 0) return 'no "message answered" log lines with durationMs';
  const p50 = (values: number[]): string => (values.length === 0 ? 'n/a' : ms(percentile(values, 50)));
  return `the bot logged ${fields.durationMs.length} answered turns, p50 inside its handler ${p50(fields.durationMs)} (p99 ${ms(percentile(fields.durationMs, 99))}; diagnose ${p50(fields.diagnoseMs)}, health ${p50(fields.healthMs)})`;
}

function clean(result: LoadResult): boolean {
  return result.failed === 0 && result.lost === 0 && result.completed > 0;
}

export async function benchLoad(options: BenchOptions): Promise<BenchSection> {
  const levels = options.quick ? QUICK_LEVELS : LEVELS;
  const rows: FigureRow[] = [];
  const notes: string[] = [];
  let connector: BenchConnector | null = null;
  let echo: RunningBot | null = null;
  let real: RunningBot | null = null;
  try {
    connector = await startBenchConnector();
    [echo, real] = await Promise.all([startEchoBot(), startRealBot()]);
    const bots = { echo, real };
    const connectorRef = connector;
    // Both bots get the very same pastes: same activity sizes, same parsing cost in the HTTP layer.
    const text = (turn: number): string => hubPaste(BENCH_HUB, turn);
    let turn = 0;
    // CPU seconds used during the measured runs, by the bot and by the benchmark process (generator + connector).
    const cpu = { echo: { bot: 0, bench: 0 }, real: { bot: 0, bench: 0 } };
    const load = async (which: 'echo' | 'real', level: Level, runId: string): Promise<LoadResult> => {
      const botCpuBefore = await cpuSeconds(bots[which].process.pid);
      const benchCpuBefore = process.cpuUsage();
      const result = await runLoad({
        botUrl: bots[which].url,
        connector: connectorRef,
        concurrency: level.concurrency,
        maxTurns: level.maxTurns,
        maxSeconds: level.maxSeconds,
        makeTurn: personalMessages({ runId, users: USERS, text }),
        firstTurn: turn,
      });
      turn = result.nextTurn;
      const benchCpu = process.cpuUsage(benchCpuBefore);
      cpu[which].bot += (await cpuSeconds(bots[which].process.pid)) - botCpuBefore;
      cpu[which].bench += (benchCpu.user + benchCpu.system) / 1e6;
      return result;
    };

    // Warm-up (JIT, connection pools, the health cache), not measured.
    const warmUp: Level = { concurrency: 20, maxTurns: options.quick ? 100 : 400, maxSeconds: 5 };
    for (const which of ['echo', 'real'] as const) {
      const result = await load(which, warmUp, `warm-${which}`);
      options.log(`  warm-up ${which}: ${describe(result)}`);
      if (!clean(result)) notes.push(`Warm-up of the ${which} bot was not clean: ${describe(result)}.`);
    }

    await real.process.newLines();
    for (const level of levels) {
      for (const which of ['echo', 'real'] as const) cpu[which] = { bot: 0, bench: 0 };
      // A-B-B-A halves: a slow drift of the machine's speed during the level weighs on both bots alike.
      const half: Level = { concurrency: level.concurrency, maxTurns: Math.ceil(level.maxTurns / 2), maxSeconds: level.maxSeconds / 2 };
      const runs: Record<'echo' | 'real', LoadResult[]> = { echo: [], real: [] };
      for (const [index, which] of (['echo', 'real', 'real', 'echo'] as const).entries()) {
        runs[which].push(await load(which, half, `${which}-c${level.concurrency}-${index}`));
      }
      const results: Record<'echo' | 'real', LoadResult> = { echo: mergeResults(runs.echo), real: mergeResults(runs.real) };
      const inside = handlerTimings(await real.process.newLines());
      for (const which of ['echo', 'real'] as const) {
        const seconds = results[which].elapsedMs / 1000;
        const busy = `CPU busy: bot ${Math.round((100 * cpu[which].bot) / seconds)}%, benchmark process ${Math.round((100 * cpu[which].bench) / seconds)}% of one core`;
        const detail = `${describe(results[which])}; ${busy}${which === 'real' ? `; ${inside}` : ''}`;
        options.log(`  ${which} @ ${level.concurrency}: ${detail}`);
        notes.push(`${which} bot, ${level.concurrency} concurrent: ${detail}.`);
      }
      const { echo: base, real: bot } = results;
      const allCards = bot.repliesWithAttachment === bot.completed;
      const valid = clean(base) && clean(bot) && allCards;
      const invalid = valid ? {} : { note: allCards ? 'failed or lost turns, see notes' : 'some real-bot replies carried no card, see notes' };
      const p50Ratio = bot.p50Ms / base.p50Ms;
      const throughputRatio = bot.throughput / base.throughput;
      rows.push({
        figure: `turn latency p50, ${level.concurrency} conv.`,
        measured: ms(bot.p50Ms),
        baseline: ms(base.p50Ms),
        ratio: p50Ratio,
        target: '≤ 1.5x',
        met: valid && p50Ratio <= 1.5,
        ...invalid,
      });
      rows.push({
        figure: `turn latency p99, ${level.concurrency} conv.`,
        measured: ms(bot.p99Ms),
        baseline: ms(base.p99Ms),
        ratio: bot.p99Ms / base.p99Ms,
        target: '(reported)',
        met: null,
      });
      rows.push({
        figure: `throughput, ${level.concurrency} conv.`,
        measured: `${formatNumber(bot.throughput)} turns/s`,
        baseline: `${formatNumber(base.throughput)} turns/s`,
        ratio: throughputRatio,
        target: '≥ 0.70x',
        met: valid && throughputRatio >= 0.7,
        ...invalid,
      });
      if (bot.repliesWithAttachment < bot.completed) {
        notes.push(`Only ${bot.repliesWithAttachment} of ${bot.completed} real-bot replies at ${level.concurrency} concurrent carried a card.`);
      }
    }
    notes.push(
      `Turn latency = from the start of the POST /api/messages until both its HTTP answer and the bot's reply at the (bench) connector have arrived. ` +
        `Closed loop: each of N workers sends its next turn when the previous one completed; turns come from ${USERS.toLocaleString('en-US')} users in rotation (each in a personal chat), so no user comes near the bot's per-user rate limit. ` +
        `The real bot runs in demo mode (in-process ARM simulator, SQLite store, LOG_LEVEL=${REAL_BOT_LOG_LEVEL}); every paste names ${BENCH_HUB}.`,
    );
    const counts = connector.counts;
    notes.push(
      `The bench connector received ${counts.messages} messages, ${counts.typing} typing, ${counts.updates} updates, ${counts.unmatched} unmatched, over ${counts.connections} connections. ` +
        `Bots, generator and connector share the machine's ${availableParallelism()} CPUs: the generator's own CPU use is listed per run, so a run where the benchmark process is near 100% is bounded by the generator, not by the bot.`,
    );
    const sample = connector.latestCard();
    if (sample !== null) options.log(`  last real-bot reply: ${describeReply(sample)}`);
  } finally {
    await Promise.all([echo?.stop(), real?.stop(), connector?.close()]);
  }
  return { title: 'End-to-end turns: real bot vs echo bot (same stack, same generator, same run)', rows, notes };
}

if (import.meta.main) {
  const { runStandalone } = await import('./lib/standalone.ts');
  await runStandalone(benchLoad);
}
