/**
 * The parse worker thread's entry (see parser-pool.ts): parses one message per request so the
 * event loop of the main thread keeps serving pages, GraphQL and IMAP while mailparser, the CPU
 * bottleneck of an import (≈ 830 messages/s per core), runs on the other core.
 */
import { parentPort } from 'node:worker_threads';
import { parseMessage } from './parse-message.ts';

export interface ParseRequest {
  id: number;
  source: Uint8Array;
}

export type ParseResponse =
  { id: number; ok: true; message: Awaited<ReturnType<typeof parseMessage>> } | { id: number; ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread (parser-pool.ts)');

port.on('message', (request: ParseRequest) => {
  parseMessage(request.source).then(
    (message) => port.postMessage({ id: request.id, ok: true, message } satisfies ParseResponse),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: String(error) } satisfies ParseResponse),
  );
});
