import type { IdleResult, MemoryPoint } from './idle-child.ts';

/** Issue 9: idle memory per live account. Bare imapflow over TLS is ≈ 140 KB. */
export const TARGET_BYTES_PER_ACCOUNT = 300 * 1024;

export interface IdleReport {
  accounts: number;
  messagesPerAccount: number;
  uids: number;
  load: number[];
  product?: IdleResult;
  peer?: IdleResult;
  errors: string[];
}

/** Per-account figures of one side: over the baseline, and the slope of the last stage (no one-time costs). */
export function perAccount(points: MemoryPoint[]) {
  const base = points[0]!;
  const last = points.at(-1)!;
  const before = points.at(-2)!;
  const n = Math.max(1, last.accounts - base.accounts);
  const step = Math.max(1, last.accounts - before.accounts);
  return {
    accounts: last.accounts,
    rss: (last.rss - base.rss) / n,
    rssSlope: (last.rss - before.rss) / step,
    heap: (last.heapUsed - base.heapUsed) / n,
    external: (last.external - base.external) / n,
    connections: last.imapConnections / n,
    baseRss: base.rss,
    rssN: last.rss,
    liveMs: points.slice(1).reduce((sum, p) => sum + p.liveAfterMs, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export function formatIdleReport(report: IdleReport): string {
  const lines = [
    `bench:idle — ${report.accounts} accounts, ${report.messagesPerAccount} messages each, spread over ${report.uids} Dovecot uids; load ${report.load.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    '| side | IMAP conns/account | RSS 0 → N | RSS/account | RSS/account, last stage | heap/account | external/account | all live in | target |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, result] of [
    ['product (sync supervisor)', report.product],
    ['bare imapflow, TLS, IDLE', report.peer],
  ] as const) {
    if (!result) continue;
    const a = perAccount(result.points);
    const target = name.startsWith('product') ? (a.rss <= TARGET_BYTES_PER_ACCOUNT ? 'met' : 'MISSED') : '';
    lines.push(
      `| ${name} | ${a.connections.toFixed(2)} | ${mib(a.baseRss)} → ${mib(a.rssN)} | ${kb(a.rss)} | ${kb(a.rssSlope)} | ${kb(a.heap)} | ${kb(a.external)} | ${(a.liveMs / 1000).toFixed(1)} s | ${target} |`,
    );
  }
  lines.push('', `Target: ≤ ${kb(TARGET_BYTES_PER_ACCOUNT)} RSS per live account ((RSS_N − RSS_0) / N, both after a full GC).`);
  lines.push('"last stage" is (RSS_N − RSS_N/2) / (N/2): without the one-time cost of the first connections.');
  for (const [name, result] of [
    ['product', report.product],
    ['peer', report.peer],
  ] as const) {
    if (result?.logLines) lines.push(`${name}: ${result.logLines} log lines while measuring, first: ${result.firstLog}`);
    if (result?.heapSnapshot) lines.push(`${name}: heap snapshot ${result.heapSnapshot}`);
  }
  for (const error of report.errors) lines.push(`error: ${error}`);
  return lines.join('\n');
}
