import type { HighlightedTextView } from './search-queries';

/**
 * Text with the search's matches in <mark>, built as React text nodes (never HTML: the text is
 * a stranger's mail). Ranges are UTF-16 offsets, which is what String.slice counts; ranges that
 * overlap, run backwards or reach past the end are clipped rather than trusted.
 */
export function HighlightedText({ value }: { value: HighlightedTextView }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  const ranges = [...value.matches].sort((a, b) => a.start - b.start);
  for (const { start, length } of ranges) {
    const from = Math.max(start, at);
    const to = Math.min(start + length, value.text.length);
    if (to <= from) continue;
    if (from > at) parts.push(value.text.slice(at, from));
    parts.push(<mark key={from}>{value.text.slice(from, to)}</mark>);
    at = to;
  }
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}
