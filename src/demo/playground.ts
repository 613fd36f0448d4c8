// Demo mode: the Microsoft 365 Agents Playground (a local Teams look-alike, fully offline) as a child process
// pointed at our /api/messages. Headless: no browser is opened, no telemetry is sent.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.ts';
import { worldToYaml } from './playground-world.ts';
import type { World, WorldUser } from './playground-world.ts';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  port: number;
  logger: Logger;
  /** How long to wait for the playground to answer /_debug/ping. */
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  readonly url: string;
  stop(): Promise<void>;
}

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLAYGROUND_BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'agentsplayground');

// The demo's mock Teams world. Real GUIDs as Entra object ids, so they can be used in FAILOVER_APPROVERS.
function demoUser(index: number, givenName: string, surname: string): WorldUser {
  return {
    id: `user-id-${index}`,
    name: `${givenName} ${surname}`,
    aadObjectId: `7d2f4b1a-3c5e-4f60-9a8b-1c2d3e4f5a6${index}`,
    givenName,
    surname,
    email: `${givenName.toLowerCase()}${surname.charAt(0).toLowerCase()}@contoso.example`,
  };
}

/**
 * The demo's second engineer: with FAILOVER_APPROVERS empty, she approves the failovers requested in the demo
 * (src/demo/index.ts), so that one person at the browser sees the whole approval.
 */
export const DEMO_APPROVER: WorldUser = demoUser(1, 'Priya', 'Raman');

const DEMO_WORLD: World = {
  tenantId: '5c0a1f7e-9d2b-4e83-a6f1-0b7c2d9e4a51',
  bot: { id: '28:0b5e3c1d-7a9f-4c2e-8d16-3f4a5b6c7d8e', name: 'IoT Hub On-Call' },
  currentUser: demoUser(0, 'Alex', 'Wilber'),
  users: [DEMO_APPROVER, demoUser(2, 'Adele', 'Vance'), demoUser(3, 'Isaiah', 'Langer'), demoUser(4, 'Patti', 'Fernandez'), demoUser(5, 'Lynne', 'Robbins')],
  personalChatId: 'personal-chat-id',
  groupChat: { id: 'group-chat-id', name: 'IoT on-call' },
  team: { id: 'team-id', name: 'Platform', aadGroupId: '2e4c6a8b-0d1f-4a3b-9c5d-7e8f9a0b1c2d', channels: [{ id: 'channel-oncall-id', name: 'On-call' }] },
};

export interface PlaygroundFolder {
  readonly path: string;
  /** Goes first on the playground's PATH. */
  readonly binDir: string;
  readonly configPath: string;
  readonly logFile: string;
}

/** A new working folder for the playground: the config for `world`, and a no-op `xdg-open` in `bin`. */
export async function preparePlaygroundFolder(world: World): Promise<PlaygroundFolder> {
  const path = await mkdtemp(join(tmpdir(), 'iothub-oncall-playground-'));
  const binDir = join(path, 'bin');
  await mkdir(binDir);
  // The playground runs `xdg-open <url>` at start and exits if that fails: give it one that does nothing.
  const xdgOpen = join(binDir, 'xdg-open');
  await writeFile(xdgOpen, '#!/bin/sh\nexit 0\n');
  await chmod(xdgOpen, 0o755);
  const configPath = join(path, '.m365agentsplayground.yml');
  await writeFile(configPath, worldToYaml(world));
  return { path, binDir, configPath, logFile: join(path, 'playground.log') };
}

async function pingOnce(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(1000) });
    return response.ok && (await response.text()).trim() === 'pong';
  } catch {
    return false;
  }
}

export async function startAgentsPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const log = options.logger.child({ component: 'playground' });
  const { path: workDir, binDir, logFile } = await preparePlaygroundFolder(DEMO_WORLD);

  const args = ['start', '-c', 'msteams', '-e', options.botEndpoint, '-p', String(options.port), '--disable-telemetry'];
  const child = spawn(PLAYGROUND_BIN, args, {
    cwd: workDir,
    env: {
      // Our no-op xdg-open first, then the project's Node (the bin's shebang is `env node`).
      PATH: [binDir, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
      HOME: process.env.HOME ?? workDir,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      NO_PROXY: '127.0.0.1,localhost',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // The playground takes another port when the one asked for is busy, and says which: "Listening on N".
  let listeningPort: number | null = null;
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
    const announced = /Listening on (\d+)/.exec(output);
    if (announced?.[1] && listeningPort === null) listeningPort = Number(announced[1]);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      log.info({ code, signal }, 'agents playground exited');
      resolve();
    });
    child.once('error', (error) => {
      exited = true;
      log.error({ err: error }, 'agents playground could not start');
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    await rm(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (listeningPort === null || !(await pingOnce(`http://127.0.0.1:${listeningPort}`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`the Agents Playground did not start on port ${options.port}${exited ? ' (it exited)' : ''}: ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await sleep(250);
  }
  if (listeningPort !== options.port) log.warn({ asked: options.port, port: listeningPort }, 'port busy: the playground took another one');
  const url = `http://localhost:${listeningPort}`;
  log.info({ url, botEndpoint: options.botEndpoint }, 'agents playground ready');
  return { url, stop };
}
