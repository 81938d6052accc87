import 'server-only';
import type { IncomingMessage } from 'node:http';

/**
 * How much of an oversize body is still read (and thrown away) after the limit: a client that
 * is still sending when the server closes gets a TCP reset instead of the 413, so a body up to
 * this size is drained and answered properly; beyond it the connection is cut. @default 16 MiB
 */
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * A request body of at most `max` bytes, or null when it is larger: then nothing more is kept
 * in memory, and null comes at once (from `content-length`, or when the limit is crossed), so
 * the caller can answer 413 while the rest drains.
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      resolve(null);
    };
    if (declared > max) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > max + DRAIN_BYTES) req.destroy();
      } else if (size > max) refuse();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => (refused ? undefined : reject(error)));
  });
}
