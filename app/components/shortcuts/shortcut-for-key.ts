/**
 * The inbox's keyboard shortcuts (issue 10, Keyboard), after Gmail's: the mapping from a key press
 * to a command, decided purely (STYLE.md rule 1) so it is tested without a browser; the hook
 * (use-mail-shortcuts.ts) only carries the command out.
 */
export type ShortcutCommand =
  | 'next'
  | 'previous'
  | 'open'
  | 'backToList'
  | 'delete'
  | 'toggleFlag'
  | 'markUnread'
  | 'move'
  | 'search'
  | 'help'
  | 'compose'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'archive';

/** Where the key was pressed: text entry, a control that handles Enter itself, or anything else. */
export type KeyTarget = 'text' | 'control' | 'other';

/** The parts of a KeyboardEvent the decision needs. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** The event's `isComposing` (an IME is building a character): never a shortcut. */
  isComposing?: boolean;
  target: KeyTarget;
}

/** Letters, pressed without Shift (Caps Lock gives the capital with shiftKey false: same command). */
const LETTERS: Record<string, ShortcutCommand> = {
  j: 'next',
  k: 'previous',
  o: 'open',
  u: 'backToList',
  s: 'toggleFlag',
  v: 'move',
  // Sending (issue 11), Gmail's letters.
  c: 'compose',
  r: 'reply',
  a: 'replyAll',
  f: 'forward',
  // Archive to the CRM (issue 12). Gmail's `e` archives too; here the mail stays in its folder
  // and the dialog asks what to link it to.
  e: 'archive',
};

/**
 * Characters typed with whatever modifier the keyboard layout needs (Shift+3 on US, Shift+ß on
 * German): the produced character decides, not the physical key.
 */
const SYMBOLS: Record<string, ShortcutCommand> = {
  '#': 'delete',
  '/': 'search',
  '?': 'help',
};

/** The command for a key press, or null when the key is not ours and must be left alone. */
export function shortcutForKey(press: KeyPress): ShortcutCommand | null {
  // Typing is typing; Ctrl/Alt/Meta combinations belong to the browser and the system (and
  // AltGr, which some layouts need for '#' or '/', reports ctrlKey+altKey: also left alone).
  if (press.target === 'text' || press.isComposing) return null;
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const symbol = SYMBOLS[press.key];
  if (symbol) return symbol;
  // A focused link or button already opens on Enter: a second "open" would fight it.
  if (press.key === 'Enter') return press.target === 'control' || press.shiftKey ? null : 'open';
  if (press.key.length !== 1) return null;
  if (press.shiftKey) return press.key === 'U' ? 'markUnread' : null;
  return LETTERS[press.key.toLowerCase()] ?? null;
}

/**
 * What kind of element a key press came from. Text entry: inputs that take typing (not
 * checkboxes, radios or buttons), textareas, selects (type-to-select) and contenteditable.
 */
export function keyTargetOf(element: Element | null): KeyTarget {
  if (!element) return 'other';
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return 'text';
  if ((element as HTMLElement).isContentEditable) return 'text';
  if (tag === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return NON_TEXT_INPUTS.has(type) ? 'control' : 'text';
  }
  if (tag === 'A' || tag === 'BUTTON' || tag === 'SUMMARY') return 'control';
  const role = element.getAttribute('role');
  if (role && CONTROL_ROLES.has(role)) return 'control';
  return 'other';
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file', 'color', 'range']);
const CONTROL_ROLES = new Set(['button', 'link', 'menuitem', 'option', 'tab', 'checkbox', 'switch']);
