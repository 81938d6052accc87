/**
 * Every string the reader shows, in one place, so the i18n issue (next-intl, English and Dutch
 * catalogs) moves one module instead of hunting literals through the components.
 */
export const readerStrings = {
  readerLabel: 'Message',
  readerPaneLabel: 'Reader',
  back: 'Back to messages',
  loading: 'Opening the message…',
  notFound: 'This message is no longer here: it was moved or deleted.',
  loadFailed: (reason: string) => `Could not open the message: ${reason}`,
  noSubject: '(no subject)',
  noSender: '(no sender)',
  from: 'From',
  to: 'To',
  cc: 'Cc',
  date: 'Date',
  headersLabel: 'Message headers',
  attachmentsLabel: 'Attachments',
  downloadEml: 'Download .eml',
  unnamedAttachment: 'Unnamed attachment',
  attachmentLabel: (name: string, type: string, size: string) => `${name}, ${type}, ${size}`,
  remoteHidden: 'Remote images are hidden to protect your privacy.',
  showImages: 'Show images',
  /** The mail body's iframe title (screen readers announce it). */
  bodyFrameTitle: 'Message body',
  noBody: 'This message has no text.',
  parseError: (detail: string) => `Part of this message could not be read: ${detail}`,
} as const;
