// A diagnosis worker for tests, driven by the paste's first line, that speaks the pool's protocol:
//   "spin <ms>"    busy-loops for that long (the event loop of this thread is held), then diagnoses the rest
//   "spin forever" never answers (a pattern that never ends)
//   "throw"        the pipeline throws (the worker goes on)
//   "crash"        an uncaught exception ends the thread
//   anything else  diagnosed by the real pipeline
// Every answer carries the thread id in its log fields, so tests can tell which worker answered.
import { parentPort, threadId } from 'node:worker_threads';
import { diagnosePaste } from '#src/workers/paste-diagnosis.ts';
import { isPasteJob } from '#src/workers/protocol.ts';
import type { WorkerMessage } from '#src/workers/protocol.ts';

function send(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Held on purpose, like a backtracking pattern.
  }
}

parentPort?.on('message', (job: unknown) => {
  if (!isPasteJob(job)) return;
  const [command = '', ...rest] = job.paste.split('\n');
  if (command === 'crash') throw new Error('scripted crash');
  if (command === 'throw') {
    send({ kind: 'failed', id: job.id });
    return;
  }
  if (command === 'spin forever') for (;;) spin(1_000);
  const spinning = /^spin (\d+)$/.exec(command);
  if (spinning) spin(Number(spinning[1]));
  const result = diagnosePaste(spinning ? rest.join('\n') : job.paste);
  send({ kind: 'diagnosed', id: job.id, result: { ...result, log: { ...result.log, threadId } } });
});

send({ kind: 'ready' });
