// The runner id of this process (FailoverServiceDeps.instanceId) for the embedded SQLite store.
//
// A restarted bot resumes a running failover at once only if it comes back under the id that holds the
// claim; with a new id it waits for the claim's lease to run out. But two live processes must never share
// an id. So the id is stable per host and database file, and a small lock file next to the database
// (holding the pid) says whether a live process already uses it: the first process takes it (or takes it
// over from a dead one), any other live process gets a random id of its own.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

export interface RunnerIdentity {
  id: string;
  /** Whether this process holds the stable id (and its lock file). */
  stable: boolean;
  /** Frees the lock file (on a clean stop). */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderPid(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function sqliteRunnerIdentity(databasePath: string): RunnerIdentity {
  const path = resolve(databasePath);
  const lockPath = `${path}.runner-lock`;
  const stableId = `runner-${hostname()}-${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        id: stableId,
        stable: true,
        release: () => {
          if (holderPid(lockPath) === process.pid) {
            try {
              unlinkSync(lockPath);
            } catch {
              // Already gone: nothing to free.
            }
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break;
      const pid = holderPid(lockPath);
      // A live other process holds it: this one runs under its own id.
      if (pid !== null && pid !== process.pid && isAlive(pid)) break;
      try {
        unlinkSync(lockPath);
      } catch {
        // Someone else removed it first; the next attempt decides.
      }
    }
  }
  return { id: `runner-${randomUUID()}`, stable: false, release: () => undefined };
}
