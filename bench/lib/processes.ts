// Child processes of the benchmark (bots): spawned with the project's Node, their output written to a log
// file — not to a pipe, because on Linux a child's writes to a stdout pipe are synchronous, so a busy
// benchmark reading that pipe slowly would stall the bot it measures. Every child is registered, so that
// stopAll() — and, as a last resort, process exit — kills it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROJECT_NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');

const EXIT_WITH_PARENT = pathToFileURL(join(PROJECT_ROOT, 'bench', 'lib', 'exit-with-parent.ts')).href;
const TAIL_LINES = 40;
const POLL_MS = 50;

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Where its stdout and stderr go. */
  readonly logPath: string;
  /** Resolves with the first output line that the predicate accepts (polls the log file). */
  waitForLine(predicate: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Output lines written since the previous call (the first call: since the start). */
  newLines(): Promise<string[]>;
  /** The last output lines, for error messages. */
  tail(): Promise<string>;
  readonly exited: boolean;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Enough of the environment to run Node; nothing of the caller's configuration leaks into a bot. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

async function readFrom(path: string, offset: number): Promise<{ text: string; end: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= offset) return { text: '', end: offset };
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    // Only whole lines: a line still being written is read next time.
    const lastNewline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (lastNewline < 0) return { text: '', end: offset };
    return { text: buffer.subarray(0, lastNewline + 1).toString('utf8'), end: offset + lastNewline + 1 };
  } finally {
    await handle.close();
  }
}

function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

export function spawnNode(name: string, args: string[], env: Record<string, string>, logPath: string): ManagedProcess {
  const fd = openSync(logPath, 'w');
  let child: ChildProcess;
  try {
    // stdin stays a pipe, watched by the preloaded guard: the child exits when the benchmark does.
    child = spawn(PROJECT_NODE, ['--import', EXIT_WITH_PARENT, ...args], { cwd: PROJECT_ROOT, env: { ...baseEnvironment(), ...env }, stdio: ['pipe', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not spawn ${PROJECT_NODE}`);
  running.add(child);
  let exited = false;
  let exitInfo = '';
  const exitWaiters: (() => void)[] = [];
  child.once('exit', (code, signal) => {
    exited = true;
    exitInfo = `exit code ${String(code)}, signal ${String(signal)}`;
    running.delete(child);
    for (const notify of exitWaiters.splice(0)) notify();
  });
  let readOffset = 0;

  const tail = async (): Promise<string> => {
    const text = await readFile(logPath, 'utf8').catch(() => '');
    return linesOf(text).slice(-TAIL_LINES).join('\n');
  };

  return {
    name,
    pid,
    logPath,
    get exited() {
      return exited;
    },
    tail,
    async newLines() {
      const { text, end } = await readFrom(logPath, readOffset);
      readOffset = end;
      return linesOf(text);
    },
    async waitForLine(predicate, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      let offset = 0;
      for (;;) {
        const { text, end } = await readFrom(logPath, offset);
        offset = end;
        const found = linesOf(text).find(predicate);
        if (found !== undefined) return found;
        if (exited) throw new Error(`${name}: exited (${exitInfo}) before the expected output\n--- last output ---\n${await tail()}`);
        if (performance.now() > deadline) throw new Error(`${name}: no expected output within ${timeoutMs} ms\n--- last output ---\n${await tail()}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    async stop(graceMs = 5000) {
      if (exited) return;
      const gone = new Promise<void>((resolve) => exitWaiters.push(resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Kills every child still running (SIGTERM, SIGKILL after the grace period). */
export async function stopAll(graceMs = 5000): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
        }),
    ),
  );
}

// Last resort when the benchmark exits without reaching its cleanup (an exception, process.exit):
// no bot is left behind listening.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

// Interrupted (Ctrl-C, a CI timeout): stop the bots, then exit — which also runs the 'exit' cleanups.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the benchmark's processes\n`);
    void stopAll(1000).finally(() => process.exit(130));
  });
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat (Linux, 100 ticks/s). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (Linux). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
