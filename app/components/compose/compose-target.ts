/**
 * What the composer is open for, kept in the inbox URL (`/inbox?…&compose=reply:<id>`) like the
 * rest of the selection (use-mailbox-selection.ts): reload and back keep it, a link opens it.
 * `draft:<id>` resumes a message of a Drafts folder (draftFromMessage); `saved:<id>` one of our
 * saved drafts by its id (resumeDraft: after Undo send, so a reload or another browser opens it
 * again). `mailto` rides beside it (`compose=new&mailto=<url>`, from /compose?mailto=…).
 * `restore` is a composer reopened with content kept in the page (Edit in the Outbox).
 */
export type ComposeMode = 'new' | 'reply' | 'replyAll' | 'forward';
export type ComposeTarget =
  | { mode: 'new' }
  /** `messageId`: a stored message's id; for `saved`, the draft's id. */
  | { mode: 'reply' | 'replyAll' | 'forward' | 'draft' | 'saved'; messageId: string }
  | { mode: 'restore' };

const PREFIX = { reply: 'reply', replyAll: 'all', forward: 'fwd', draft: 'draft', saved: 'saved' } as const;
const MODES = { reply: 'reply', all: 'replyAll', fwd: 'forward', draft: 'draft', saved: 'saved' } as const;
/** Ids are UUIDs or numbers: anything longer is not one. @default 64 */
const MAX_ID_CHARS = 64;

export function composeParam(target: ComposeTarget): string {
  return target.mode === 'new' || target.mode === 'restore' ? target.mode : `${PREFIX[target.mode]}:${target.messageId}`;
}

export function parseComposeParam(value: string | null): ComposeTarget | null {
  if (value === 'new' || value === 'restore') return { mode: value };
  const match = value ? /^(reply|all|fwd|draft|saved):([\w-]{1,64})$/.exec(value) : null;
  if (!match || match[2]!.length > MAX_ID_CHARS) return null;
  return { mode: MODES[match[1] as keyof typeof MODES], messageId: match[2]! };
}

/** The current URL with the composer opened for `target` (null: closed, `mailto` dropped too). */
export function composeHref(pathname: string, search: string, target: ComposeTarget | null, mailto?: string): string {
  const params = new URLSearchParams(search);
  params.delete('mailto');
  if (target) params.set('compose', composeParam(target));
  else params.delete('compose');
  if (target && mailto) params.set('mailto', mailto);
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}
