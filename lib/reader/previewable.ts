/**
 * The attachment types the reader previews inline (issue 10: "inline preview only for raster
 * images, never HTML or SVG on the app's origin"). The declared type only chooses whether to
 * offer a preview: the inline route serves the bytes only when they sniff as a raster image, with
 * that sniffed type and nosniff (lib/server/inline-image-route.ts), so a mislabelled SVG or HTML
 * part never renders.
 */
const PREVIEW_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp']);

/** Larger images are offered as downloads only: a preview should not pull megabytes unasked. @default 5 MiB */
export const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

export function previewable(part: { contentType: string; size: number }): boolean {
  const type = part.contentType.split(';', 1)[0]!.trim().toLowerCase();
  return PREVIEW_TYPES.has(type) && part.size > 0 && part.size <= MAX_PREVIEW_BYTES;
}
