/**
 * Structural damage that mail parsers silently paper over: mailparser reads a multipart without
 * its closing delimiter, or base64 that stops mid-quantum, without complaint. The sync stores
 * such a message anyway (with what could be read) but marks it, so the reader can say "this
 * message is damaged" instead of showing a truncated attachment as if it were whole.
 *
 * Checks, per MIME part, recursively:
 * - multipart: the boundary appears, and the close-delimiter `--boundary--` ends it (RFC 2046 §5.1.1);
 * - base64 content: only the base64 alphabet, and whole 4-character quanta (RFC 2045 §6.8).
 *
 * Returns human-readable findings; empty when nothing is wrong. Never throws.
 */
export function findMimeProblems(source: Buffer): string[] {
  const problems: string[] = [];
  try {
    checkPart(source.toString('latin1'), problems, 0);
  } catch (error) {
    problems.push(`MIME structure could not be checked: ${(error as Error).message}`);
  }
  return problems;
}

/** Deeper nesting is not mail, it is an attack on the parser. @default 32 */
const MAX_DEPTH = 32;

function checkPart(part: string, problems: string[], depth: number): void {
  if (depth > MAX_DEPTH) {
    problems.push(`MIME parts nested deeper than ${MAX_DEPTH} levels were not checked`);
    return;
  }
  const split = /\r?\n\r?\n/.exec(part);
  const head = split ? part.slice(0, split.index) : part;
  const body = split ? part.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(head);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  const label = describe(type, contentType, headers.get('content-disposition'));

  if (type.startsWith('multipart/')) {
    const boundary = param(contentType, 'boundary');
    if (!boundary) {
      problems.push(`${label} has no boundary parameter`);
      return;
    }
    checkMultipart(body, boundary, label, problems, depth);
    return;
  }
  if ((headers.get('content-transfer-encoding') ?? '').trim().toLowerCase() === 'base64') {
    const data = body.replace(/[\s]+/g, '');
    if (/[^A-Za-z0-9+/=]/.test(data)) problems.push(`${label}: base64 data contains invalid characters`);
    else if (data.length % 4 !== 0) problems.push(`${label}: base64 data is cut off`);
  }
}

function checkMultipart(body: string, boundary: string, label: string, problems: string[], depth: number): void {
  const delimiter = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  const parts: string[][] = [];
  let current: string[] | null = null;
  let closed = false;
  for (const line of lines) {
    // Transport padding (trailing whitespace) after a delimiter is allowed, RFC 2046 §5.1.1.
    if (line.startsWith(delimiter)) {
      const rest = line.slice(delimiter.length).trimEnd();
      if (rest === '--') {
        if (current) parts.push(current);
        current = null;
        closed = true;
        break;
      }
      if (rest === '') {
        if (current) parts.push(current);
        current = [];
        continue;
      }
    }
    current?.push(line);
  }
  if (current) parts.push(current);
  if (!parts.length) {
    problems.push(`${label}: the boundary never appears, the message has no parts`);
    return;
  }
  if (!closed) problems.push(`${label}: the closing boundary is missing (the message is cut off)`);
  for (const lines of parts) checkPart(lines.join('\r\n'), problems, depth + 1);
}

/** Unfolded header fields by lower-cased name (first occurrence wins). */
function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const field of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, field.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter value (quoted or not); RFC 2231 continuations are not needed for boundaries and names here. */
function param(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
}

function describe(type: string, contentType: string, disposition: string | undefined): string {
  const name = (disposition && param(disposition, 'filename')) ?? param(contentType, 'name');
  return name ? `${type} "${name}"` : type;
}
