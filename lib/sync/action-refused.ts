import type { ImapFlow } from 'imapflow';
import type { MissingFolderRole } from '../mail-folders/missing-folder.ts';
import { ConnectionLostError } from './sync-session.ts';

/**
 * The server refused an action for good (a tagged NO/BAD, the folder gone, a folder not empty):
 * the action fails and its local change is rolled back (run-mail-actions.ts). Anything else
 * thrown while carrying out an action leaves it pending for the next connection.
 */
export class ActionRefused extends Error {
  constructor(
    readonly code:
      'MAIL_ACTION_REFUSED' | 'MAIL_FOLDER_GONE' | 'MAIL_FOLDER_MISSING' | 'MAIL_FOLDER_EXISTS' | 'MAIL_FOLDER_NOT_EMPTY',
    detail: string,
    /** For the UI: MAIL_FOLDER_MISSING's `role` (lib/mail-folders/missing-folder.ts). */
    readonly details?: { role: MissingFolderRole },
  ) {
    super(detail);
  }
}

/** A command that failed on a connection still usable was refused by the server; otherwise the connection went. */
export function refusedOr(client: ImapFlow, error: unknown, code: ActionRefused['code'], what: string): Error {
  if (!client.usable) return new ConnectionLostError(what);
  const response = (error as { responseText?: string } | null)?.responseText;
  return new ActionRefused(code, response ? `${what}: ${response}` : `${what} was refused`);
}
