import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { TEST_POSTGRES_URL } from '../../e2e/support/test-database.ts';

const run = promisify(execFile);

export interface MachineFacts {
  date: string;
  nproc: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  dovecot: string;
  postgres: string;
  /** The CPU flag `aes` (AES-NI): without it TLS's default AES-GCM costs the IMAPS floor 2–3×. */
  aesNi: boolean;
  /** 1/5/15-minute load averages at the start: the machine is shared. */
  load: number[];
}

export async function machineFacts(): Promise<MachineFacts> {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const nproc = await run('nproc').then(
    ({ stdout }) => Number(stdout.trim()),
    () => os.availableParallelism(),
  );
  const dovecot = await run('dovecot', ['--version']).then(
    ({ stdout }) => stdout.trim(),
    () => 'unknown',
  );
  const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  let pg = 'unknown';
  try {
    const [row] = await sql<Array<{ server_version: string }>>`show server_version`;
    pg = row?.server_version ?? pg;
  } catch {
    // reported as unknown; the import will say more
  } finally {
    await sql.end();
  }
  return {
    date: new Date().toISOString(),
    nproc,
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    dovecot,
    postgres: pg,
    aesNi: /^flags\s*:.*\baes\b/m.test(cpuinfo),
    load: os.loadavg(),
  };
}
