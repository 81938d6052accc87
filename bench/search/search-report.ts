import type { MachineFacts } from '../sync/machine-facts.ts';
import type { QueryMeasurement } from './measure-queries.ts';
import type { SeededStore } from './seed-store.ts';

/** Issue 9's targets on 100k messages; opening a message: issue 10 (server part of click-to-text). */
export const TARGETS = { firstPageP95Ms: 15, searchP95Ms: 100, openMessageP95Ms: 100 };

export interface SearchBenchReport {
  machine: MachineFacts;
  messages: number;
  store: SeededStore;
  seedMs: number;
  indexMs: number;
  indexing: { indexed: number; batches: number; left: number };
  measurements: QueryMeasurement[];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The benchmark's table: machine, store, indexing time, then p50/p95 per query kind with pass/miss. */
export function formatSearchReport(r: SearchBenchReport): string {
  const m = r.machine;
  const lines = [
    '',
    '# bench:search',
    `machine: ${m.cpuModel}, ${m.nproc} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${m.node}, PostgreSQL ${m.postgres}, ` +
      `load ${m.load.map((l) => l.toFixed(2)).join(' ')} (${m.date})`,
    `store: ${r.messages} messages; viewer's folders ${r.store.viewerFolders.map((f) => `${f.path} ${f.messages}`).join(', ')}; ` +
      `another user's ${r.store.otherMessages}`,
    `seeding: ${(r.seedMs / 1000).toFixed(1)} s`,
    `indexing: ${(r.indexMs / 1000).toFixed(1)} s (${r.indexing.indexed} messages, ${r.indexing.batches} batches of the search-document UPDATE, ` +
      `${Math.round(r.indexing.indexed / (r.indexMs / 1000))} msg/s, ${r.indexing.left} left)`,
    '',
    '| query | n | p50 | p95 | max | target p95 | |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const q of r.measurements) {
    const target = q.name.startsWith('first page')
      ? TARGETS.firstPageP95Ms
      : q.name.startsWith('open a message')
        ? TARGETS.openMessageP95Ms
        : TARGETS.searchP95Ms;
    const s = q.summary;
    lines.push(
      `| ${q.name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ≤ ${target} ms | ${s.p95 <= target ? 'pass' : 'MISS'} |`,
    );
  }
  lines.push('', 'each query (rows on the first page; n, p50, p95):');
  for (const q of r.measurements) {
    lines.push(`  ${q.name}:`);
    q.queries.forEach((text, i) => {
      const s = q.perQuery[i]!;
      lines.push(`    ${text}: ${q.rows[i]} rows; n ${s.n}, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`);
    });
  }
  return lines.join('\n');
}
