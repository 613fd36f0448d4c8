// Starting the two bots the benchmarks compare: the echo baseline (bench/echo-bot.ts) and the real bot
// (src/main.ts) in demo mode, whose in-process ARM simulator is found from its startup log. Each gets a
// temporary folder for its log file (and the real bot's SQLite store), removed when it stops.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode } from './processes.ts';
import type { ManagedProcess } from './processes.ts';

export interface RunningBot {
  readonly process: ManagedProcess;
  readonly url: string;
  /** The real bot's ARM simulator (demo mode); null for the echo bot. */
  readonly simulatorUrl: string | null;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export function jsonLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function listeningPort(child: ManagedProcess): Promise<number> {
  const line = await child.waitForLine((candidate) => jsonLine(candidate)?.msg === 'http server listening', START_TIMEOUT_MS);
  const port = jsonLine(line)?.port;
  if (typeof port !== 'number') throw new Error(`${child.name}: no port in "${line}"`);
  return port;
}

const tempDirs = new Set<string>();
// When the benchmark is interrupted, the bots are killed (processes.ts) and their folders removed here.
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function startIn(name: string, args: string[], env: (dir: string) => Record<string, string>): Promise<{ child: ManagedProcess; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'iothub-oncall-bench-'));
  tempDirs.add(dir);
  let child: ManagedProcess;
  try {
    child = spawnNode(name, args, env(dir), join(dir, 'output.log'));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
    throw error;
  }
  const stop = async (): Promise<void> => {
    await child.stop();
    await rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  };
  return { child, stop };
}

export async function startEchoBot(): Promise<RunningBot> {
  const { child, stop } = await startIn('echo bot', ['bench/echo-bot.ts'], () => ({ PORT: '0' }));
  try {
    const port = await listeningPort(child);
    return { process: child, url: `http://127.0.0.1:${port}`, simulatorUrl: null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The real bot logs at its production default; the bench finds its port and simulator in that log. */
export const REAL_BOT_LOG_LEVEL = 'info';

/**
 * The real bot as `npm start` runs it in demo mode: empty AZURE_SUBSCRIPTION_IDS (in-process ARM simulator),
 * auth disabled (empty MicrosoftAppId), no Agents Playground, its default SQLite store in a temporary folder.
 */
export async function startRealBot(extraEnv: Record<string, string> = {}): Promise<RunningBot> {
  const { child, stop } = await startIn('real bot', ['src/main.ts'], (dir) => ({
    PORT: '0',
    HOST: '127.0.0.1',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    AZURE_SUBSCRIPTION_IDS: '',
    DEMO_PLAYGROUND: '0',
    STATE_STORE: `sqlite:${join(dir, 'state.db')}`,
    LOG_LEVEL: REAL_BOT_LOG_LEVEL,
    ...extraEnv,
  }));
  try {
    const simulatorLine = await child.waitForLine((line) => {
      const parsed = jsonLine(line);
      return typeof parsed?.url === 'string' && typeof parsed.msg === 'string' && parsed.msg.startsWith('demo mode');
    }, START_TIMEOUT_MS);
    const simulatorUrl = jsonLine(simulatorLine)?.url;
    const port = await listeningPort(child);
    if (typeof simulatorUrl !== 'string') throw new Error('real bot: no simulator url in its demo-mode log line');
    return { process: child, url: `http://127.0.0.1:${port}`, simulatorUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
