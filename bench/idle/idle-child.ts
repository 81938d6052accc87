/**
 * What both sides of bench:idle share: running a measuring child (bundled, with --expose-gc) and
 * reading a process's memory and IMAP connections the same way.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchMailbox } from '../sync/bench-imap.ts';

const RESULT_PREFIX = 'BENCH_IDLE_RESULT ';
/** The path of the spec file (JSON). */
export const SPEC_ENV = 'BENCH_IDLE_SPEC';
/** 200 accounts go live in well under a minute on 2 cores; this only ends a hung run. @default 10 min */
const CHILD_TIMEOUT_MS = 10 * 60_000;

export interface IdleSpec {
  mailboxes: BenchMailbox[];
  /** Account counts at which memory is measured, ascending; the first is 0 (the baseline). */
  stages: number[];
  /** Write a heap snapshot at the last stage into this directory (for finding where memory goes). */
  heapSnapshotDir?: string;
}

/** One measurement after a full GC. */
export interface MemoryPoint {
  accounts: number;
  rss: number;
  heapUsed: number;
  /** Memory of C++ objects bound to JS (TLS sockets, zlib) plus Buffers. */
  external: number;
  arrayBuffers: number;
  /** Established TCP connections of this process to the IMAPS port. */
  imapConnections: number;
  /** ms from starting this stage's accounts until all were live (idling). */
  liveAfterMs: number;
}

export interface IdleResult {
  points: MemoryPoint[];
  heapSnapshot?: string;
  /** Sync log lines (errors, reconnects) seen while measuring: a clean run has none. */
  logLines: number;
  firstLog?: string;
}

/** Bundles `entry` as the product is bundled (scripts/bundle-server.mjs) and runs it with --expose-gc. */
export async function runIdleChild(entry: string, name: string, spec: IdleSpec): Promise<IdleResult> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const outdir = path.join(root, '.bench-data', 'bench-build');
  const { bundleServer } = await import('../../scripts/bundle-server.mjs');
  await bundleServer({ entries: { [name]: entry }, outdir });
  // A file, not the variable itself: 200 mailboxes with their certificate exceed the kernel's limit on one variable.
  const specFile = path.join(outdir, `${name}.spec.json`);
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--expose-gc', path.join(outdir, `${name}.mjs`)], {
    cwd: root,
    env: { ...process.env, [SPEC_ENV]: specFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    process.stderr.write(d);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line)
    throw new Error(`${name} exited with ${code}: ${(err || out).trim().split('\n').slice(-6).join(' | ')}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as IdleResult;
}

/** The child's side: reads the spec, runs `measure`, prints the result line, exits. */
export function childMain(measure: (spec: IdleSpec) => Promise<IdleResult>): void {
  const specFile = process.env[SPEC_ENV];
  if (!specFile) throw new Error(`${SPEC_ENV} is not set: run through run-idle-bench.ts`);
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as IdleSpec;
  measure(spec).then(
    (result) => {
      console.log(RESULT_PREFIX + JSON.stringify(result));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * Memory after full collections. Two passes with a turn of the event loop between them: the
 * first frees objects whose finalizers (weak callbacks, FinalizationRegistry) then run and let
 * go of more.
 */
export async function memoryAfterGc(): Promise<Pick<MemoryPoint, 'rss' | 'heapUsed' | 'external' | 'arrayBuffers'>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let pass = 0; pass < 3; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

/**
 * This process's established TCP connections to `port` (IPv4): its socket inodes from
 * /proc/self/fd, matched against /proc/net/tcp (state 01 = ESTABLISHED).
 */
export function countConnections(port: number): number {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed meanwhile (the directory listing's own fd is one)
    }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]!);
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    if (f[2]!.endsWith(`:${hexPort}`) && f[3] === '01' && inodes.has(f[9]!)) n++;
  }
  return n;
}

/** Polls `ready` until true; the deadline only ends a hung run (STYLE.md rule 19). */
export async function until(ready: () => boolean | Promise<boolean>, what: string, timeoutMs = 5 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
