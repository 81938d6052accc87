import type { Duplex } from 'node:stream';
import type { Connect } from './deps.ts';
import { createLineReader, type LineReader } from './line-reader.ts';
import type { ServerEndpoint } from './types.ts';

export interface ProbeCandidate {
  kind: 'imap' | 'smtp';
  host: string;
  port: number;
  /** Implicit TLS (993, 465) or plain (143, 587). */
  tls: boolean;
}

/** What a probe found: the server speaks the protocol; on a plain port, whether it offers STARTTLS. */
export type ProbeFinding = ServerEndpoint;

/**
 * Connects to one candidate and has the shortest conversation that proves a mail server is there,
 * then says goodbye: IMAP greeting and capabilities, or SMTP greeting and EHLO. It never logs in.
 * Aborting `signal` (the caller's timeout) destroys the socket; the socket is closed however it ends.
 */
export async function probeServer(
  candidate: ProbeCandidate,
  connect: Connect,
  signal: AbortSignal,
): Promise<ProbeFinding | null> {
  const socket = await connect(candidate.host, candidate.port, candidate.tls, signal);
  const destroy = () => socket.destroy();
  socket.on('error', () => {}); // errors surface through the line reader; never crash the process
  signal.addEventListener('abort', destroy, { once: true });
  const lines = createLineReader(socket);
  try {
    const talk = candidate.kind === 'imap' ? talkImap : talkSmtp;
    const { starttls } = await talk(lines, (text) => void socket.write(text));
    return { host: candidate.host, port: candidate.port, ssl: candidate.tls, starttls: !candidate.tls && starttls };
  } catch {
    return null;
  } finally {
    signal.removeEventListener('abort', destroy);
    lines.dispose();
    closeSocket(socket);
  }
}

/**
 * RFC 9051 §7.1: the greeting is `* OK`, `* PREAUTH` or `* BYE`; servers often put
 * `[CAPABILITY …]` in it (§7.1.2), otherwise we ask with CAPABILITY (§6.1.1).
 */
async function talkImap(lines: LineReader, write: (text: string) => void): Promise<{ starttls: boolean }> {
  const greeting = await lines.readLine();
  if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new Error(`not an IMAP greeting: ${greeting.slice(0, 100)}`);
  let capabilities = /\[CAPABILITY ([^\]]*)\]/i.exec(greeting)?.[1];
  if (capabilities === undefined) {
    write('P1 CAPABILITY\r\n');
    for (let line = await lines.readLine(); !/^P1 /i.test(line); line = await lines.readLine())
      capabilities = /^\* CAPABILITY (.*)$/i.exec(line)?.[1] ?? capabilities;
  }
  write('P2 LOGOUT\r\n');
  return { starttls: /(^|\s)STARTTLS(\s|$)/i.test(capabilities ?? '') };
}

/** RFC 5321 §4.2: a reply is `NNN-text` lines ending with `NNN text`; 220 greets, EHLO lists extensions (RFC 3207: STARTTLS). */
async function talkSmtp(lines: LineReader, write: (text: string) => void): Promise<{ starttls: boolean }> {
  const greeting = await readReply(lines);
  if (greeting.code !== 220) throw new Error(`not an SMTP greeting: ${greeting.code}`);
  // RFC 5321 §4.1.4: the client names itself; a probe has no public name, so the generic one.
  write('EHLO localhost\r\n');
  const ehlo = await readReply(lines);
  write('QUIT\r\n');
  return { starttls: ehlo.code === 250 && ehlo.lines.slice(1).some((line) => /^STARTTLS\b/i.test(line)) };
}

async function readReply(lines: LineReader): Promise<{ code: number; lines: string[] }> {
  const texts: string[] = [];
  let code: number | undefined;
  for (;;) {
    const line = await lines.readLine();
    const match = /^(\d{3})([ -]|$)(.*)$/.exec(line);
    if (!match || (code !== undefined && Number(match[1]) !== code)) throw new Error(`not an SMTP reply: ${line.slice(0, 100)}`);
    code = Number(match[1]);
    texts.push(match[3] ?? '');
    if (match[2] !== '-') return { code, lines: texts };
  }
}

/** Half-close politely, then make sure the socket is gone even if the peer never closes its side. */
function closeSocket(socket: Duplex): void {
  if (socket.destroyed) return;
  socket.end();
  const timer = setTimeout(() => socket.destroy(), 1000).unref();
  socket.once('close', () => clearTimeout(timer));
}
