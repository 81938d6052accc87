/** An image pasted or dropped into the text: shown from `src` while writing, sent as `cid:<contentId>`. */
export interface InlineImageRef {
  src: string;
  uploadId: string;
  contentId: string;
}

/** An inline image already uploaded (a resumed draft's): shown from `src`, sent as `cid:<contentId>`. */
export interface InlineUpload {
  contentId: string;
  src: string;
  upload: { id: string; filename: string; contentType: string; size: number };
}

/** Where the composer shows a resumed draft's inline image from (upload-file.ts uploadUrl). */
const UPLOADS_PREFIX = '/api/uploads/';

const IMG_SRC = /(<img\b[^>]*?\ssrc=")([^"]*)("[^>]*>)/gi;

/**
 * The body as it is sent: every `<img src>` that is one of the pasted images (an object URL in
 * the editor) now names its part as `cid:<contentId>` (RFC 2392), and the images the text still
 * shows, each once, in order — an image deleted from the text is not sent. An object URL (or an
 * upload's URL) that is no uploaded image (its upload failed or was removed) is dropped: it means
 * nothing outside this browser tab. Other images are left as they are.
 */
export function htmlWithCids(
  html: string,
  images: readonly InlineImageRef[],
): { html: string; inlineImages: Array<{ uploadId: string; contentId: string }> } {
  const bySrc = new Map(images.map((i) => [i.src, i]));
  const used = new Map<string, { uploadId: string; contentId: string }>();
  const out = html.replace(IMG_SRC, (whole, before: string, src: string, after: string) => {
    const image = bySrc.get(src);
    if (!image) return src.startsWith('blob:') || src.startsWith(UPLOADS_PREFIX) ? '' : whole;
    used.set(image.contentId, { uploadId: image.uploadId, contentId: image.contentId });
    return `${before}cid:${image.contentId}${after}`;
  });
  return { html: out, inlineImages: [...used.values()] };
}

/**
 * The other way, for a resumed draft: each `<img src="cid:…">` whose part came back as an upload
 * shows that upload (`src`); htmlWithCids names it `cid:` again when the draft is saved or sent.
 */
export function htmlWithUploadUrls(html: string, images: readonly InlineUpload[]): string {
  const byCid = new Map(images.map((i) => [i.contentId, i.src]));
  return html.replace(IMG_SRC, (whole, before: string, src: string, after: string) => {
    const shown = src.startsWith('cid:') ? byCid.get(src.slice(4)) : undefined;
    return shown ? `${before}${shown}${after}` : whole;
  });
}
