/** The printed result of a benchmark run: one table, each target with PASS or MISS. */
import type { MachineFacts } from './machine-facts.ts';
import type { FloorResult } from './measure-floor.ts';
import type { ImportOutcome, ImportResult } from './measure-import.ts';
import type { LatencyResult } from './measure-latency.ts';
import type { MbsyncResult } from './measure-mbsync.ts';
import type { ServerOutcome } from './measure-server.ts';
import type { MemorySpan } from './proc-memory.ts';
import type { SeedResult } from './seed-maildir.ts';

/** The issues' targets (issue 9 for the import ratios). */
export const TARGETS = {
  /** 180-day import wall time ≤ this × the floor's. */
  importRatio: 4,
  /** 180-day import wall time ≤ this × mbsync's (same mailbox, same run). */
  mbsyncRatio: 1,
  /** The product's peak RSS during the 180-day import, and at rest after it (issue 9). */
  peakRssBytes: 200 * 1024 * 1024,
  restRssBytes: 150 * 1024 * 1024,
  /** Bytes read from the server ≤ this × the sources stored (nothing fetched twice). */
  bytesRatio: 1.05,
  /** INBOX list complete ≤ this × the floor. */
  listRatio: 2,
  /** New-mail p95 ≤ Dovecot's `exists` p95 + this. */
  newMailExtraMs: 60,
};

/**
 * "Not growing with mailbox size", made checkable: RSS at 100 % of the 180-day import is within
 * max(16 MiB, 10 %) of RSS at 25 %, and the 180-day peak within max(32 MiB, 15 %) of the 30-day
 * peak (a mailbox six times smaller).
 */
function notGrowing(big: ImportResult, small: ImportResult | undefined): boolean {
  const at = (p: number) => big.rssByProgress.find((point) => point.progress === p)?.rss;
  const quarter = at(0.25);
  const end = at(1);
  const flatWithin = quarter !== undefined && end !== undefined && end - quarter <= Math.max(16 * MiB, quarter * 0.1);
  const flatAcross = !small || peakOf(big) - peakOf(small) <= Math.max(32 * MiB, peakOf(small) * 0.15);
  return flatWithin && flatAcross;
}

export interface BenchReport {
  facts: MachineFacts;
  seed?: SeedResult;
  floor180?: FloorResult;
  floor30?: FloorResult;
  /** 180 days over cleartext IMAP: reference only. */
  floorPlain?: FloorResult;
  /** The peer: mbsync pulling the same mailbox (the 180-day window), fastest pass. */
  mbsync?: MbsyncResult;
  mbsyncPassesMs?: number[];
  import180?: ImportOutcome;
  import30?: ImportOutcome;
  /** The product server itself, the 180-day window connected through GraphQL (measure-server.ts). */
  server180?: ServerOutcome;
  latency?: LatencyResult;
  errors: string[];
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const num = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (messages: number, ms: number) => `${num(Math.round(messages / (ms / 1000)))} msg/s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
/** The judged peak: the kernel's high-water mark, which sampling cannot miss. */
const peakOf = (r: ImportResult) => Math.max(r.peakRss, r.maxRss);

export function formatReport(r: BenchReport): string {
  const rows: Array<[string, string, string, string]> = [];
  const row = (what: string, value: string, target = '', result = '') => rows.push([what, value, target, result]);
  const lines: string[] = [];
  const f = r.facts;
  lines.push(`CRM Inbox sync benchmark, ${f.date}`);
  lines.push(
    `machine: nproc ${f.nproc}, ${f.cpuModel}, ${(f.memoryBytes / 1024 ** 3).toFixed(1)} GiB RAM, Node ${f.node}, Dovecot ${f.dovecot}, PostgreSQL ${f.postgres}, AES-NI ${f.aesNi ? 'yes' : 'no'}, load at start ${f.load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  if (r.seed) {
    const m = r.seed.manifest;
    const span = (new Date(m.newest).getTime() - new Date(m.oldest).getTime()) / 86_400_000;
    lines.push(
      `corpus: seed ${m.seed}, ${num(m.count)} messages (INBOX ${num(m.inbox)}, Sent ${num(m.sent)}), ${(m.bytes / 1e6).toFixed(1)} MB on disk / ${(m.rfc822Bytes / 1e6).toFixed(1)} MB as served, ${m.oldest.slice(0, 10)} … ${m.newest.slice(0, 10)} (${span.toFixed(1)} days); ` +
        (r.seed.reused
          ? `reused from an earlier run (generated in ${secs(m.generateMs)})`
          : `generated and written in ${secs(r.seed.writeMs)}, Dovecot's first indexing ${secs(r.seed.indexMs)}`),
    );
    lines.push(
      `  structures: ${Object.entries(m.structures)
        .map(([k, v]) => `${k} ${num(v)}`)
        .join(', ')}`,
    );
    lines.push(
      `  charsets:   ${Object.entries(m.charsets)
        .map(([k, v]) => `${k} ${num(v)}`)
        .join(', ')}`,
    );
  }
  lines.push('');

  const passes = (all: number[] | undefined) => (all && all.length > 1 ? ` (fastest of ${all.map(secs).join(', ')})` : '');
  for (const floor of [r.floor180, r.floor30, r.floorPlain]) {
    if (!floor) continue;
    row(
      floor.plain ? `  same without TLS (reference)` : `floor ${floor.days} d (bare imapflow fetch, IMAPS)`,
      `${num(floor.messages)} msgs, ${(floor.bytes / 1e6).toFixed(0)} MB in ${secs(floor.ms)} = ${rate(floor.messages, floor.ms)}${passes(floor.passesMs)}${floor.cipher ? `, ${floor.cipher}` : ''}`,
    );
  }
  if (r.mbsync) {
    const m = r.mbsync;
    row(
      `peer: mbsync, IMAPS → Maildir, FSync`,
      `${m.version}: ${num(m.messages)} msgs, ${(m.bytes / 1e6).toFixed(0)} MB in ${secs(m.ms)} = ${rate(m.messages, m.ms)}${passes(r.mbsyncPassesMs)}`,
    );
  }
  const imports: Array<[ImportOutcome | undefined, FloorResult | undefined, number]> = [
    [r.import180, r.floor180, 180],
    [r.import30, r.floor30, 30],
  ];
  for (const [outcome, floor, days] of imports) {
    if (!outcome) continue;
    if (!outcome.ok) {
      row(`product import ${days} d`, `product import: not available (${outcome.reason})`);
      continue;
    }
    const x = outcome.result;
    const ratio = floor ? x.ms / floor.ms : NaN;
    const plain = r.floorPlain && days === 180 ? `; ${(x.ms / r.floorPlain.ms).toFixed(1)}× the no-TLS fetch` : '';
    row(
      `import ${days} d (product)`,
      `${num(x.messages)} msgs in ${secs(x.ms)} = ${rate(x.messages, x.ms)}, ${ratio.toFixed(1)}× floor${plain}`,
      `≤ ${TARGETS.importRatio}× floor`,
      verdict(ratio <= TARGETS.importRatio),
    );
    if (days === 180 && r.mbsync) {
      const peer = x.ms / r.mbsync.ms;
      row(
        `  180 d vs mbsync`,
        `${peer.toFixed(2)}× mbsync's ${secs(r.mbsync.ms)}`,
        `≤ ${TARGETS.mbsyncRatio}× mbsync`,
        verdict(peer <= TARGETS.mbsyncRatio),
      );
    }
    const ms = (v: number | null) => (v === null ? 'never' : secs(v));
    const listRatios = (v: number | null) =>
      v === null || !floor
        ? ''
        : ` (${(v / floor.ms).toFixed(1)}× floor${days === 180 && r.mbsync ? `, ${(v / r.mbsync.ms).toFixed(2)}× mbsync` : ''})`;
    row(
      `  timeline ${days} d`,
      `first MESSAGES_ADDED ${ms(x.firstAddedMs)}, INBOX list complete ${ms(x.inboxListMs)}${listRatios(x.inboxListMs)}, done ${secs(x.ms)}; process CPU ${secs(x.cpuMs)}; load before ${x.loadBefore.toFixed(2)}`,
      `list ≤ ${TARGETS.listRatio}× floor`,
      verdict(x.inboxListMs !== null && !!floor && x.inboxListMs / floor.ms <= TARGETS.listRatio),
    );
    row(
      `  indexed ${days} d`,
      `every message extracted and searchable ${secs(x.indexedMs)} after the import started${floor ? ` (${(x.indexedMs / floor.ms).toFixed(1)}× floor${days === 180 && r.mbsync ? `, ${(x.indexedMs / r.mbsync.ms).toFixed(2)}× mbsync` : ''})` : ''}; peak RSS while indexing ${mib(x.indexPeakRss)}`,
      'reported',
    );
    row(
      `  RSS at rest ${days} d`,
      `${mib(x.restRss)} after indexing and 30 s idle (heap ${mib(x.atRest.heapUsed)} used of ${mib(x.atRest.heapTotal)}, external ${mib(x.atRest.external)}, buffers ${mib(x.atRest.arrayBuffers)}; baseline ${mib(x.baselineRss)})`,
      `≤ ${mib(TARGETS.restRssBytes)}`,
      verdict(x.restRss <= TARGETS.restRssBytes),
    );
    const states = Object.entries(x.bodyStates)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', ');
    row(`  stored ${days} d`, `bodies: ${states}; ${num(x.attachmentRows)} attachment rows; database ${mib(x.databaseBytes)}`);
    const fetched = x.sourceBytes ? x.bytesRead / x.sourceBytes : NaN;
    row(
      `  bytes from the server ${days} d`,
      `${(x.bytesRead / 1e6).toFixed(1)} MB read from the IMAP connection (TLS, envelopes and protocol included) for ${(x.sourceBytes / 1e6).toFixed(1)} MB of sources = ${fetched.toFixed(3)}×`,
      `≤ ${TARGETS.bytesRatio}×`,
      verdict(fetched <= TARGETS.bytesRatio),
    );
    row(
      `  peak RSS ${days} d`,
      `${mib(peakOf(x))} (sampled ${mib(x.peakRss)} over ${x.samples} samples, max gap ${x.maxSampleGapMs.toFixed(0)} ms; baseline ${mib(x.baselineRss)}; at the peak: heap ${mib(x.atPeak.heapUsed)} used of ${mib(x.atPeak.heapTotal)}, buffers ${mib(x.atPeak.arrayBuffers)})`,
      `≤ ${mib(TARGETS.peakRssBytes)}`,
      verdict(peakOf(x) <= TARGETS.peakRssBytes),
    );
    const byProgress = x.rssByProgress.map((p) => `${Math.round(p.progress * 100)} %: ${mib(p.rss)}`).join(' · ');
    if (days === 180) {
      const small = r.import30?.ok ? r.import30.result : undefined;
      row(`  RSS by progress ${days} d`, byProgress, 'not growing', verdict(notGrowing(x, small)));
    } else {
      row(`  RSS by progress ${days} d`, byProgress);
    }
  }
  if (r.server180) serverRows(r, row);
  if (r.latency) {
    const l = r.latency;
    const fmt = (s: { p50: number; p95: number; n: number; max: number }) =>
      `p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`;
    row('new mail: LMTP transaction itself', fmt(l.delivery));
    row('new mail: Dovecot EXISTS (IDLE)', `${fmt(l.exists)}${l.missed.exists ? `, ${l.missed.exists} missed` : ''}`);
    if (l.endToEnd) {
      const extra = l.endToEnd.p95 - l.exists.p95;
      row('new mail: end-to-end mailboxChanged', `${fmt(l.endToEnd)}${l.missed.endToEnd ? `, ${l.missed.endToEnd} missed` : ''}`);
      row(
        '  end-to-end minus EXISTS',
        `p95 difference ${extra >= 0 ? '+' : ''}${extra.toFixed(0)} ms; per sample p50 ${l.difference?.p50.toFixed(0)} ms, p95 ${l.difference?.p95.toFixed(0)} ms`,
        `≤ +${TARGETS.newMailExtraMs} ms`,
        verdict(extra <= TARGETS.newMailExtraMs),
      );
    } else {
      row('new mail: end-to-end mailboxChanged', `end-to-end latency: not available (${l.endToEndNote})`);
    }
  }

  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((rw) => rw[i]!.length), 10));
  const header: [string, string, string, string] = ['measurement', 'value', 'target', 'result'];
  for (const rw of [header, ...rows]) {
    lines.push(`${rw[0].padEnd(widths[0]!)}  ${rw[1].padEnd(widths[1]!)}  ${rw[2].padEnd(widths[2]!)}  ${rw[3]}`.trimEnd());
    if (rw === header) lines.push('-'.repeat(widths[0]! + widths[1]! + widths[2]! + 12));
  }
  for (const error of r.errors) lines.push(`error: ${error}`);
  return lines.join('\n');
}

/** A memory span as printed: the kernel's peak, with what sampling saw beside it. */
function span(m: MemorySpan): string {
  return `${mib(Math.max(m.hwm, m.sampledPeak))} (VmHWM${m.hwmReset ? '' : ' since start: reset refused'}; sampled ${mib(m.sampledPeak)} over ${m.samples} samples, max gap ${m.maxGapMs.toFixed(0)} ms)`;
}

/** The server stage's rows: times as ratios to the same run's floor and mbsync, memory against issue 9's targets. */
function serverRows(r: BenchReport, row: (what: string, value: string, target?: string, result?: string) => void): void {
  const outcome = r.server180!;
  if (!outcome.ok) {
    row('server 180 d (npm start, GraphQL)', `not available (${outcome.reason})`);
    return;
  }
  const x = outcome.result;
  const floor = r.floor180;
  const ratios = (ms: number) =>
    [floor && `${(ms / floor.ms).toFixed(1)}× floor`, r.mbsync && `${(ms / r.mbsync.ms).toFixed(2)}× mbsync`]
      .filter(Boolean)
      .join(', ');
  row(
    'server: empty, before connecting',
    `RSS ${mib(x.emptyRss)} (Next, GraphQL, sync loaded; start-up peak ${mib(x.startupHwm)}); connectMailAccount took ${secs(x.connectMs)}`,
  );
  const importRatio = floor ? x.importedMs / floor.ms : NaN;
  row(
    `server ${x.days} d: fully imported`,
    `${num(x.expected)} sources stored ${secs(x.importedMs)} after connectMailAccount returned = ${rate(x.expected, x.importedMs)}, ${ratios(x.importedMs)}; load before ${x.loadBefore.toFixed(2)}`,
    `≤ ${TARGETS.importRatio}× floor`,
    verdict(importRatio <= TARGETS.importRatio),
  );
  if (r.mbsync) {
    const peer = x.importedMs / r.mbsync.ms;
    row(
      `  vs mbsync`,
      `${peer.toFixed(2)}× mbsync's ${secs(r.mbsync.ms)}`,
      `≤ ${TARGETS.mbsyncRatio}× mbsync`,
      verdict(peer <= TARGETS.mbsyncRatio),
    );
  }
  const list = x.inboxListMs;
  row(
    `  INBOX list complete`,
    list === null
      ? 'never'
      : `${secs(list)} (${ratios(list)}); first MESSAGES_ADDED ${x.firstAddedMs === null ? 'never' : secs(x.firstAddedMs)}`,
    `≤ ${TARGETS.listRatio}× floor`,
    verdict(list !== null && !!floor && list / floor.ms <= TARGETS.listRatio),
  );
  row(
    `  indexed`,
    `every source extracted ${secs(x.indexedMs)} after connecting (${ratios(x.indexedMs)}); server CPU ${secs(x.cpuMs)}`,
    'reported',
  );
  row(`  phases (syncProgress)`, x.phases.map((p) => `${p.phase} ${secs(p.atMs)}`).join(' → ') || 'no events');
  const peak = (m: MemorySpan) => Math.max(m.hwm, m.sampledPeak);
  row(
    `  peak RSS during import`,
    `${span(x.importMemory)}; +${mib(peak(x.importMemory) - x.emptyRss)} over empty`,
    `≤ ${mib(TARGETS.peakRssBytes)}`,
    verdict(peak(x.importMemory) <= TARGETS.peakRssBytes),
  );
  row(
    `  peak RSS while indexing`,
    span(x.indexMemory),
    `≤ ${mib(TARGETS.peakRssBytes)}`,
    verdict(peak(x.indexMemory) <= TARGETS.peakRssBytes),
  );
  row(
    `  RSS at rest`,
    `${mib(x.restRss)} 30 s after indexing (no forced GC; highest sample meanwhile ${mib(x.restMemory.sampledPeak)})`,
    `≤ ${mib(TARGETS.restRssBytes)}`,
    verdict(x.restRss <= TARGETS.restRssBytes),
  );
  const states = Object.entries(x.bodyStates)
    .map(([k, v]) => `${k} ${num(v)}`)
    .join(', ');
  row(`  stored`, `bodies: ${states}; database ${mib(x.databaseBytes)}`);
}
