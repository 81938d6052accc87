'use client';
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { syncFailureLink } from '../../client/mail-error';
import { needsOAuthSignIn, oauthStartHref } from '../../client/oauth-start-href';
import type { ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { ActionStatus, type ActionStatusView } from './action-status';
import { sortFolders } from './folder-order';
import { FolderPane } from './folder-pane';
import { MAIL_ACCOUNTS, type MailAccountView } from './mail-account-queries';
import { MessageList } from './message-list';
import { MessageReaderPane } from './message-reader-pane';
import { MAILBOX_CHANGED, SYNC_PROGRESS, type SyncProgressView } from './message-queries';
import { SyncProgressBar } from './sync-progress-bar';
import { useFolderMessages } from './use-folder-messages';
import { useFolderName } from './use-folder-name';
import type { RemovedNotice } from './use-message-actions';
import { selectionHref, useMailboxSelection } from './use-mailbox-selection';
import { SearchBox } from '../search/search-box';
import { SearchResults } from '../search/search-results';
import { MailShortcuts } from '../shortcuts/mail-shortcuts';
import { ComposeHost } from '../compose/compose-host';
import { OUTBOX_FOLDER } from '../compose/outbox-entry';
import { OutboxView } from '../compose/outbox-view';

/** Refetch at most this often while events stream in during an import. @default 400 ms */
const REFRESH_THROTTLE_MS = 400;

/**
 * The live mailbox: folders with unread counts, the message list, the reader, import progress;
 * updates without reload. What is open lives in the URL (useMailboxSelection); on a narrow
 * screen (CSS, ≤ 768 px) only the reader shows while a message is open.
 */
export function MailboxOverview({ accounts }: { accounts: MailAccountView[] }) {
  const t = useTranslations('mailbox');
  const errorText = useErrorText();
  const folderName = useFolderName();
  const [selection, select, pathname] = useMailboxSelection();
  const account = accounts.find((a) => a.id === selection.account) ?? accounts[0]!;
  const folders = sortFolders(account.folders);
  const folder = folders.find((f) => f.id === selection.folder) ?? folders[0];
  const messageId = selection.message;
  const outboxOpen = selection.folder === OUTBOX_FOLDER;
  const [progress, setProgress] = useState<SyncProgressView | null>(account.syncProgress);
  const [actionStatus, setActionStatus] = useState<ActionStatusView | null>(null);
  const apollo = useApolloClient();

  const list = useFolderMessages(folder?.id ?? null);
  // The throttled refresh runs later: it must reload the folder shown then, not when it was asked.
  const listNow = useRef(list);
  listNow.current = list;
  const accountsQuery = useQuery(MAIL_ACCOUNTS, { fetchPolicy: 'cache-only' });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefresh = () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      listNow.current.refresh();
      void accountsQuery.refetch();
    }, REFRESH_THROTTLE_MS);
  };
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  // The account query carries the runner's latest status: take it whenever it is refetched, and
  // poll it while an import runs, so a progress event missed before the socket was up (a small
  // mailbox imports in well under a second) cannot leave a stale bar behind.
  useEffect(() => setProgress(account.syncProgress), [account.syncProgress]);
  const active =
    progress?.phase === 'CONNECTING' ||
    progress?.phase === 'IMPORTING' ||
    progress?.phase === 'BACKFILLING' ||
    progress?.phase === 'INDEXING';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void accountsQuery.refetch(), 2000);
    return () => clearInterval(timer);
  }, [active, accountsQuery]);

  useSubscription(MAILBOX_CHANGED, {
    variables: { accountId: account.id },
    onData: ({ data: event }) => {
      const failure = event.data?.mailboxChanged.action;
      // The mail server refused an action for good: the sync rolled it back; say why, and let the
      // open message show the rolled-back state (the list follows through scheduleRefresh).
      if (failure) {
        setActionStatus({
          type: 'failed',
          problem: {
            code: failure.errorCode,
            message: failure.errorMessage,
            role: failure.errorRole ?? undefined,
          },
        });
        void apollo.refetchQueries({ include: ['MessageDetail'] });
      }
      scheduleRefresh();
    },
  });
  useSubscription(SYNC_PROGRESS, {
    variables: { accountId: account.id },
    onData: ({ data: event }) => {
      if (!event.data) return;
      setProgress(event.data.syncProgress);
      if (event.data.syncProgress.phase === 'LIVE' || event.data.syncProgress.phase === 'ERROR') scheduleRefresh();
    },
  });

  const failing = account.status !== 'CONNECTED' || progress?.phase === 'ERROR';
  const errorCode = progress?.errorCode ?? account.lastErrorCode;
  const errorMessage = progress?.errorMessage ?? account.lastErrorMessage;
  const remedy = syncFailureLink(account.status, errorCode);
  // After a move, delete or spam (from the reader or a shortcut) the reader closes and the status
  // line offers Undo.
  const onMessageAction = {
    onRemoved: (notice: RemovedNotice) => {
      setActionStatus({ type: 'removed', notice });
      select({ message: null });
    },
    onError: (problem: ErrorInfo) => setActionStatus({ type: 'failed', problem }),
  };
  return (
    <section className={messageId ? 'mailbox reading' : 'mailbox'} aria-labelledby="inbox-title">
      <FolderPane
        accounts={accounts}
        account={account}
        currentFolderId={outboxOpen ? OUTBOX_FOLDER : (folder?.id ?? null)}
        onSelect={(accountId, folderId) => select({ account: accountId, folder: folderId, message: null, q: null })}
        onMoved={(notice) => setActionStatus({ type: 'removed', notice })}
        onError={(problem) => setActionStatus({ type: 'failed', problem })}
      />
      <div className="message-list">
        <SearchBox
          query={selection.q}
          // The same search again asks again (the URL would not change): mail may have been
          // indexed since.
          onSearch={(q) =>
            q && q === selection.q ? void apollo.refetchQueries({ include: ['SearchMessages'] }) : select({ q, message: null })
          }
        />
        {failing ? (
          <p role="alert" className="alert">
            {errorCode ? errorText({ code: errorCode, message: errorMessage ?? undefined }) : (errorMessage ?? t('cannotSync'))}{' '}
            {needsOAuthSignIn(account, errorCode) ? (
              <a href={oauthStartHref({ provider: account.imap.oauthProvider, account: account.id, from: 'inbox' })}>
                {t('signInAgain')}
              </a>
            ) : remedy ? (
              <a href={remedy.href}>{t('remedy', { remedy: remedy.label })}</a>
            ) : null}
          </p>
        ) : null}
        <SyncProgressBar progress={progress} />
        <ActionStatus status={actionStatus} folders={folders} onChange={setActionStatus} />
        {outboxOpen && !selection.q ? (
          <OutboxView />
        ) : selection.q ? (
          <SearchResults
            query={selection.q}
            accounts={accounts}
            selectedId={messageId}
            hrefFor={(r) =>
              selectionHref(pathname, { account: r.accountId, folder: r.folderId, message: r.messageId, q: selection.q })
            }
          />
        ) : (
          <MessageList
            list={list}
            counts={{ total: folder?.totalCount ?? 0, unread: folder?.unreadCount ?? 0 }}
            progress={progress}
            folderName={folder ? folderName(folder) : ''}
            selectedId={messageId}
            hrefFor={(id) => selectionHref(pathname, { account: account.id, folder: folder?.id ?? null, message: id, q: null })}
            bulk={
              folder
                ? {
                    folderId: folder.id,
                    folders,
                    onRemoved: (notice) => {
                      setActionStatus({ type: 'removed', notice });
                      if (messageId && notice.messageIds.includes(messageId)) select({ message: null });
                    },
                    onError: (problem) => setActionStatus({ type: 'failed', problem }),
                  }
                : null
            }
          />
        )}
      </div>
      {messageId ? (
        <MessageReaderPane
          messageId={messageId}
          folders={folders}
          onBack={() => select({ message: null })}
          {...onMessageAction}
        />
      ) : null}
      <MailShortcuts messageId={messageId} onClose={() => select({ message: null })} {...onMessageAction} />
      <ComposeHost accounts={accounts} />
    </section>
  );
}
