// The ARM simulator the bot starts in demo mode (in-process, random loopback port, URL in its startup log),
// driven through its /_sim admin routes (src/sim/admin.ts): finish a running failover, swap the scenario,
// move simulated time. This is how a browser test reaches the running → succeeded | failed card states
// without waiting for a simulated 90-second failover.
import type { BotProcess } from '#test/support/bot-process.ts';
import type { ScenarioDefinition } from '#src/sim/scenarios.ts';

export interface SimulatorAdmin {
  readonly url: string;
  /** Ends the hub's running failover now, with the outcome its scenario says. */
  completeFailover(hubName: string): Promise<unknown>;
  /** Replaces the simulated world (hubs, health, failover behaviour). */
  loadScenario(scenario: ScenarioDefinition): Promise<unknown>;
  advanceClock(seconds: number): Promise<unknown>;
  failovers(): Promise<unknown>;
}

/** The simulator's URL, from the bot's "demo mode" startup log line. */
export function simulatorUrlOf(bot: BotProcess): string {
  const line = bot.logLines().find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('demo mode') && typeof entry.url === 'string');
  if (!line) throw new Error('the bot did not log the ARM simulator URL (is it in demo mode, without AZURE_SUBSCRIPTION_IDS?)');
  return String(line.url);
}

export function simulatorAdmin(bot: BotProcess): SimulatorAdmin {
  const url = simulatorUrlOf(bot);
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const payload: unknown = await response.json();
    if (!response.ok) throw new Error(`simulator ${method} ${path} → ${response.status} ${JSON.stringify(payload)}`);
    return payload;
  };
  return {
    url,
    completeFailover: (hubName) => call('POST', `/_sim/hubs/${encodeURIComponent(hubName)}/failover/complete`),
    loadScenario: (scenario) => call('POST', '/_sim/scenario', { scenario }),
    advanceClock: (seconds) => call('POST', '/_sim/clock/advance', { seconds }),
    failovers: () => call('GET', '/_sim/failovers'),
  };
}
