/**
 * Which message r, a and f answer or forward (issue 11: "from the reader, the list and the
 * keyboard"), decided purely: the open message; else the row the keyboard is on in the list (the
 * focused row, or the row whose menu has focus); else the one message ticked in the list. Several
 * ticked and none open or focused: no single message is meant, so nothing.
 */
export function answerTarget(open: string | null, focusedRow: string | null, checkedRows: readonly string[]): string | null {
  if (open) return open;
  if (focusedRow) return focusedRow;
  return checkedRows.length === 1 ? checkedRows[0]! : null;
}
