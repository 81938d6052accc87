'use client';
import Image from '@tiptap/extension-image';
import Placeholder from '@tiptap/extension-placeholder';
import type { EditorView } from '@tiptap/pm/view';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { SignatureNode } from './signature-node';

/**
 * The message body: tiptap (ProseMirror) with the marks and blocks mail needs. Its schema is the
 * sanitizer of what is pasted or quoted in: only paragraphs, lists, quotes, links and marks
 * survive. Links open nothing while editing and take only web and mail addresses.
 */
export function useBodyEditor(
  initialHtml: string,
  label: string,
  placeholder: string,
  onChange: () => void,
  onFiles: (files: File[]) => string[],
) {
  // The editor keeps the handlers it was made with: they call the latest callback through this.
  const filesTo = useRef(onFiles);
  filesTo.current = onFiles;
  return useEditor({
    // The page renders on the server first; the editor only exists in the browser.
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' },
      }),
      Placeholder.configure({ placeholder }),
      SignatureNode,
      PastedImage.configure({ inline: true }),
    ],
    content: initialHtml,
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'compose-body' },
      // Files pasted or dropped into the text go to the composer (ProseMirror would otherwise take
      // the paste or drop and the composer would never see them): images come back as object
      // URLs to show where they were put (sent as cid: parts), other files become attachments.
      handlePaste: (view, event) => takeFiles(view, null, event.clipboardData?.files, filesTo.current),
      handleDrop: (view, event) => {
        const at = view.posAtCoords({ left: (event as DragEvent).clientX, top: (event as DragEvent).clientY });
        return takeFiles(view, at?.pos ?? null, (event as DragEvent).dataTransfer?.files, filesTo.current);
      },
    },
    onUpdate: onChange,
  });
}

/**
 * Only images pasted or dropped in this tab (object URLs), and a resumed draft's inline images
 * (shown from the viewer's own uploads, upload-file.ts uploadUrl), are images in the text: a
 * quoted message's or a pasted page's remote pictures would be fetched while writing (a tracking
 * beacon) and could not be sent as parts anyway.
 */
const PastedImage = Image.extend({
  parseHTML: () => [{ tag: 'img[src^="blob:"]' }, { tag: 'img[src^="/api/uploads/"]' }],
});

function takeFiles(
  view: EditorView,
  at: number | null,
  list: FileList | null | undefined,
  onFiles: (files: File[]) => string[],
): boolean {
  const files = Array.from(list ?? []);
  if (!files.length) return false;
  const images = onFiles(files).map((src) => view.state.schema.nodes.image!.create({ src }));
  if (!images.length) return true;
  const tr = view.state.tr;
  if (at === null) tr.deleteSelection();
  view.dispatch(tr.insert(at ?? tr.selection.from, images).scrollIntoView());
  return true;
}

type Command = 'bold' | 'italic' | 'bulletList' | 'orderedList' | 'blockquote';

/**
 * The formatting toolbar (APG toolbar: one tab stop, arrow keys move between buttons; each a
 * toggle with aria-pressed), and the link form it opens.
 */
export function EditorToolbar({ editor }: { editor: Editor | null }) {
  const t = useTranslations('compose');
  const id = useId();
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bulletList: e?.isActive('bulletList') ?? false,
      orderedList: e?.isActive('orderedList') ?? false,
      blockquote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  const run = (command: Command) => {
    if (!editor) return;
    const chain = editor.chain().focus();
    if (command === 'bold') chain.toggleBold().run();
    else if (command === 'italic') chain.toggleItalic().run();
    else if (command === 'bulletList') chain.toggleBulletList().run();
    else if (command === 'orderedList') chain.toggleOrderedList().run();
    else chain.toggleBlockquote().run();
  };
  const buttons: Array<{ key: Command | 'link'; label: string }> = [
    { key: 'bold', label: t('bold') },
    { key: 'italic', label: t('italic') },
    { key: 'bulletList', label: t('bulletList') },
    { key: 'orderedList', label: t('orderedList') },
    { key: 'blockquote', label: t('quote') },
    { key: 'link', label: t('link') },
  ];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (focusIndex + step + buttons.length) % buttons.length;
    setFocusIndex(next);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };
  const applyLink = () => {
    if (!editor) return;
    const value = href.trim();
    if (!value) editor.chain().focus().extendMarkRange('link').unsetLink().run();
    else if (/^(https?:|mailto:)/i.test(value)) editor.chain().focus().extendMarkRange('link').setLink({ href: value }).run();
    else
      editor
        .chain()
        .focus()
        .extendMarkRange('link')
        .setLink({ href: `https://${value}` })
        .run();
    setLinkOpen(false);
  };
  return (
    <>
      <div className="compose-toolbar" role="toolbar" aria-label={t('formatting')} onKeyDown={onKeyDown}>
        {buttons.map((b, i) => (
          <button
            key={b.key}
            type="button"
            className="button compose-format"
            tabIndex={i === focusIndex ? 0 : -1}
            aria-pressed={active?.[b.key] ?? false}
            aria-label={b.label}
            title={b.label}
            disabled={!editor}
            onFocus={() => setFocusIndex(i)}
            onClick={() => {
              if (b.key !== 'link') return run(b.key);
              setHref((editor?.getAttributes('link').href as string | undefined) ?? '');
              setLinkOpen((open) => !open);
            }}
          >
            <FormatIcon path={ICONS[b.key]} />
          </button>
        ))}
      </div>
      {linkOpen ? (
        <div className="compose-link-form" id={id}>
          <label htmlFor={`${id}-href`}>{t('linkAddress')}</label>
          <input
            id={`${id}-href`}
            type="url"
            value={href}
            autoFocus
            onChange={(e) => setHref(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyLink();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setLinkOpen(false);
                editor?.commands.focus();
              }
            }}
          />
          <button type="button" className="button" onClick={applyLink}>
            {t('applyLink')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/**
 * Icons rather than letters: a visible "1." or "B" that is not part of the button's name fails
 * WCAG 2.5.3 (label in name), and the names are translated while the letters are not.
 */
const ICONS: Record<Command | 'link', string> = {
  bold: 'M6 4h8a4 4 0 0 1 0 8H6zM6 12h9a4 4 0 0 1 0 8H6z',
  italic: 'M19 4h-9M14 20H5M15 4 9 20',
  bulletList: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01',
  orderedList: 'M10 6h11M10 12h11M10 18h11M4 6h1v4M4 10h2M6 18H4c0-1 2-2 2-3s-1-1.5-2-1',
  blockquote: 'M5 7h4v4H7c0 2-1 3-2 4M15 7h4v4h-2c0 2-1 3-2 4',
  link: 'M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71',
};

function FormatIcon({ path }: { path: string }) {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={path} />
    </svg>
  );
}

export function BodyEditor({ editor }: { editor: Editor | null }) {
  return <EditorContent editor={editor} className="compose-editor" />;
}
