// Starts the Microsoft 365 Agents Playground (0.2.28) as a child process on a free loopback port, with the
// mock Teams world written to a temp folder, and stops it. It runs offline; it must not open a browser:
// it spawns `xdg-open <url>` at start and exits when that fails, so a no-op xdg-open goes first on its PATH.
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { preparePlaygroundFolder } from '#src/demo/playground.ts';
import { PROCESS_START_GUARD_MS, spawnProjectNode } from '#test/support/bot-process.ts';
import type { RunningProcess } from '#test/support/bot-process.ts';
import type { World } from './world.ts';

const PLAYGROUND_CLI = join('node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

export interface Playground {
  readonly port: number;
  /** The web client. */
  readonly url: string;
  /** The playground's mock Bot Connector: the serviceUrl a bot replies to. */
  readonly connectorUrl: string;
  readonly world: World;
  /** Console output and the playground's own log file (for failure reports). */
  logs(): Promise<string>;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** Where the playground delivers activities, e.g. http://127.0.0.1:1234/api/messages. */
  botEndpoint: string;
  world: World;
  startTimeoutMs?: number;
}

/** A port that was free a moment ago (the playground takes a port number, not 0). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPong(url: string, process: RunningProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(2_000) });
      const text = await response.text();
      if (response.ok && text.trim() === 'pong') return;
      lastError = `HTTP ${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`playground: no pong from ${url}/_debug/ping within ${timeoutMs} ms (${lastError})\n${process.stdout().slice(-3000)}\n${process.stderr().slice(-3000)}`);
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const { path: folder, binDir: shims, configPath, logFile } = await preparePlaygroundFolder(options.world);

  const requestedPort = await freeLoopbackPort();
  const child = spawnProjectNode(
    [PLAYGROUND_CLI, 'start', '--disable-telemetry', '-c', 'msteams', '-e', options.botEndpoint, '-p', String(requestedPort)],
    {
      PATH: `${shims}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
  );
  const stopChild = async (): Promise<void> => {
    await child.stop('SIGTERM', 5_000);
    await rm(folder, { recursive: true, force: true });
  };

  let port: number;
  try {
    const listening = await child.waitForLine((line) => /Listening on \d+/.test(line), options.startTimeoutMs ?? PROCESS_START_GUARD_MS);
    port = Number(/Listening on (\d+)/.exec(listening)?.[1]);
    await waitForPong(`http://127.0.0.1:${port}`, child, options.startTimeoutMs ?? PROCESS_START_GUARD_MS);
  } catch (error) {
    await stopChild();
    throw error;
  }

  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    connectorUrl: `${url}/_connector`,
    world: options.world,
    async logs() {
      const file = await readFile(logFile, 'utf8').catch(() => '');
      return `--- playground stdout ---\n${child.stdout().slice(-6000)}\n--- playground stderr ---\n${child.stderr().slice(-3000)}\n--- playground log file ---\n${file.slice(-6000)}`;
    },
    stop: stopChild,
  };
}
