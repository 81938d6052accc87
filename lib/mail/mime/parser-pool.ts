import { Worker } from 'node:worker_threads';
import { parseMessage, type ParsedMessage } from './parse-message.ts';
import type { ParseRequest, ParseResponse } from './parse-worker.ts';

export interface ParserPool {
  /** Parses one raw message; never rejects for bad MIME (see parseMessage), only if the worker died. */
  parse(source: Uint8Array): Promise<ParsedMessage>;
  close(): Promise<void>;
}

export interface ParserPoolOptions {
  /**
   * Worker threads. 0 parses on the calling thread (simplest, but blocks the event loop ≈ 1 ms
   * per message). @default 2: the machines this runs on have two cores.
   */
  size?: number;
  /** Heap cap per worker, so one hostile message cannot take the process down. @default 512 */
  maxHeapMb?: number;
}

interface Job {
  id: number;
  source: Uint8Array;
  resolve: (message: ParsedMessage) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  jobs: Map<number, Job>;
}

/**
 * Jobs handed to one worker at a time: the second is already in its queue while the main thread
 * receives the first one's result, so the worker never waits for a round trip. @default 2
 */
const JOBS_PER_WORKER = 2;

/**
 * A fixed pool of mailparser worker threads fed from one queue. Workers start on first use and are re-created after a crash (the message in flight is
 * rejected, the sync stores it with a parse error and goes on).
 */
export function createParserPool(options: ParserPoolOptions = {}): ParserPool {
  const size = options.size ?? 2;
  if (size <= 0) return { parse: parseMessage, close: async () => {} };
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, jobs: new Map() }));
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (slot: Slot): Worker => {
    const worker = startParseWorker(options.maxHeapMb ?? 512);
    worker.on('message', (response: ParseResponse) => {
      const job = slot.jobs.get(response.id);
      if (!job) return;
      slot.jobs.delete(response.id);
      if (response.ok) job.resolve(response.message);
      else job.reject(new Error(response.error));
      dispatch();
    });
    const fail = (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      for (const job of slot.jobs.values()) job.reject(new Error(`the parser thread stopped: ${error.message}`));
      slot.jobs.clear();
      dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  };

  const dispatch = () => {
    // Round-robin, one job per worker per turn, so both workers get work before either gets two.
    for (let depth = 1; depth <= JOBS_PER_WORKER; depth++) {
      for (const slot of slots) {
        if (closed || slot.jobs.size >= depth || !queue.length) continue;
        const job = queue.shift()!;
        slot.worker ??= spawn(slot);
        slot.jobs.set(job.id, job);
        slot.worker.ref();
        // A copy we may transfer: imapflow's Buffer can be a slice of Node's shared pool.
        const source = new Uint8Array(job.source);
        slot.worker.postMessage({ id: job.id, source } satisfies ParseRequest, [source.buffer]);
      }
    }
    // Idle workers must not keep the process alive (a finished import script should exit).
    for (const slot of slots) if (!slot.jobs.size) slot.worker?.unref();
  };

  return {
    parse(source) {
      if (closed) return Promise.reject(new Error('the parser pool is closed'));
      return new Promise<ParsedMessage>((resolve, reject) => {
        queue.push({ id: nextId++, source, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the parser pool is closed'));
      await Promise.all(
        slots.map(async (slot) => {
          const worker = slot.worker;
          slot.worker = null;
          for (const job of slot.jobs.values()) job.reject(new Error('the parser pool is closed'));
          slot.jobs.clear();
          await worker?.terminate();
        }),
      );
    },
  };
}

/**
 * Starts parse-worker.ts, or from a bundle (scripts/bundle-server.mjs) the parse-worker.mjs
 * bundled beside it. Node 20 does not pass `--import tsx` loader hooks on to worker threads, so
 * when we run from TypeScript sources (tests, `npm run dev`) a tiny bootstrap registers tsx
 * inside the worker before importing the entry.
 */
function startParseWorker(maxHeapMb: number): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './parse-worker.ts' : './parse-worker.mjs', import.meta.url).href;
  const bootstrap = fromSources
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`
    : `import(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
}
