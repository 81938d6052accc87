'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { useImageSenderTrust } from './use-image-sender-trust';

/**
 * "Remote images are hidden": Show images (this message, this time) or, when the sender is known
 * and the reader is a real one (`sender`), Always show images from <sender> (stored for the user
 * on the server; removed again in E-mail options).
 */
export function RemoteImagesBar({ sender, onShow }: { sender: string | null; onShow: () => void }) {
  const t = useTranslations('reader');
  const errorText = useErrorText();
  const { trust, busy } = useImageSenderTrust();
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const always = (address: string) => {
    setProblem(null);
    // Shown at once on success (the refetched message says imagesTrusted a moment later); on a
    // failure the bar stays, saying why.
    trust(address).then(onShow, (error: unknown) => setProblem(errorInfo(error)));
  };
  return (
    <div className="remote-images-bar" role="status">
      <span>{t('remoteHidden')}</span>
      <span className="actions">
        <button type="button" className="button" onClick={onShow}>
          {t('showImages')}
        </button>
        {sender ? (
          <button type="button" className="button" disabled={busy} onClick={() => always(sender)}>
            {t('alwaysShowImages', { sender })}
          </button>
        ) : null}
      </span>
      {problem ? (
        <span role="alert" className="field-error">
          {t('trustFailed', { reason: errorText(problem) })}
        </span>
      ) : null}
    </div>
  );
}

/** Shown instead of the bar when the sender is trusted: says why images show, and undoes it. */
export function TrustedImagesNote({ sender }: { sender: string }) {
  const t = useTranslations('reader');
  const errorText = useErrorText();
  const { untrust, busy } = useImageSenderTrust();
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  return (
    <p className="trusted-images-note muted">
      <span>{t('imagesTrusted', { sender })}</span>{' '}
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => untrust(sender).catch((error: unknown) => setProblem(errorInfo(error)))}
      >
        {t('askAgain')}
      </button>
      {problem ? (
        <span role="alert" className="field-error">
          {t('trustFailed', { reason: errorText(problem) })}
        </span>
      ) : null}
    </p>
  );
}
