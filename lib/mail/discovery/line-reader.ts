import type { Duplex } from 'node:stream';

/** @default 16 KiB: a greeting plus a CAPABILITY or EHLO answer is a few hundred bytes. */
export const MAX_PROBE_BYTES = 16 * 1024;

export interface LineReader {
  /** The next line without its CRLF; rejects when the peer closes, errors, or talks too much. */
  readLine(): Promise<string>;
  /** Detaches from the socket. */
  dispose(): void;
}

/** Splits what a mail server says into lines (IMAP and SMTP both end lines with CRLF, RFC 9051 §2.2, RFC 5321 §2.3.8). */
export function createLineReader(socket: Duplex, maxBytes = MAX_PROBE_BYTES): LineReader {
  let buffer = '';
  let received = 0;
  let failure: Error | undefined;
  let waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;

  const deliver = () => {
    if (!waiter) return;
    const end = buffer.indexOf('\n');
    if (end >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      const { resolve } = waiter;
      waiter = undefined;
      resolve(line);
    } else if (failure) {
      const { reject } = waiter;
      waiter = undefined;
      reject(failure);
    }
  };
  const onData = (chunk: Buffer | string) => {
    received += chunk.length;
    if (received > maxBytes) {
      fail(new Error(`server sent more than ${maxBytes} bytes`));
      socket.destroy();
      return;
    }
    buffer += chunk.toString();
    deliver();
  };
  const fail = (error: Error) => {
    failure ??= error;
    deliver();
  };
  const onEnd = () => fail(new Error('server closed the connection'));
  const onError = (error: Error) => fail(error);

  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', onError);
  return {
    readLine: () =>
      new Promise<string>((resolve, reject) => {
        waiter = { resolve, reject };
        deliver();
      }),
    dispose() {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    },
  };
}
