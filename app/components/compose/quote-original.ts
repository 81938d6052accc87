/**
 * The original message below an answer or a forward, as HTML the editor takes in. The caller
 * passes the original's HTML only after sanitizeMailHtml (the reader's own DOMPurify profile);
 * plain text is escaped here. The editor then keeps only what its schema knows (paragraphs,
 * lists, quotes, links, marks), so no style or script of the original survives into the reply.
 */
export type OriginalBody = { html: string } | { text: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plain text quoted the mail way, one `> ` per line (RFC 3676 §4.5: a line already quoted gets
 * `>` without a space, so `> > ` does not grow a space at each level). Empty lines become `>`.
 */
export function quotePlainText(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '>' : line.startsWith('>') ? `>${line}` : `> ${line}`));
}

/** Lines as one paragraph with line breaks (a quote keeps its shape; empty lines would be lost as <p>). */
function linesHtml(lines: string[]): string {
  return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
}

/** An empty line to write in, "On <date>, <name> wrote:", then the original in a blockquote (HTML) or as `> ` lines (text). */
export function quotedReplyHtml(intro: string, original: OriginalBody): string {
  const quoted = 'html' in original ? `<blockquote>${original.html}</blockquote>` : linesHtml(quotePlainText(original.text));
  return `<p></p><p>${escapeHtml(intro)}</p>${quoted}`;
}

/**
 * An empty line to write in, the "Forwarded message" block (From, Date, Subject, To, Cc: label
 * and value pairs, already translated), then the original inline.
 */
export function forwardedHtml(title: string, rows: Array<[string, string]>, original: OriginalBody): string {
  const header = [title, ...rows.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`)];
  const body = 'html' in original ? original.html : linesHtml(original.text.replace(/\r\n?/g, '\n').split('\n'));
  return `<p></p>${linesHtml(header)}${body}`;
}
