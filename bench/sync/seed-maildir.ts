/**
 * Puts the corpus into the test Dovecot by writing maildir files directly, then lets Dovecot
 * index them; a kept stack dir keeps the corpus for the next run.
 *
 * Why files and not IMAP APPEND: APPEND is the only way INTERNALDATE can be set over the wire
 * (RFC 3501 §6.3.11; LMTP cannot), but it costs a command round trip, a fsync'd save and an index
 * update per message, all while the generator competes for the same two cores; ≈ 400 MB through
 * TLS costs tens of seconds, and parallel connections would interleave UIDs out of date order.
 * A maildir file costs one write: Dovecot takes INTERNALDATE from the file's mtime and the sizes
 * from the `S=`/`W=` fields of its name (Dovecot wiki, "Maildir": filename extensions), and gives
 * new files UIDs in the order of the time stamp their name starts with
 * (maildir-uidlist.c: `maildir_uidlist_assign_uids` sorts with `maildir_filename_sort_cmp`),
 * so UIDs ascend with INTERNALDATE as on a real server. What this skips is Dovecot's save path,
 * which the benchmark does not measure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MailStack } from '../../e2e/mail-stack/index.ts';
import { importWindowStart } from '../../lib/sync/import-window.ts';
import { closeImap, connectImap, type BenchMailbox } from './bench-imap.ts';
import { CORPUS_VERSION, generateCorpus, type CorpusMessage } from './corpus.ts';

/** Dovecot's mail uid in the test stack (dovecot-config.ts `default_fields`). */
const MAIL_UID = 65534;

export interface CorpusManifest {
  version: number;
  seed: number;
  count: number;
  anchor: string;
  spanDays: number;
  inbox: number;
  sent: number;
  /** Bytes on disk (LF line ends) and as IMAP serves them (RFC822.SIZE, CRLF). */
  bytes: number;
  rfc822Bytes: number;
  oldest: string;
  newest: string;
  charsets: Record<string, number>;
  structures: Record<string, number>;
  /** Messages with 50–500 KB of attachments. */
  bigAttachments: number;
  generateMs: number;
}

export interface SeedResult {
  reused: boolean;
  manifest: CorpusManifest;
  /** Time to generate and write the files (0 when reused), and for Dovecot's first indexing. */
  writeMs: number;
  indexMs: number;
}

const FLAG_LETTERS: Record<string, string> = { '\\Draft': 'D', '\\Flagged': 'F', '\\Answered': 'R', '\\Seen': 'S' };

/** `<secs>.M<usecs>P0Q<n>.bench,S=<size>,W=<vsize>:2,<flags>` (the maildir file name Dovecot writes). */
function maildirName(message: CorpusMessage): { name: string; size: number } {
  const ms = message.internalDate.getTime();
  const usecs = (ms % 1000) * 1000 + (message.index % 1000);
  let lines = 0;
  for (let at = message.raw.indexOf(10); at !== -1; at = message.raw.indexOf(10, at + 1)) lines++;
  const size = message.raw.length;
  const flags = message.flags
    .map((flag) => FLAG_LETTERS[flag] ?? '')
    .sort()
    .join('');
  // W= is the size with CRLF line ends, what IMAP reports as RFC822.SIZE.
  return {
    name: `${Math.floor(ms / 1000)}.M${usecs}P0Q${message.index}.bench,S=${size},W=${size + lines}:2,${flags}`,
    size: size + lines,
  };
}

export interface CorpusSpec {
  seed: number;
  count: number;
  spanDays: number;
  mailbox: BenchMailbox;
  ownerName: string;
  log: (line: string) => void;
}

/** Seeds `spec.mailbox` unless it already holds this corpus (same seed, count, version, all inside today's window). */
export async function ensureCorpus(stack: MailStack, spec: CorpusSpec): Promise<SeedResult> {
  const { email, password } = spec.mailbox;
  await stack.addUser(email, password);
  const [local, domain] = email.toLowerCase().split('@') as [string, string];
  const home = path.join(stack.dir, 'mail', domain, local);
  const manifestPath = path.join(stack.dir, `bench-corpus-${local}.json`);

  const kept = readManifest(manifestPath);
  if (
    kept &&
    kept.version === CORPUS_VERSION &&
    kept.seed === spec.seed &&
    kept.count === spec.count &&
    new Date(kept.oldest) >= importWindowStart(180)
  ) {
    const counts = await folderCounts(spec.mailbox);
    if (counts.inbox === kept.inbox && counts.sent === kept.sent) return { reused: true, manifest: kept, writeMs: 0, indexMs: 0 };
    spec.log(`kept corpus does not match the mailbox (${JSON.stringify(counts)}): rebuilding`);
  }

  // Nothing of this user is open in Dovecot (no client logged in yet), so the home can go.
  fs.rmSync(manifestPath, { force: true });
  fs.rmSync(home, { recursive: true, force: true });
  const folders = { INBOX: path.join(home, 'Maildir'), Sent: path.join(home, 'Maildir', '.Sent') };
  for (const dir of Object.values(folders)) {
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  fs.writeFileSync(path.join(folders.Sent, 'maildirfolder'), ''); // Maildir++: marks a subfolder

  const anchor = new Date();
  const started = performance.now();
  const manifest: CorpusManifest = {
    version: CORPUS_VERSION,
    seed: spec.seed,
    count: spec.count,
    anchor: anchor.toISOString(),
    spanDays: spec.spanDays,
    inbox: 0,
    sent: 0,
    bytes: 0,
    rfc822Bytes: 0,
    oldest: '',
    newest: '',
    charsets: {},
    structures: {},
    bigAttachments: 0,
    generateMs: 0,
  };
  const corpus = generateCorpus({
    seed: spec.seed,
    count: spec.count,
    spanDays: spec.spanDays,
    anchor,
    owner: { name: spec.ownerName, address: email },
  });
  let oldestInbox: Date | undefined;
  for (const message of corpus) {
    const { name, size } = maildirName(message);
    const file = path.join(folders[message.folder], 'cur', name);
    fs.writeFileSync(file, message.raw);
    fs.utimesSync(file, message.internalDate, message.internalDate); // mtime = INTERNALDATE
    fs.chownSync(file, MAIL_UID, MAIL_UID);
    if (message.folder === 'INBOX') {
      manifest.inbox++;
      oldestInbox ??= message.internalDate;
    } else {
      manifest.sent++;
    }
    manifest.bytes += message.raw.length;
    manifest.rfc822Bytes += size;
    manifest.oldest ||= message.internalDate.toISOString();
    manifest.newest = message.internalDate.toISOString();
    manifest.charsets[message.charset] = (manifest.charsets[message.charset] ?? 0) + 1;
    manifest.structures[message.structure] = (manifest.structures[message.structure] ?? 0) + 1;
    if (message.structure === 'big-attachment') manifest.bigAttachments++;
  }
  // The domain dir too: Dovecot creates other users' homes there (the latency mailbox).
  for (const dir of [path.dirname(home), home, ...walkDirs(home)]) fs.chownSync(dir, MAIL_UID, MAIL_UID);
  for (const file of [path.join(folders.Sent, 'maildirfolder')]) fs.chownSync(file, MAIL_UID, MAIL_UID);
  const writeMs = Math.round(performance.now() - started);
  manifest.generateMs = writeMs;

  // First login and STATUS make Dovecot scan the maildirs and write dovecot-uidlist and its index.
  const indexStarted = performance.now();
  const counts = await folderCounts(spec.mailbox, oldestInbox);
  const indexMs = Math.round(performance.now() - indexStarted);
  if (counts.inbox !== manifest.inbox || counts.sent !== manifest.sent) {
    throw new Error(`Dovecot sees ${JSON.stringify(counts)} after seeding ${manifest.inbox}/${manifest.sent} messages`);
  }
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { reused: false, manifest, writeMs, indexMs };
}

function readManifest(file: string): CorpusManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusManifest;
  } catch {
    return undefined;
  }
}

/** Every directory below `dir` (the maildir skeleton created above as root). */
function walkDirs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [path.join(dir, entry.name), ...walkDirs(path.join(dir, entry.name))]);
}

/**
 * STATUS MESSAGES of INBOX and Sent. With `oldestInbox` (after seeding), also checks what the
 * maildir files promised: INTERNALDATE is the file's mtime (UID 1 has the oldest message's date)
 * and ascends with UID.
 */
async function folderCounts(mailbox: BenchMailbox, oldestInbox?: Date): Promise<{ inbox: number; sent: number }> {
  const client = await connectImap(mailbox);
  try {
    const messagesIn = async (folder: string) => {
      const status = await client.status(folder, { messages: true });
      return status ? (status.messages ?? 0) : 0;
    };
    const inbox = await messagesIn('INBOX');
    const sent = await messagesIn('Sent');
    if (oldestInbox && inbox > 0) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        let previous = 0;
        for await (const message of client.fetch('1:*', { uid: true, internalDate: true })) {
          const time = new Date(message.internalDate ?? 0).getTime();
          // INTERNALDATE has whole seconds (RFC 3501 §2.3.3).
          if (previous === 0 && Math.abs(time - oldestInbox.getTime()) >= 1000) {
            throw new Error(
              `INBOX UID ${message.uid} has INTERNALDATE ${new Date(time).toISOString()}, not the file's mtime ${oldestInbox.toISOString()}`,
            );
          }
          if (time < previous)
            throw new Error(`INBOX UID ${message.uid} is older than the UID before it: UIDs do not follow dates`);
          previous = time;
        }
      } finally {
        lock.release();
      }
    }
    return { inbox, sent };
  } finally {
    await closeImap(client);
  }
}
