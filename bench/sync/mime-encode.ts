/**
 * Encoders the corpus needs to write non-UTF-8 mail: text → bytes in a legacy charset,
 * RFC 2047 encoded-words for headers, quoted-printable and base64 for bodies (RFC 2045 §6.7, §6.8).
 *
 * Node can decode every WHATWG charset (TextDecoder) but encodes only UTF-8, and the project has
 * no iconv dependency. So each encoder is built by inverting the decoder: decode every byte (or
 * byte pair) once and remember which character it gave. The bytes are then exactly what a
 * standards-following reader decodes back, which is the point of the exercise.
 */
export type BenchCharset = 'us-ascii' | 'utf-8' | 'iso-8859-1' | 'windows-1252' | 'koi8-r' | 'shift_jis' | 'iso-2022-jp';

/** The MIME name written into `charset=` and encoded-words. */
export const MIME_CHARSET_NAME: Record<BenchCharset, string> = {
  'us-ascii': 'us-ascii',
  'utf-8': 'utf-8',
  'iso-8859-1': 'ISO-8859-1',
  'windows-1252': 'windows-1252',
  'koi8-r': 'KOI8-R',
  shift_jis: 'Shift_JIS',
  'iso-2022-jp': 'ISO-2022-JP',
};

const tables = new Map<string, Map<string, number[]>>();

/**
 * windows-1252's 0x80–0x9F (WHATWG index). Node 20's TextDecoder takes a Latin-1 fast path for
 * this label and yields C1 controls there, so these cannot be learned from the decoder.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** char → bytes for a single-byte charset, from its decoder. */
function singleByteTable(label: string): Map<string, number[]> {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number[]>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (char !== '\ufffd' && !table.has(char)) table.set(char, [byte]);
  }
  if (label === 'windows-1252') [...WINDOWS_1252_HIGH].forEach((char, i) => table.set(char, [0x80 + i]));
  return table;
}

/** Shift_JIS: ASCII, half-width katakana (0xA1–0xDF) and the JIS X 0208 double-byte range. */
function shiftJisTable(): Map<string, number[]> {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let byte = 0; byte < 0x80; byte++) table.set(String.fromCharCode(byte), [byte]);
  for (let byte = 0xa1; byte <= 0xdf; byte++) table.set(decoder.decode(Uint8Array.of(byte)), [byte]);
  for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

/** ISO-2022-JP (RFC 1468): the JIS X 0208 pairs (0x21–0x7E each) reachable after `ESC $ B`. */
function jisTable(): Map<string, number[]> {
  const decoder = new TextDecoder('iso-2022-jp');
  const table = new Map<string, number[]>();
  for (const high of range(0x21, 0x7e)) {
    for (const low of range(0x21, 0x7e)) {
      const char = decoder.decode(Uint8Array.of(0x1b, 0x24, 0x42, high, low));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [high, low]);
    }
  }
  return table;
}

function tableFor(charset: 'windows-1252' | 'koi8-r' | 'shift_jis' | 'iso-2022-jp'): Map<string, number[]> {
  let table = tables.get(charset);
  if (!table) {
    table = charset === 'shift_jis' ? shiftJisTable() : charset === 'iso-2022-jp' ? jisTable() : singleByteTable(charset);
    tables.set(charset, table);
  }
  return table;
}

const ESC_JIS = [0x1b, 0x24, 0x42]; // ESC $ B: JIS X 0208-1983
const ESC_ASCII = [0x1b, 0x28, 0x42]; // ESC ( B

/** `text` as bytes in `charset`; throws on a character the charset cannot hold (a corpus bug). */
export function encodeText(text: string, charset: BenchCharset): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  if (charset === 'us-ascii' || charset === 'iso-8859-1') {
    const limit = charset === 'us-ascii' ? 0x7f : 0xff;
    for (const char of text) if (char.codePointAt(0)! > limit) throw new Error(`${charset} cannot hold ${JSON.stringify(char)}`);
    return Buffer.from(text, 'latin1');
  }
  const out: number[] = [];
  if (charset === 'iso-2022-jp') {
    // RFC 1468: switch with escape sequences, and be back in ASCII before every line end and at the end.
    const table = tableFor(charset);
    let jis = false;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (code < 0x80) {
        if (jis) out.push(...ESC_ASCII);
        jis = false;
        out.push(code);
        continue;
      }
      const bytes = table.get(char);
      if (!bytes) throw new Error(`ISO-2022-JP cannot hold ${JSON.stringify(char)}`);
      if (!jis) out.push(...ESC_JIS);
      jis = true;
      out.push(...bytes);
    }
    if (jis) out.push(...ESC_ASCII);
    return Buffer.from(out);
  }
  const table = tableFor(charset);
  for (const char of text) {
    const bytes = table.get(char);
    if (!bytes) throw new Error(`${charset} cannot hold ${JSON.stringify(char)}`);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

/**
 * A header value as RFC 2047 encoded-words (B encoding), folded so no line exceeds 76 characters;
 * plain ASCII stays as it is. Each word holds whole characters (§5: a multi-byte character must
 * not be split between words), and each ISO-2022-JP word ends in ASCII mode.
 */
export function encodeHeaderValue(text: string, charset: BenchCharset): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const name = MIME_CHARSET_NAME[charset === 'us-ascii' ? 'utf-8' : charset];
  const words: string[] = [];
  let chunk = '';
  const flush = () => {
    if (chunk) words.push(`=?${name}?B?${encodeText(chunk, charset === 'us-ascii' ? 'utf-8' : charset).toString('base64')}?=`);
    chunk = '';
  };
  for (const char of text) {
    // ≤ 36 bytes per word keeps it under 75 characters after base64 and the charset label.
    if (encodeText(chunk + char, charset === 'us-ascii' ? 'utf-8' : charset).length > 36) flush();
    chunk += char;
  }
  flush();
  return words.join('\n ');
}

/** Quoted-printable (RFC 2045 §6.7) with LF line ends and soft breaks before column 76. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  const hex = (byte: number) => '=' + byte.toString(16).toUpperCase().padStart(2, '0');
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0a) {
      // Trailing white space before a hard break must be encoded (rule 3).
      lines.push(line.replace(/[ \t]$/, (ws) => hex(ws.charCodeAt(0))));
      line = '';
      continue;
    }
    const piece = byte === 0x3d || byte > 0x7e || (byte < 0x20 && byte !== 0x09) ? hex(byte) : String.fromCharCode(byte);
    if (line.length + piece.length > 75) {
      lines.push(line + '=');
      line = '';
    }
    line += piece;
  }
  lines.push(line.replace(/[ \t]$/, (ws) => hex(ws.charCodeAt(0))));
  return lines.join('\n');
}

/** Base64 in 76-character lines (RFC 2045 §6.8), LF line ends. */
export function base64Lines(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines.join('\n');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
