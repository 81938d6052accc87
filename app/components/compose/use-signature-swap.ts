'use client';
import { Fragment } from '@tiptap/pm/model';
import { getHTMLFromFragment, type Editor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import { signatureChange, signatureInsertPosition } from './signature';

/** The signature block now in the body, as the editor prints it, and where it is; null: none. */
function findSignature(editor: Editor): { html: string; from: number; to: number } | null {
  let found: { html: string; from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name !== 'signature') return true;
    found = { html: getHTMLFromFragment(Fragment.from(node), editor.schema), from: pos, to: pos + node.nodeSize };
    return false;
  });
  return found;
}

/**
 * Keeps track of the signature the composer put in the body and, when From changes, carries out
 * signatureChange: the new account's signature replaces an untouched one; an edited one stays.
 * `answering`: a reply or forward, whose signature goes above the quote.
 */
export function useSignatureSwap(
  editor: Editor | null,
  answering: boolean,
): (nextSignatureHtml: string | null | undefined) => void {
  const inserted = useRef<string | null>(null);
  const recorded = useRef(false);
  useEffect(() => {
    if (!editor || recorded.current) return;
    recorded.current = true;
    inserted.current = findSignature(editor)?.html ?? null;
  }, [editor]);

  return (nextSignatureHtml) => {
    if (!editor) return;
    const current = findSignature(editor);
    const change = signatureChange(current?.html ?? null, inserted.current, nextSignatureHtml);
    if (change.type === 'keep') return;
    const { doc } = editor.state;
    if (change.type === 'insert')
      editor.commands.insertContentAt(
        signatureInsertPosition(answering, doc.firstChild?.nodeSize ?? 0, doc.content.size),
        change.html,
      );
    else if (current && change.type === 'replace')
      editor.commands.insertContentAt({ from: current.from, to: current.to }, change.html);
    else if (current) editor.commands.deleteRange({ from: current.from, to: current.to });
    inserted.current = findSignature(editor)?.html ?? null;
  };
}
