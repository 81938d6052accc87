/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/15/sql-copy.html,
 * "Binary Format"), for `COPY … FROM STDIN WITH (FORMAT binary)`.
 *
 * Why: postgres.js sends every bytea parameter as hex text, so storing 300 MB of attachments
 * turned into 600 MB of strings built, copied, written and decoded again by the server (≈ 7 s of
 * the import's main thread on 2 cores, bench:sync profile). In binary COPY the bytes go as they
 * are: large values are yielded as the caller's own buffers, never copied here.
 *
 * A value is `string` (text, varchar: UTF-8), `number` (int4), `Uint8Array` (bytea) or `null`.
 * The column types of the COPY target must match, or PostgreSQL rejects the data.
 */
export type BinaryCopyValue = string | number | Uint8Array | null;

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Values at least this big are yielded on their own instead of copied into the row prefix. @default 4 KiB */
const PASS_THROUGH_BYTES = 4096;

/** Yields the COPY stream: header, one or more chunks per row, trailer. */
export function* encodeBinaryCopy(rows: Iterable<readonly BinaryCopyValue[]>): Generator<Buffer> {
  const header = Buffer.alloc(SIGNATURE.length + 8);
  SIGNATURE.copy(header);
  // flags (int32) and header-extension length (int32) stay 0.
  yield header;
  for (const row of rows) {
    let pieces: Buffer[] = [int16(row.length)];
    for (const value of row) {
      if (value === null) {
        pieces.push(int32(-1));
        continue;
      }
      const bytes = toBytes(value);
      pieces.push(int32(bytes.byteLength));
      if (bytes.byteLength >= PASS_THROUGH_BYTES) {
        yield Buffer.concat(pieces);
        yield bytes;
        pieces = [];
      } else {
        pieces.push(bytes);
      }
    }
    if (pieces.length) yield Buffer.concat(pieces);
  }
  yield int16(-1);
}

function toBytes(value: string | number | Uint8Array): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) {
      throw new RangeError(`binary COPY: ${value} is not an int4`);
    }
    return int32(value);
  }
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function int16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
}
