// Starts the real bot (`node src/main.ts`) as a separate process, waits until it serves /healthz, captures
// its output, and stops it. The environment is built from scratch: nothing of the test runner's leaks in.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROJECT_NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');

/**
 * How long a started process may take to print the line a test waits for. Only a guard against a hang: an exit
 * ends the wait at once, and a machine loaded far beyond its cores can take several seconds to start Node.
 */
export const PROCESS_START_GUARD_MS = 60_000;

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first output line (stdout or stderr) matching the predicate. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<ExitResult>;
  /** Sends the signal and waits for the exit (SIGKILL after timeoutMs). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitResult>;
}

export interface BotProcess extends RunningProcess {
  readonly url: string;
  readonly port: number;
  /** Parsed JSON log lines of stdout (non-JSON lines skipped). */
  logLines(): Record<string, unknown>[];
}

/** Variables a test process passes on: enough to run Node, nothing that configures the bot. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT', 'NODE_EXTRA_CA_CERTS']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Spawns `node_modules/.bin/node <args>` in the project root and captures its output. */
export function spawnProjectNode(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(PROJECT_NODE, args, { cwd: PROJECT_ROOT, env: { ...baseEnvironment(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lineWaiters: { predicate: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const lines: string[] = [];
  const onText = (chunk: string, partial: { rest: string }): void => {
    const text = partial.rest + chunk;
    const parts = text.split('\n');
    partial.rest = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...lineWaiters]) {
        if (waiter.predicate(line)) {
          lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  const outPartial = { rest: '' };
  const errPartial = { rest: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onText(chunk, outPartial);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    onText(chunk, errPartial);
  });
  const exited = new Promise<ExitResult>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitedAlready = false;
  void exited.then(() => {
    exitedAlready = true;
  });

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForLine(predicate, timeoutMs = PROCESS_START_GUARD_MS) {
      const found = lines.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
          reject(new Error(`process: no matching output line within ${timeoutMs} ms\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`));
        }, timeoutMs);
        const waiter = {
          predicate,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        lineWaiters.push(waiter);
        void exited.then((result) => {
          if (lineWaiters.includes(waiter)) {
            lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
            clearTimeout(timer);
            reject(new Error(`process exited (${JSON.stringify(result)}) before the expected output\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`));
          }
        });
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (exitedAlready) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function parseJsonLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Defaults for a test bot: random loopback port, no playground, in-memory state, info logs. */
export const TEST_BOT_ENV: Readonly<Record<string, string>> = {
  // A developer's .env must not leak into the tests.
  ENV_FILE: 'none',
  PORT: '0',
  HOST: '127.0.0.1',
  DEMO_PLAYGROUND: '0',
  STATE_STORE: 'memory',
  LOG_LEVEL: 'info',
  // The suites send many messages as one user within seconds; the rate-limit tests set the real limit.
  RATE_LIMIT_MESSAGES_PER_MINUTE: '100000',
  RATE_LIMIT_BURST: '100000',
};

/** Starts `node src/main.ts` with TEST_BOT_ENV + env, and waits until /healthz answers. */
export async function startBotProcess(env: Record<string, string> = {}): Promise<BotProcess> {
  const running = spawnProjectNode(['src/main.ts'], { ...TEST_BOT_ENV, ...env });
  let port: number;
  try {
    const line = await running.waitForLine((candidate) => parseJsonLine(candidate)?.msg === 'http server listening');
    const parsed = parseJsonLine(line);
    port = typeof parsed?.port === 'number' ? parsed.port : NaN;
    if (!Number.isInteger(port)) throw new Error(`bot process: no port in ${line}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (health.status !== 200) throw new Error(`bot process: /healthz answered ${health.status}`);
  } catch (error) {
    await running.stop('SIGKILL');
    throw error;
  }
  return {
    ...running,
    url: `http://127.0.0.1:${port}`,
    port,
    logLines: () =>
      running
        .stdout()
        .split('\n')
        .map(parseJsonLine)
        .filter((line): line is Record<string, unknown> => line !== null),
  };
}
