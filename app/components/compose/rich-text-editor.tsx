'use client';
import Placeholder from '@tiptap/extension-placeholder';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslations } from 'next-intl';
import { useId, useState, type KeyboardEvent } from 'react';

/**
 * The message body: tiptap (ProseMirror) with the marks and blocks mail needs. Its schema is the
 * sanitizer of what is pasted or quoted in: only paragraphs, lists, quotes, links and marks
 * survive. Links open nothing while editing and take only web and mail addresses.
 */
export function useBodyEditor(initialHtml: string, label: string, placeholder: string, onChange: () => void) {
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
    ],
    content: initialHtml,
    editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'compose-body' } },
    onUpdate: onChange,
  });
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
  const buttons: Array<{ key: Command | 'link'; label: string; glyph: string }> = [
    { key: 'bold', label: t('bold'), glyph: 'B' },
    { key: 'italic', label: t('italic'), glyph: 'I' },
    { key: 'bulletList', label: t('bulletList'), glyph: '•' },
    { key: 'orderedList', label: t('orderedList'), glyph: '1.' },
    { key: 'blockquote', label: t('quote'), glyph: '❝' },
    { key: 'link', label: t('link'), glyph: '🔗' },
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
            <span aria-hidden="true">{b.glyph}</span>
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

export function BodyEditor({ editor }: { editor: Editor | null }) {
  return <EditorContent editor={editor} className="compose-editor" />;
}
