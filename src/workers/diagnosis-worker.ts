// A diagnosis worker thread: reads pastes with the pure pipeline, one at a time. It loads the diagnosis core
// and nothing else. A paste that takes too long is not interrupted here (a running regular expression cannot
// be): the pool terminates the whole thread and starts another.
import { parentPort } from 'node:worker_threads';
import { isPasteJob } from './protocol.ts';
import type { WorkerMessage } from './protocol.ts';
import { diagnosePaste } from './paste-diagnosis.ts';

/** Compiles the patterns and loads the catalogue before the first real paste. */
const WARM_UP = '500001 ServerError HostName=contoso.azure-devices.net;DeviceId=d1;SharedAccessKey=x\nCONNACK 5 amqp:unauthorized-access';

const port = parentPort;
if (port === null) throw new Error('diagnosis-worker.ts runs as a worker thread (see diagnosis-pool.ts)');

function send(message: WorkerMessage): void {
  port?.postMessage(message);
}

port.on('message', (job: unknown) => {
  if (!isPasteJob(job)) return;
  try {
    send({ kind: 'diagnosed', id: job.id, result: diagnosePaste(job.paste) });
  } catch {
    // The error may quote the paste: only the fact crosses back.
    send({ kind: 'failed', id: job.id });
  }
});

diagnosePaste(WARM_UP);
send({ kind: 'ready' });
