'use client';
import LinkifyIt from 'linkify-it';
import type { ReactNode } from 'react';

const linkify = new LinkifyIt();
const SAFE_LINK = /^(?:https?:|mailto:)/i;

/**
 * A plain-text body as text (white-space: pre-wrap), with web and mail addresses as links that
 * open in a new tab. Built as React nodes from linkify-it's matches: the raw text is never HTML.
 */
export function PlainTextBody({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of linkify.match(text) ?? []) {
    if (!SAFE_LINK.test(match.url)) continue; // protocol-relative "//…" and ftp: stay text
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <a key={match.index} href={match.url} target="_blank" rel="noopener noreferrer" title={match.url}>
        {match.text}
      </a>,
    );
    last = match.lastIndex;
  }
  parts.push(text.slice(last));
  return <div className="mail-text">{parts}</div>;
}
