import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../../scripts/bundle-server.mjs';
import { serverNodeFlags } from '../../scripts/server-node-flags.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A free loopback port (bind 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The command `npm start` runs (scripts/start.sh), without npm in between (npm does not forward SIGTERM). */
export function serverCommand(): string[] {
  return [process.execPath, ...serverNodeFlags(), 'dist/server.mjs'];
}

let bundled: Promise<void> | undefined;

/**
 * Bundles the server from the current sources, as `npm start` does, once per test process: a
 * test never runs a stale dist/, and two apps started together do not write it at once.
 */
export function bundleServerOnce(): Promise<void> {
  bundled ??= bundleServer({ entries: { server: 'server.ts' }, outdir: path.join(root, 'dist') });
  return bundled;
}

/** Runs the server as a child process until it prints its URL (needs a `next build`). */
export async function startAppProcess(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<AppProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  await bundleServerOnce();
  const [cmd, ...args] = serverCommand();
  const child = spawn(cmd!, args, {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      if (/ on http:\/\//.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the server expecting it to fail at start; resolves with its exit code and output. */
export async function runAppExpectingFailure(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  await bundleServerOnce();
  const [cmd, ...args] = serverCommand();
  const child = spawn(cmd!, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
