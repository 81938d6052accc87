'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import './composer.css';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { SET_SIGNATURE } from '../mailbox/mail-account-queries';
import { BodyEditor, EditorToolbar, useBodyEditor } from './rich-text-editor';

/** The server keeps at most this many characters of signature HTML (graphql/signature.ts). */
const MAX_SIGNATURE_CHARS = 20_000;

/**
 * E-mail options → one account's signature (issue 11): the composer's own editor and toolbar,
 * so a signature holds exactly what a message body can (marks, lists, links), and Save. An empty
 * editor removes the signature.
 */
export function SignatureSettings({ account }: { account: { id: string; email: string; signatureHtml: string | null } }) {
  const t = useTranslations('signature');
  const errorText = useErrorText();
  const id = useId();
  const [status, setStatus] = useState<'saved' | 'tooLong' | ErrorInfo | null>(null);
  const [save, saving] = useMutation(SET_SIGNATURE);
  // Files have no place in a signature: dropped or pasted ones are ignored.
  const editor = useBodyEditor(
    account.signatureHtml ?? '',
    t('editor', { email: account.email }),
    t('placeholder'),
    () => setStatus(null),
    () => [],
  );

  const submit = async () => {
    if (!editor) return;
    const html = editor.isEmpty ? null : editor.getHTML();
    if (html && html.length > MAX_SIGNATURE_CHARS) return setStatus('tooLong');
    try {
      await save({ variables: { accountId: account.id, html } });
      setStatus('saved');
    } catch (caught) {
      setStatus(errorInfo(caught));
    }
  };

  return (
    <section className="stack signature-settings" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('title')}</h4>
      <p className="muted">{t('hint')}</p>
      <EditorToolbar editor={editor} />
      <BodyEditor editor={editor} />
      <div className="actions">
        <button type="button" className="button" onClick={submit} disabled={!editor || saving.loading}>
          {t('save')}
        </button>
        <span role="status" className={status && status !== 'saved' ? 'field-error' : 'muted'}>
          {status === 'saved'
            ? t('saved')
            : status === 'tooLong'
              ? t('tooLong', { max: MAX_SIGNATURE_CHARS })
              : status
                ? errorText(status)
                : null}
        </span>
      </div>
    </section>
  );
}
