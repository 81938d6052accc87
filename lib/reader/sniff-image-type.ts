/** The raster image types the reader shows: never SVG (script) or anything a browser renders as a document. */
export const RASTER_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'] as const;
export type RasterImageType = (typeof RASTER_IMAGE_TYPES)[number];

/**
 * The raster image type the bytes are, by their signature, or null. The bytes decide, not a
 * declared type: a sender's or remote server's `Content-Type: image/png` on an HTML or SVG
 * document is exactly what must not reach the browser as an image it might sniff otherwise.
 * Signatures: PNG (RFC 2083 §3.1), JPEG SOI, GIF87a/89a, RIFF…WEBP, ISO-BMFF `ftyp` with an AVIF
 * brand (major or compatible), BMP `BM`.
 */
export function sniffImageType(bytes: Uint8Array): RasterImageType | null {
  const ascii = (start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(0, 6))) return 'image/gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 16 && ascii(4, 8) === 'ftyp') {
    const boxSize = Math.min(Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0), bytes.length, 64);
    for (let at = 8; at + 4 <= boxSize; at += 4) if (/^avi[fs]$/.test(ascii(at, at + 4))) return 'image/avif';
    return null;
  }
  if (bytes.length >= 14 && ascii(0, 2) === 'BM') return 'image/bmp';
  return null;
}

/** Whether a declared type (`image/png; name=x`) is one of the raster types. */
export function isRasterImageType(declared: string): boolean {
  const type = declared.split(';', 1)[0]!.trim().toLowerCase();
  return (RASTER_IMAGE_TYPES as readonly string[]).includes(type === 'image/jpg' ? 'image/jpeg' : type);
}
