import { EMPTY_DRAFT, type ComposeDraft } from './compose-draft';
import type { OutboxEditView } from './compose-queries';
import { escapeHtml } from './quote-original';

/**
 * The composer's draft for an Outbox message being edited (editOutboxMessage): the same fields,
 * still an answer to the same message (replyToMessageId: the thread headers are taken again),
 * its files as the uploads the server made of them, Send and archive as it was. A forward's files are among those uploads,
 * so it is not a forward any more (the files would go twice).
 */
export function draftFromOutboxEdit(edit: OutboxEditView): ComposeDraft {
  return {
    ...EMPTY_DRAFT,
    accountId: edit.accountId,
    to: edit.to,
    cc: edit.cc,
    bcc: edit.bcc,
    subject: edit.subject,
    html:
      edit.html ??
      edit.text
        .split('\n')
        .map((line) => `<p>${escapeHtml(line)}</p>`)
        .join(''),
    replyToMessageId: edit.replyToMessageId,
    uploads: edit.attachments,
    outboxId: edit.outboxId,
    archive: edit.archive,
  };
}
