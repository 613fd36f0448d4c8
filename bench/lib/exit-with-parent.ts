// Preloaded (node --import) into every bot the benchmark starts. The benchmark holds the write end of the
// bot's stdin pipe; when the benchmark dies — even by SIGKILL, when no cleanup of its own can run — the
// pipe closes and the bot stops itself with SIGTERM, i.e. through its own graceful shutdown.
// Preloads run in worker threads too, whose stdin ends at once: only the main thread watches the pipe.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
}
