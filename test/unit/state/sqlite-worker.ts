// Worker for sqlite-store.test.ts: its own DatabaseSync connection on the shared file.
import { parentPort, workerData } from 'node:worker_threads';
import { StoreConflictError } from '#src/core/store.ts';
import { updateDocument } from '#src/core/store.ts';
import { openSqliteStore } from '#src/state/sqlite-store.ts';

interface Job {
  path: string;
  mode: 'increment' | 'race';
  key: string;
  times: number;
  workers: number;
  barrier: SharedArrayBuffer;
}

const job = workerData as Job;
const store = openSqliteStore(job.path);
const arrived = new Int32Array(job.barrier);

async function main(): Promise<string> {
  if (job.mode === 'increment') {
    for (let i = 0; i < job.times; i++) await updateDocument<{ n: number }>(store, job.key, (current) => ({ n: (current?.n ?? 0) + 1 }));
    return 'done';
  }
  const item = await store.get<{ n: number; by?: number }>(job.key);
  if (!item) throw new Error('race key missing');
  // Everyone has read the same eTag before anyone writes.
  Atomics.add(arrived, 0, 1);
  while (Atomics.load(arrived, 0) < job.workers) Atomics.wait(arrived, 0, Atomics.load(arrived, 0), 5);
  try {
    await store.write(job.key, { n: item.value.n + 1 }, item.eTag);
    return 'won';
  } catch (error) {
    if (error instanceof StoreConflictError) return 'lost';
    throw error;
  }
}

main()
  .then((result) => parentPort?.postMessage(result))
  .finally(() => store.close());
