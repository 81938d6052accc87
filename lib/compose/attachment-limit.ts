/**
 * Most bytes of files one message carries whatever its server. Many providers refuse more than
 * 25 MB (Gmail; Microsoft 365 35 MB). @default 25 MiB
 */
export const MAX_FILES_BYTES = 25 * 1024 * 1024;

/**
 * Base64 (RFC 2045 §6.8) as nodemailer writes it: every 57 bytes become a 76-character line plus
 * CRLF, 78 bytes on the wire (≈ 0.73).
 */
const BYTES_PER_LINE = 57;
const LINE_ON_WIRE = 78;
/** Kept for the headers, the text and HTML parts and the MIME boundaries. @default 64 KiB */
const HEADROOM = 64 * 1024;

/**
 * How many bytes of files (attachments and inline images together) a message may carry: 25 MiB,
 * or less when the account's SMTP server announced a smaller SIZE (RFC 1870) — the server's
 * limit counts the encoded message, so the files may fill ≈ 73 % of what is left after 64 KiB
 * for headers and text. Run by the composer
 * before anything is uploaded and by the server before a message is queued.
 */
export function attachmentLimit(serverMaxSize: number | null | undefined): number {
  if (!serverMaxSize || serverMaxSize <= 0) return MAX_FILES_BYTES;
  const lines = Math.floor(Math.max(0, serverMaxSize - HEADROOM) / LINE_ON_WIRE);
  return Math.min(MAX_FILES_BYTES, lines * BYTES_PER_LINE);
}
