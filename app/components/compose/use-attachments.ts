'use client';
import { useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENTS_BYTES, filesWithinLimit } from './compose-limits';
import type { InlineUpload } from './html-with-cids';
import { deleteUpload, uploadFile, type UploadFailure, type UploadedFile } from './upload-file';

export interface AttachmentItem {
  key: string;
  filename: string;
  size: number;
  /** Bytes sent so far. */
  sent: number;
  uploaded: UploadedFile | null;
  /** The picked file, kept to upload again when the composer reopens after Undo send. */
  file: File | null;
  failure: UploadFailure['code'] | null;
  /** An image pasted or dropped into the text: shown from `src` (an object URL), sent as `cid:<contentId>`. */
  inline?: { src: string; contentId: string };
}

/** A pasted image of a message taken back with Undo send: uploaded again, shown from the same URL. */
export interface KeptInlineImage {
  file: File;
  src: string;
  contentId: string;
}

/** The raster types mail clients show inline (the server checks the bytes again). */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The composer's attachments: each picked, dropped or pasted file is checked against the total
 * `limit` first (25 MiB, or less for an SMTP server with a smaller SIZE; refused files are named
 * at once, nothing uploaded), then uploaded with progress.
 * Removing one aborts its upload or deletes it on the server. `reupload` are files of a message
 * taken back with Undo send: the server used up their uploads when it queued the message, so
 * they are uploaded again. `uploads` are already on the server (a resumed draft's files).
 */
export function useAttachments(
  reupload: readonly File[],
  uploads: readonly UploadedFile[] = [],
  limit: number = MAX_ATTACHMENTS_BYTES,
  reuploadInline: readonly KeptInlineImage[] = [],
  /** The account the message goes from: the upload route checks its SMTP SIZE too. */
  accountId = '',
  /** Inline images already uploaded (a resumed draft's). */
  inlineUploads: readonly InlineUpload[] = [],
) {
  const [items, setItems] = useState<AttachmentItem[]>(() => [
    ...uploads.map((u) => ({
      key: u.id,
      filename: u.filename,
      size: u.size,
      sent: u.size,
      uploaded: u,
      file: null,
      failure: null,
    })),
    ...inlineUploads.map(({ upload: u, src, contentId }) => ({
      key: u.id,
      filename: u.filename,
      size: u.size,
      sent: u.size,
      uploaded: u,
      file: null,
      failure: null,
      inline: { src, contentId },
    })),
  ]);
  const [refused, setRefused] = useState<string[]>([]);
  const aborts = useRef(new Map<string, AbortController>());
  // Object URLs of pasted images are not revoked when the composer closes: after Undo send the
  // reopened composer shows the same images from the same URLs (they go with the page).
  useEffect(() => {
    const running = aborts.current;
    return () => running.forEach((a) => a.abort());
  }, []);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || (!reupload.length && !reuploadInline.length)) return;
    started.current = true;
    add([...reupload.map((file) => ({ file })), ...reuploadInline.map(({ file, ...shown }) => ({ file, shown }))]);
  });

  const update = (key: string, change: Partial<AttachmentItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  /**
   * Uploads files; those `shown` in the text (raster images pasted or dropped there) carry their
   * object URL and the Content-ID they are sent under, and count towards the same limit.
   */
  const add = (entries: ReadonlyArray<{ file: File; shown?: { src: string; contentId: string } }>) => {
    if (!entries.length) return;
    const attached = items.filter((i) => i.failure === null).reduce((sum, i) => sum + i.size, 0);
    const { accepted, refused: tooMuch } = filesWithinLimit(
      attached,
      entries.map((e) => ({ ...e, size: e.file.size })),
      limit,
    );
    setRefused(tooMuch.map((e) => e.file.name));
    for (const { file, shown } of accepted) {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const abort = new AbortController();
      aborts.current.set(key, abort);
      const item = { key, filename: file.name, size: file.size, sent: 0, uploaded: null, file, failure: null, inline: shown };
      setItems((list) => [...list, item]);
      uploadFile(file, accountId, (sent) => update(key, { sent }), abort.signal)
        .then((uploaded) => update(key, { uploaded, sent: file.size }))
        .catch((failure: UploadFailure) => {
          if (failure.code !== 'ABORTED') update(key, { failure: failure.code });
        })
        .finally(() => aborts.current.delete(key));
    }
    return accepted;
  };

  /**
   * Pasted or dropped files: raster images go into the text (an object URL to show, a Content-ID
   * to be sent under), anything else becomes an attachment. Returns the URLs of the images taken.
   */
  const addPasted = (files: readonly File[]): string[] =>
    (
      add(
        files.map((file) =>
          INLINE_TYPES.has(file.type)
            ? { file, shown: { src: URL.createObjectURL(file), contentId: `${crypto.randomUUID()}@inline` } }
            : { file },
        ),
      ) ?? []
    ).flatMap((e) => (e.shown ? [e.shown.src] : []));

  const remove = (key: string) => {
    const item = items.find((i) => i.key === key);
    aborts.current.get(key)?.abort();
    if (item?.uploaded) deleteUpload(item.uploaded.id);
    setItems((list) => list.filter((i) => i.key !== key));
  };

  return {
    items,
    refused,
    /** Bytes of files (attachments and inline images together) this message may carry. */
    limit,
    /** Bytes of files it carries now. */
    bytes: items.filter((i) => i.failure === null).reduce((sum, i) => sum + i.size, 0),
    add: (files: readonly File[]) => void add(files.map((file) => ({ file }))),
    addPasted,
    remove,
    uploading: items.some((i) => !i.uploaded && !i.failure),
    failed: items.some((i) => i.failure),
    /** The attachments proper (inline images travel as `inlineImages`). */
    uploaded: items.flatMap((i) => (i.uploaded && !i.inline ? [i.uploaded] : [])),
    /** Inline images uploaded, for htmlWithCids. */
    inline: items.flatMap((i) => (i.uploaded && i.inline ? [{ ...i.inline, uploadId: i.uploaded.id }] : [])),
    files: items.flatMap((i) => (i.uploaded && i.file && !i.inline ? [i.file] : [])),
    /** Pasted images uploaded, to show and upload again after Undo send. */
    inlineFiles: items.flatMap((i) => (i.uploaded && i.file && i.inline ? [{ file: i.file, ...i.inline }] : [])),
  };
}
