/**
 * Another process's memory, read from outside as an operator would see it: `VmRSS` and `VmHWM`
 * of /proc/<pid>/status (proc(5)). Sampling from the benchmark process keeps the sampler off the
 * measured process's event loop, so a busy server cannot delay its own samples. Linux only.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ProcMemory {
  /** Resident set size now, bytes. */
  rss: number;
  /** The kernel's high-water mark of the RSS since start or the last {@link resetPeakRss}, bytes. */
  hwm: number;
}

/** Reads VmRSS and VmHWM (the kernel reports kB). Throws when the process is gone. */
export function readProcMemory(pid: number): ProcMemory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/**
 * Resets the process's VmHWM to its current RSS (writing 5 to clear_refs, Linux ≥ 4.0), so the
 * next read is the peak of what came after: the import's peak, not Next's start-up peak. Needs
 * the right to write the process's clear_refs (same user, or root). Returns false when refused.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** One stretch of a process's life (e.g. the import): the largest sample and the kernel's peak. */
export interface MemorySpan {
  /** Largest VmRSS sampled. */
  sampledPeak: number;
  /** VmHWM at the end of the span: the true peak if the reset at its start worked, else since start. */
  hwm: number;
  /** Whether VmHWM was reset at the span's start (else `hwm` may be older than the span). */
  hwmReset: boolean;
  samples: number;
  /** Longest gap between two samples, ms. */
  maxGapMs: number;
  /** VmRSS at the span's end. */
  endRss: number;
}

export interface MemorySampler {
  /** Ends the current span (returning it) and starts the next one; resets VmHWM. */
  nextSpan(): MemorySpan;
  /** Ends the current span and stops sampling. */
  stop(): MemorySpan;
  /** Stops sampling without reading (the process may be gone); safe to call more than once. */
  dispose(): void;
}

/**
 * Samples VmRSS every `periodMs` in spans; each span starts with a VmHWM reset so that its
 * `hwm` is that span's own peak, which sampling cannot miss.
 * @param periodMs @default 50
 */
export function sampleProcMemory(pid: number, periodMs = 50): MemorySampler {
  let span = { sampledPeak: 0, samples: 0, maxGapMs: 0, last: 0, hwmReset: false, endRss: 0 };
  const begin = () => {
    const hwmReset = resetPeakRss(pid);
    const { rss } = readProcMemory(pid);
    span = { sampledPeak: rss, samples: 1, maxGapMs: 0, last: performance.now(), hwmReset, endRss: rss };
  };
  const sample = () => {
    let rss: number;
    try {
      rss = readProcMemory(pid).rss;
    } catch {
      return; // gone: the span ends with what it saw
    }
    const now = performance.now();
    span.maxGapMs = Math.max(span.maxGapMs, now - span.last);
    span.last = now;
    span.samples++;
    span.sampledPeak = Math.max(span.sampledPeak, rss);
    span.endRss = rss;
  };
  const end = (): MemorySpan => {
    sample();
    const { hwm } = readProcMemory(pid);
    return {
      sampledPeak: span.sampledPeak,
      hwm,
      hwmReset: span.hwmReset,
      samples: span.samples,
      maxGapMs: span.maxGapMs,
      endRss: span.endRss,
    };
  };
  begin();
  const timer = setInterval(sample, periodMs);
  return {
    nextSpan() {
      const ended = end();
      begin();
      return ended;
    },
    stop() {
      clearInterval(timer);
      return end();
    },
    dispose() {
      clearInterval(timer);
    },
  };
}
