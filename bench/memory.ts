// Memory: resident set size of the real bot process (VmRSS from /proc/<pid>/status) after 1,000 and after
// 10,000 turns of pastes naming a demo hub, from a pool of users in rotation: large enough that no user
// meets the bot's per-user rate limit (burst 5, 10 a minute), small enough that the users' own state is a
// small part of any growth.
// To tell retained memory from heap V8 merely has not given back, the bot also writes a heap snapshot at
// each mark (after the RSS reading; a snapshot collects garbage first), and the live objects are summed.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personalMessages, hubPaste } from './lib/activities.ts';
import { startRealBot } from './lib/bots.ts';
import type { RunningBot } from './lib/bots.ts';
import { startBenchConnector } from './lib/connector.ts';
import type { BenchConnector } from './lib/connector.ts';
import { runLoad } from './lib/load-generator.ts';
import { residentBytes } from './lib/processes.ts';
import type { BenchSection, FigureRow } from './lib/report.ts';
import { formatNumber } from './lib/stats.ts';
import { BENCH_HUB } from './load.ts';

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

const MiB = 1024 * 1024;
/** 10,000 turns / 2,000 users = 5 messages per user over the run: within the limiter's burst. */
const USERS = 2000;
const CONCURRENCY = 50;
const SETTLE_MS = 2000;
const GROWTH_LIMIT = 20 * MiB;
const SNAPSHOT_TIMEOUT_MS = 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The lowest RSS over a short idle period: what stays once in-flight garbage is collected, less noisy than one reading. */
async function settledRss(pid: number): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY;
  const end = performance.now() + SETTLE_MS;
  while (performance.now() < end) {
    lowest = Math.min(lowest, await residentBytes(pid));
    await sleep(200);
  }
  return lowest;
}

interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[] } };
  nodes: number[];
}

function isHeapSnapshot(value: unknown): value is HeapSnapshotFile {
  if (typeof value !== 'object' || value === null || !('snapshot' in value) || !('nodes' in value)) return false;
  const { snapshot, nodes } = value;
  return Array.isArray(nodes) && typeof snapshot === 'object' && snapshot !== null && 'meta' in snapshot;
}

/** Sum of the self sizes of every object in a V8 heap snapshot: the live JS heap after a full collection. */
function liveBytes(snapshot: HeapSnapshotFile): number {
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf('self_size');
  if (selfSize < 0 || fields.length === 0) throw new Error('heap snapshot without self_size');
  let total = 0;
  for (let index = selfSize; index < snapshot.nodes.length; index += fields.length) total += snapshot.nodes[index] ?? 0;
  return total;
}

/** Signals the bot (started with --heapsnapshot-signal) and waits until its snapshot file is complete. */
async function heapSnapshotLiveBytes(pid: number, dir: string): Promise<number> {
  const before = new Set(await readdir(dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = performance.now() + SNAPSHOT_TIMEOUT_MS;
  while (performance.now() < deadline) {
    await sleep(250);
    const file = (await readdir(dir)).find((name) => !before.has(name) && name.endsWith('.heapsnapshot'));
    if (file === undefined) continue;
    const path = join(dir, file);
    try {
      // A snapshot still being written does not parse yet.
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      if (!isHeapSnapshot(parsed)) throw new Error('not a heap snapshot');
      await rm(path, { force: true });
      return liveBytes(parsed);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  throw new Error(`no complete heap snapshot within ${SNAPSHOT_TIMEOUT_MS} ms`);
}

function mib(bytes: number): string {
  return `${formatNumber(bytes / MiB)} MiB`;
}

interface Mark {
  rss: number;
  /** Live JS heap from a heap snapshot; null in the run without snapshots. */
  live: number | null;
}

interface GrowthRun {
  startRss: number;
  marks: [Mark, Mark];
  completed: number;
  /** Replies that carried a card (a rate-limited turn would get a text notice or nothing). */
  cards: number;
  seconds: number;
}

/**
 * One fresh bot, load up to each mark, readings at each mark. With snapshots, the bot writes a heap snapshot
 * after each RSS reading — which itself inflates RSS, so the RSS figure comes from a run without them.
 */
async function measureRun(marks: readonly [number, number], withSnapshots: boolean, log: (line: string) => void): Promise<GrowthRun> {
  const snapshots = withSnapshots ? await mkdtemp(join(tmpdir(), 'iothub-oncall-bench-heap-')) : null;
  let connector: BenchConnector | null = null;
  let bot: RunningBot | null = null;
  try {
    const liveConnector = await startBenchConnector();
    connector = liveConnector;
    const liveBot = await startRealBot(snapshots === null ? {} : { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}` });
    bot = liveBot;
    const pid = liveBot.process.pid;
    const startRss = await settledRss(pid);
    const makeTurn = personalMessages({ runId: withSnapshots ? 'memory-heap' : 'memory', users: USERS, text: (turn) => hubPaste(BENCH_HUB, turn) });
    let completed = 0;
    let cards = 0;
    let seconds = 0;
    const runTo = async (fromTurn: number, toTurn: number): Promise<Mark> => {
      const result = await runLoad({ botUrl: liveBot.url, connector: liveConnector, concurrency: CONCURRENCY, maxTurns: toTurn - fromTurn, maxSeconds: 120, makeTurn, firstTurn: fromTurn });
      completed += result.completed;
      cards += result.repliesWithAttachment;
      seconds += result.elapsedMs / 1000;
      const rss = await settledRss(pid);
      const live = snapshots === null ? null : await heapSnapshotLiveBytes(pid, snapshots);
      log(
        `  ${withSnapshots ? 'with heap snapshots' : 'plain'}, turns ${fromTurn}–${toTurn}: ${result.completed} completed, ${result.failed} failed, ${result.lost} lost ` +
          `in ${formatNumber(result.elapsedMs / 1000)} s; RSS ${mib(rss)}${live === null ? '' : `, live JS heap ${mib(live)}`}`,
      );
      return { rss, live };
    };
    const atFirst = await runTo(0, marks[0]);
    const atSecond = await runTo(marks[0], marks[1]);
    return { startRss, marks: [atFirst, atSecond], completed, cards, seconds };
  } finally {
    await Promise.all([bot?.stop(), connector?.close()]);
    if (snapshots !== null) await rm(snapshots, { recursive: true, force: true });
  }
}

export async function benchMemory(options: BenchOptions): Promise<BenchSection> {
  const marks: [number, number] = options.quick ? [200, 2000] : [1000, 10_000];
  const [first, second] = marks.map((mark) => mark.toLocaleString('en-US'));
  const title = `Memory: RSS of the bot after ${first} and ${second} turns`;
  const plain = await measureRun(marks, false, options.log);
  const diagnostic = await measureRun(marks, true, options.log);
  const [rssFirst, rssSecond] = plain.marks;
  const [heapFirst, heapSecond] = diagnostic.marks;
  const complete = plain.completed === marks[1] && plain.cards === plain.completed;
  const rssGrowth = rssSecond.rss - rssFirst.rss;
  const rows: FigureRow[] = [
    {
      figure: `RSS growth, ${second} vs ${first} turns`,
      measured: `${mib(rssSecond.rss)} (+${mib(rssGrowth)})`,
      baseline: mib(rssFirst.rss),
      ratio: rssSecond.rss / rssFirst.rss,
      target: '< 20 MiB growth',
      met: complete && rssGrowth < GROWTH_LIMIT,
      ...(complete ? {} : { note: `${plain.completed} of ${marks[1]} turns completed, ${plain.cards} with a card` }),
    },
  ];
  if (heapFirst.live !== null && heapSecond.live !== null) {
    const liveGrowth = heapSecond.live - heapFirst.live;
    rows.push({
      figure: '↳ live JS heap growth (heap snapshots)',
      measured: `${mib(heapSecond.live)} (${liveGrowth >= 0 ? '+' : ''}${mib(liveGrowth)})`,
      baseline: mib(heapFirst.live),
      ratio: heapSecond.live / heapFirst.live,
      target: '(diagnostic)',
      met: null,
    });
  }
  return {
    title,
    rows,
    notes: [
      `RSS ${mib(plain.startRss)} before any turn, ${mib(rssFirst.rss)} after ${first}, ${mib(rssSecond.rss)} after ${second} (growth ${mib(rssGrowth)}); ` +
        `${plain.completed} of ${marks[1]} turns completed (${plain.cards} with a card) in ${formatNumber(plain.seconds)} s, ${CONCURRENCY} concurrent conversations, ${USERS.toLocaleString('en-US')} users in rotation (each sends at most ${Math.ceil(marks[1] / USERS)} messages). ` +
        `RSS is the lowest VmRSS reading over ${SETTLE_MS / 1000} s of idle after each mark.`,
      `Diagnostic run (a second fresh bot, same load, ${diagnostic.completed} of ${marks[1]} turns completed): live JS heap = the objects of a V8 heap snapshot written at each mark ` +
        `(--heapsnapshot-signal; a snapshot collects garbage first): ${heapFirst.live === null ? 'n/a' : mib(heapFirst.live)} after ${first}, ${heapSecond.live === null ? 'n/a' : mib(heapSecond.live)} after ${second}. ` +
        'RSS growing far more than the live heap is memory V8 and the allocator keep reserved after collecting, not objects the bot retains.',
    ],
  };
}

if (import.meta.main) {
  const { runStandalone } = await import('./lib/standalone.ts');
  await runStandalone(benchMemory);
}
