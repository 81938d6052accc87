import { mergeAttributes, Node } from '@tiptap/react';

/**
 * The signature block in the body (signature.ts decides where it goes). Its own node, so the
 * editor keeps it as one piece it can find and swap when From changes, and so the sig dash
 * (RFC 3676 §4.3: `-- `, with the space) is drawn and sent exactly, outside the editable text.
 * It reads both the block the composer inserts (`<div class="signature">…`) and what it printed
 * itself (a draft or an Undo send reopened).
 */
export const SignatureNode = Node.create({
  name: 'signature',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  parseHTML() {
    return [
      {
        tag: 'div.signature',
        contentElement: (dom) =>
          (dom as HTMLElement).querySelector<HTMLElement>(':scope > .signature-body') ?? (dom as HTMLElement),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'div',
      mergeAttributes(HTMLAttributes, { class: 'signature' }),
      ['div', { class: 'signature-dash' }, '-- '],
      ['div', { class: 'signature-body' }, 0],
    ];
  },
  // In the editor the dash is not editable text; the sent HTML (renderHTML) carries no editing attributes.
  addNodeView() {
    return () => {
      const dom = document.createElement('div');
      dom.className = 'signature';
      const dash = document.createElement('div');
      dash.className = 'signature-dash';
      dash.contentEditable = 'false';
      dash.textContent = '-- ';
      const contentDOM = document.createElement('div');
      contentDOM.className = 'signature-body';
      dom.append(dash, contentDOM);
      return { dom, contentDOM };
    };
  },
  // The plain-text alternative: the sig dash on its own line, then the signature's lines.
  renderText({ node }) {
    return `-- \n${node.textBetween(0, node.content.size, '\n')}`;
  },
});
