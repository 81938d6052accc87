import type { ComposeDraft } from './compose-draft';

/**
 * The account signature in the composer (issue 11). It sits in the body as one block,
 * `<div class="signature">` (the editor's signature node, signature-node.ts), which the editor
 * shows and sends below the RFC 3676 §4.3 sig dash `-- `: mail programs recognise that line and
 * leave what follows out of a quote. These functions decide where it goes; the editor carries it out.
 */

/** The block the editor reads as its signature node; empty when the account has no signature. */
export function signatureBlockHtml(signatureHtml: string | null | undefined): string {
  return signatureHtml?.trim() ? `<div class="signature">${signatureHtml}</div>` : '';
}

/**
 * Whether a draft opening in the composer should get the From account's signature: a new
 * message, a reply or a forward does; a resumed draft (ours or another client's), an Outbox
 * message being edited, or a body reopened after Undo send already has what the person left there
 * (with or without a signature).
 */
export function needsSignature(draft: Pick<ComposeDraft, 'draftId' | 'outboxId' | 'html' | 'keepsBody'>): boolean {
  return !draft.keepsBody && !draft.draftId && !draft.outboxId && !draft.html.includes('class="signature"');
}

/** The empty line a reply or forward starts with, above the quoted original (quote-original.ts). */
const WRITING_LINE = '<p></p>';

/**
 * The body with the signature added: below the empty line the person writes in, above a quoted
 * or forwarded original; at the end of a new message (after a mailto body).
 */
export function withSignature(html: string, signatureHtml: string | null | undefined): string {
  const block = signatureBlockHtml(signatureHtml);
  if (!block) return html;
  if (html.startsWith(WRITING_LINE)) return WRITING_LINE + block + html.slice(WRITING_LINE.length);
  return (html || WRITING_LINE) + block;
}

/** What to do with the signature in the body when the From account changes. */
export type SignatureChange =
  { type: 'keep' } | { type: 'replace'; html: string } | { type: 'remove' } | { type: 'insert'; html: string };

/**
 * When From changes, the new account's signature takes the place of the old one only if the
 * person did not touch it: `current` is the signature now in the body and `inserted` the one the
 * composer put there last (both as the editor prints them, null: none). An edited or deleted
 * signature is the person's text and stays.
 */
export function signatureChange(
  current: string | null,
  inserted: string | null,
  nextSignatureHtml: string | null | undefined,
): SignatureChange {
  if (current !== inserted) return { type: 'keep' };
  const block = signatureBlockHtml(nextSignatureHtml);
  if (current === null) return block ? { type: 'insert', html: block } : { type: 'keep' };
  return block ? { type: 'replace', html: block } : { type: 'remove' };
}

/**
 * Where a signature goes into a body that has none yet (From changed to an account with one), as
 * a position between the editor's top-level blocks: in an answer or a forward after the first
 * block (the line the person writes on, above the quote), else at the end.
 */
export function signatureInsertPosition(answering: boolean, firstBlockEnd: number, end: number): number {
  return answering ? Math.min(firstBlockEnd, end) : end;
}
