/**
 * The message rows on screen, found by what they are rather than by a component's internals:
 * links inside the list pane whose URL names a message (the folder list and the search results
 * alike, virtualized or not). Their order on screen is the order j/k walk.
 */
const LIST_PANE = '.message-list';

export function messageRowLinks(): HTMLAnchorElement[] {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>(`${LIST_PANE} a[href]`)).filter(
    (link) => messageIdOf(link) !== null,
  );
}

/** The message a row link opens, from its `message=` query parameter. */
export function messageIdOf(link: HTMLAnchorElement): string | null {
  try {
    return new URL(link.href, window.location.href).searchParams.get('message');
  } catch {
    return null;
  }
}

export function messageRowLink(messageId: string): HTMLAnchorElement | null {
  return messageRowLinks().find((link) => messageIdOf(link) === messageId) ?? null;
}

/** The row the keyboard is on: the focused one, else the open message's (aria-current). */
export function currentRowIndex(links: HTMLAnchorElement[]): number {
  const focused = links.findIndex((link) => link.contains(document.activeElement));
  return focused >= 0 ? focused : links.findIndex((link) => link.getAttribute('aria-current') === 'true');
}

export function searchInput(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>(`${LIST_PANE} form[role="search"] input`);
}

/** The message of the row the keyboard is in (its link, its menu button), or null. */
export function focusedRowMessageId(): string | null {
  const row = document.activeElement?.closest(`${LIST_PANE} li`);
  const link = row?.querySelector<HTMLAnchorElement>('a[href]');
  return link ? messageIdOf(link) : null;
}

/** The messages whose rows are ticked on screen (their checkbox), in list order. */
export function checkedRowMessageIds(): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>(`${LIST_PANE} li input[type="checkbox"]:checked`)).flatMap(
    (box) => {
      const link = box.closest('li')?.querySelector<HTMLAnchorElement>('a[href]');
      const id = link ? messageIdOf(link) : null;
      return id ? [id] : [];
    },
  );
}
