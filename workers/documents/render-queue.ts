// The documents waiting for a print, taken off in batches, one batch per free page.
//
// Documents requested close together (the tasks of one fetch, or calls within a few milliseconds)
// wait a short window for companions and are printed together. A failed batch is retried one
// document at a time so one bad document cannot fail its companions.
import type { BrowserPool, Slot } from './browser-pool.js';
import type { BatchPrinter, PrintJob } from './print-batch.js';
import { DocumentError, RendererClosedError } from './render-errors.js';

export interface RenderQueueOptions {
  /** How long the first queued document waits for companions before its print starts. */
  windowMs: number;
  /** Most documents in one print. */
  maxBatch: number;
  /** Most documents waiting; beyond it new documents are refused. */
  maxQueued: number;
  pool: BrowserPool;
  print: BatchPrinter;
}

/** A document for the queue: `alone` prints it in a print of its own. */
export type QueuedDocument = Omit<PrintJob, 'resolve' | 'reject'> & { alone: boolean };

interface Job extends PrintJob {
  at: number;
  /** Print this one alone (isolated, or it failed in a batch). */
  alone: boolean;
}

export interface RenderQueue {
  /** Why a new document would be refused now (closed, or full), or null. */
  refusal(): Error | null;
  /** Queues a document; resolves with its standalone PDF. */
  add(document: QueuedDocument): Promise<Buffer>;
  /** Whether close() has been called. */
  closed(): boolean;
  /** Refuses new documents and resolves once the accepted ones are finished. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRenderQueue({ windowMs, maxBatch, maxQueued, pool, print }: RenderQueueOptions): RenderQueue {
  const queue: Job[] = [];
  let inflight = 0;
  let closed = false;
  let pumping = false;
  const idleWaiters: (() => void)[] = [];

  function wakeIdleWaiters(): void {
    if (queue.length === 0 && inflight === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  async function runBatch(slot: Slot, jobs: Job[]): Promise<void> {
    inflight++;
    try {
      await print(slot, jobs);
    } catch (error) {
      if (jobs.length > 1 && !(error instanceof DocumentError)) {
        // Print each alone once, so that one document that breaks the print fails alone.
        for (const job of jobs.reverse()) queue.unshift({ ...job, alone: true });
      } else {
        jobs.forEach((j) => j.reject(error));
      }
    } finally {
      inflight--;
      void pump();
      wakeIdleWaiters();
    }
  }

  /** Takes batches off the queue while there is work, one per free page. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const wait = windowMs - (Date.now() - queue[0]!.at);
        if (wait > 0 && queue.length < maxBatch && !queue[0]!.alone) {
          await sleep(wait);
          continue;
        }
        let slot: Slot;
        try {
          slot = await pool.acquire();
        } catch (error) {
          // The browser cannot start: fail what waits rather than spin.
          queue.splice(0).forEach((j) => j.reject(error));
          break;
        }
        if (queue.length === 0) {
          pool.release(slot, true);
          break;
        }
        const freePages = 1 + pool.idlePages();
        const size = queue[0]!.alone ? 1 : Math.min(maxBatch, Math.ceil(queue.length / freePages));
        const jobs: Job[] = [];
        while (jobs.length < size && queue.length > 0 && !(jobs.length > 0 && queue[0]!.alone)) jobs.push(queue.shift()!);
        void runBatch(slot, jobs);
      }
    } finally {
      pumping = false;
      wakeIdleWaiters();
    }
  }

  return {
    refusal() {
      if (closed) return new RendererClosedError('renderer is closed');
      if (queue.length >= maxQueued) return new Error(`renderer queue is full (${maxQueued} documents)`);
      return null;
    },

    add(document) {
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ ...document, at: Date.now(), resolve, reject });
        void pump();
      });
    },

    closed: () => closed,

    async close() {
      closed = true;
      if (queue.length > 0 || inflight > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
