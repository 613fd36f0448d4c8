// A small pool of diagnosis worker threads, so that no paste can hold the bot's event loop: /healthz, other
// users' messages and card clicks are answered while a paste is read.
//
// Every paste has a budget, counted from the call (time spent waiting for a worker included), so the
// answer comes within it whatever the paste: the Diagnose message action must answer within Teams' 5 s.
// A paste still being read when its budget runs out is not interrupted (a running regular expression cannot
// be): its worker is terminated and another one started. A paste that finds every worker busy waits in a
// bounded queue; when the queue is full it is refused at once. Either way the caller gets an outcome that
// says the paste was not read, and tells the user.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { errorFields } from '../log.ts';
import type { NotReadReason, PasteDiagnoser, PasteDiagnosisOutcome } from './diagnoser.ts';
import { isWorkerMessage } from './protocol.ts';
import type { PasteJob, WorkerMessage } from './protocol.ts';

export const DIAGNOSIS_WORKER_URL = new URL('./diagnosis-worker.ts', import.meta.url);

/**
 * Enough for a burst of ordinary pastes from many conversations at once (each read in milliseconds), while
 * bounding what waiting pastes hold: at most 64 × 256 KB (the largest activity) = 16 MB. Nothing waits past
 * its budget anyway.
 */
const DEFAULT_MAX_QUEUED = 64;

/** A worker that dies before it is ready is started again after this pause, not in a tight loop. */
const RESTART_PAUSE_MS = 1_000;

export interface DiagnosisPoolOptions {
  /** Longest a paste may take, from the call to the answer (waiting for a worker included). */
  budgetMs: number;
  logger: Logger;
  /** Worker threads. Default: 2, or 1 on a single core. */
  size?: number;
  /** Pastes waiting for a worker, at most; past that a paste is refused at once. Default 64. */
  maxQueued?: number;
  /** The worker module (tests pass scripted workers). Default: diagnosis-worker.ts. */
  workerUrl?: URL;
  /** Heap of each worker, in MB: a paste that would need more fails rather than growing the process. */
  maxHeapMb?: number;
  /** How long the first workers may take to load the pipeline. */
  startTimeoutMs?: number;
}

export interface DiagnosisPoolStats {
  /** Worker threads alive: starting, idle or reading a paste. */
  workers: number;
  /** Workers that have loaded the pipeline (idle or reading a paste). */
  ready: number;
  /** Workers reading a paste. */
  busy: number;
  /** Pastes waiting for a worker. */
  queued: number;
  /** Worker threads started since the pool started, replacements included. */
  started: number;
}

export interface DiagnosisPool {
  /** Resolves within the budget (plus the event loop's own delay), never rejects. */
  readonly diagnose: PasteDiagnoser;
  readonly budgetMs: number;
  stats(): DiagnosisPoolStats;
  /** Terminates every worker now, without waiting for the pastes they read: those get 'busy'. */
  close(): Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  readonly threadId: number;
  ready: boolean;
  job: Job | null;
  /** Terminated by the pool (budget, close): its exit is expected. */
  retired: boolean;
  /** Settles the pool's start: ready, or exited first. */
  started: { resolve(): void; reject(error: Error): void };
}

interface Job {
  readonly id: number;
  readonly paste: string;
  slot: Slot | null;
  done: boolean;
  timer: NodeJS.Timeout | undefined;
  resolve(outcome: PasteDiagnosisOutcome): void;
}

class WorkerPool implements DiagnosisPool {
  readonly budgetMs: number;
  readonly diagnose: PasteDiagnoser = (paste) => this.submit(paste);
  private readonly log: Logger;
  private readonly maxQueued: number;
  private readonly workerUrl: URL;
  private readonly maxHeapMb: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly restarts = new Set<NodeJS.Timeout>();
  private closed = false;
  private nextJobId = 1;
  private startedCount = 0;

  constructor(options: DiagnosisPoolOptions) {
    this.budgetMs = options.budgetMs;
    this.log = options.logger.child({ component: 'diagnosis-pool' });
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.workerUrl = options.workerUrl ?? DIAGNOSIS_WORKER_URL;
    this.maxHeapMb = options.maxHeapMb ?? 256;
  }

  /** Starts `size` workers and resolves when all of them are ready. */
  async start(size: number, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ready = Array.from({ length: size }, () => new Promise<void>((resolve, reject) => this.spawn({ resolve, reject })));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the diagnosis workers did not start within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all(ready), timeout]);
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.log.info({ workers: size, budgetMs: this.budgetMs, maxQueued: this.maxQueued }, 'diagnosis workers ready');
  }

  stats(): DiagnosisPoolStats {
    const slots = [...this.slots];
    return {
      workers: slots.length,
      ready: slots.filter((slot) => slot.ready).length,
      busy: slots.filter((slot) => slot.job !== null).length,
      queued: this.queue.length,
      started: this.startedCount,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    for (const job of this.queue.splice(0)) this.settle(job, this.notRead('busy'));
    const stopping = [...this.slots].map((slot) => {
      if (slot.job) this.settle(slot.job, this.notRead('busy'));
      return this.retire(slot);
    });
    await Promise.all(stopping);
  }

  private submit(paste: string): Promise<PasteDiagnosisOutcome> {
    if (this.closed) return Promise.resolve(this.notRead('busy'));
    if (this.idleSlot() === undefined && this.queue.length >= this.maxQueued) {
      this.log.warn({ queued: this.queue.length, inputChars: paste.length }, 'paste not read: every diagnosis worker busy and the queue full');
      return Promise.resolve(this.notRead('busy'));
    }
    return new Promise((resolve) => {
      const job: Job = { id: this.nextJobId++, paste, slot: null, done: false, timer: undefined, resolve };
      job.timer = setTimeout(() => this.budgetSpent(job), this.budgetMs);
      this.queue.push(job);
      this.pump();
    });
  }

  private budgetSpent(job: Job): void {
    if (job.done) return;
    const slot = job.slot;
    if (slot === null) {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.log.warn({ budgetMs: this.budgetMs, inputChars: job.paste.length }, 'paste not read: no diagnosis worker free within the budget');
      this.settle(job, this.notRead('busy'));
      return;
    }
    // The only way to stop a regular expression that is still running: stop its thread.
    this.log.warn({ budgetMs: this.budgetMs, inputChars: job.paste.length, threadId: slot.threadId }, 'paste over the diagnosis budget: worker terminated, another one started');
    this.settle(job, this.notRead('over-budget'));
    void this.retire(slot);
    this.spawn();
  }

  private pump(): void {
    for (let slot = this.idleSlot(); slot !== undefined && this.queue.length > 0; slot = this.idleSlot()) {
      const job = this.queue.shift() as Job;
      job.slot = slot;
      slot.job = job;
      const message: PasteJob = { id: job.id, paste: job.paste };
      slot.worker.postMessage(message);
    }
  }

  private idleSlot(): Slot | undefined {
    for (const slot of this.slots) if (slot.ready && slot.job === null) return slot;
    return undefined;
  }

  private spawn(started: Slot['started'] = { resolve: () => undefined, reject: () => undefined }): void {
    const worker = new Worker(this.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    const slot: Slot = { worker, threadId: worker.threadId, ready: false, job: null, retired: false, started };
    this.slots.add(slot);
    this.startedCount += 1;
    worker.on('message', (message: unknown) => {
      if (isWorkerMessage(message)) this.onMessage(slot, message);
    });
    worker.on('error', (error) => this.log.error({ threadId: slot.threadId, ...errorFields(error, { withMessage: false }) }, 'diagnosis worker failed'));
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      slot.ready = true;
      slot.started.resolve();
      this.log.info({ threadId: slot.threadId, started: this.startedCount }, 'diagnosis worker started');
    } else {
      const job = slot.job;
      if (job === null || job.id !== message.id) return;
      slot.job = null;
      this.settle(job, message.kind === 'diagnosed' ? { kind: 'diagnosed', diagnosed: message.result } : this.notRead('failed'));
    }
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    if (slot.retired) return;
    this.slots.delete(slot);
    this.log.error({ threadId: slot.threadId, exitCode: code, wasReady: slot.ready, hadPaste: slot.job !== null }, 'diagnosis worker exited');
    if (slot.job) this.settle(slot.job, this.notRead('failed'));
    slot.job = null;
    slot.started.reject(new Error(`a diagnosis worker exited with code ${code} before it was ready`));
    if (this.closed) return;
    if (slot.ready) {
      this.spawn();
      return;
    }
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closed) this.spawn();
    }, RESTART_PAUSE_MS);
    this.restarts.add(timer);
  }

  private async retire(slot: Slot): Promise<void> {
    slot.retired = true;
    slot.job = null;
    this.slots.delete(slot);
    slot.started.reject(new Error('the diagnosis pool closed before this worker was ready'));
    await slot.worker.terminate();
  }

  private settle(job: Job, outcome: PasteDiagnosisOutcome): void {
    if (job.done) return;
    job.done = true;
    clearTimeout(job.timer);
    job.resolve(outcome);
  }

  private notRead(reason: NotReadReason): PasteDiagnosisOutcome {
    return { kind: 'not-read', reason, budgetMs: this.budgetMs };
  }
}

/** Starts the workers (all of them ready before it resolves); main.ts closes the pool at shutdown. */
export async function startDiagnosisPool(options: DiagnosisPoolOptions): Promise<DiagnosisPool> {
  if (!(options.budgetMs > 0)) throw new Error('diagnosis pool: budgetMs must be > 0');
  const size = options.size ?? Math.min(2, availableParallelism());
  if (!(size >= 1)) throw new Error('diagnosis pool: size must be >= 1');
  const pool = new WorkerPool(options);
  await pool.start(size, options.startTimeoutMs ?? 30_000);
  return pool;
}
