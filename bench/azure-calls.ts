// Azure calls per burst: 100 concurrent pastes about one hub, sent to a freshly started bot (cold health
// cache), then the Resource Health requests its ARM simulator received are counted (GET /_sim/requests).
import { personalMessages, hubPaste } from './lib/activities.ts';
import { startRealBot } from './lib/bots.ts';
import type { RunningBot } from './lib/bots.ts';
import { startBenchConnector } from './lib/connector.ts';
import type { BenchConnector } from './lib/connector.ts';
import { runLoad } from './lib/load-generator.ts';
import type { BenchSection, FigureRow } from './lib/report.ts';
import { BENCH_HUB } from './load.ts';

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

const PASTES = 100;

interface SimRequest {
  seq: number;
  route: string | null;
  hub: string | null;
  method: string;
}

function isSimRequest(value: unknown): value is SimRequest {
  return typeof value === 'object' && value !== null && 'seq' in value && typeof value.seq === 'number' && 'route' in value && 'method' in value;
}

async function simRequests(simulatorUrl: string): Promise<SimRequest[]> {
  const response = await fetch(`${simulatorUrl}/_sim/requests`);
  if (response.status !== 200) throw new Error(`GET /_sim/requests answered ${response.status}`);
  const body: unknown = await response.json();
  const requests = typeof body === 'object' && body !== null && 'requests' in body ? body.requests : null;
  if (!Array.isArray(requests)) throw new Error('GET /_sim/requests: no requests array');
  return requests.filter(isSimRequest);
}

export async function benchAzureCalls(options: BenchOptions): Promise<BenchSection> {
  const title = `Azure calls: ${PASTES} concurrent pastes about one hub (fresh bot, cold cache)`;
  let connector: BenchConnector | null = null;
  let bot: RunningBot | null = null;
  try {
    connector = await startBenchConnector();
    bot = await startRealBot();
    const simulatorUrl = bot.simulatorUrl;
    if (simulatorUrl === null) throw new Error('the real bot reported no simulator');
    const lastBefore = Math.max(0, ...(await simRequests(simulatorUrl)).map((request) => request.seq));
    const result = await runLoad({
      botUrl: bot.url,
      connector,
      concurrency: PASTES,
      maxTurns: PASTES,
      maxSeconds: 60,
      makeTurn: personalMessages({ runId: 'azure-calls', users: PASTES, text: (turn) => hubPaste(BENCH_HUB, turn) }),
    });
    const after = (await simRequests(simulatorUrl)).filter((request) => request.seq > lastBefore);
    const health = after.filter((request) => request.route === 'health.current');
    const byRoute = new Map<string, number>();
    for (const request of after) byRoute.set(request.route ?? 'unrouted', (byRoute.get(request.route ?? 'unrouted') ?? 0) + 1);
    const routes = [...byRoute].map(([route, count]) => `${route}×${count}`).join(', ') || 'none';
    options.log(`  ${result.completed}/${PASTES} replies, ARM requests: ${routes}`);
    const complete = result.completed === PASTES;
    const row: FigureRow = {
      figure: `Resource Health requests / ${PASTES} pastes`,
      measured: String(health.length),
      baseline: `${PASTES} (one per paste)`,
      ratio: health.length / PASTES,
      target: '1 request',
      met: complete && health.length === 1,
      ...(complete ? {} : { note: `only ${result.completed} of ${PASTES} pastes were answered` }),
    };
    return {
      title,
      rows: [row],
      notes: [
        `${result.completed} of ${PASTES} pastes answered (${result.repliesWithAttachment} with a card), ${result.failed} failed, ${result.lost} lost. ` +
          `All ARM requests the simulator received during the burst: ${routes}. The baseline is what a bot without request coalescing or caching would send.`,
      ],
    };
  } finally {
    await Promise.all([bot?.stop(), connector?.close()]);
  }
}

if (import.meta.main) {
  const { runStandalone } = await import('./lib/standalone.ts');
  await runStandalone(benchAzureCalls);
}
