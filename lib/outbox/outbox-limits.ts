/**
 * Most bytes of attachments one message carries, and one user keeps uploaded but unsent. Many
 * providers refuse more than 25 MB (Gmail, Microsoft 365 default 35 MB; base64 grows files by a
 * third, so 25 MiB of files is ≈ 34 MB on the wire). @default 25 MiB
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Unsent uploads per user (several composers open, files replaced). @default 100 MiB */
export const MAX_PENDING_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Longest file name kept (bytes of UTF-8 are bounded again by the MIME encoder). @default 255 */
export const MAX_FILENAME_LENGTH = 255;
/** Longest undo-send delay (issue 11: 0–30 s). */
export const MAX_UNDO_SECONDS = 30;
/** Furthest a message can be scheduled ahead. @default 366 days */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600_000;
