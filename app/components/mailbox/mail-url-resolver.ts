/**
 * Decides, for each image or CSS URL found in a mail, what the reader's frame may load instead:
 * a signed inline URL for `cid:` parts, the signed image-proxy URL for a remote image once the
 * user has said "Show images", a small raster `data:` image as is; anything else nothing. Pure:
 * the server hands out the signed URLs (MessageDetail.inlineImages / remoteImages), this only
 * picks among them, so the frame can never be made to ask for a URL the server did not sign.
 */
export interface MailResources {
  inlineImages: ReadonlyArray<{ contentId: string; url: string }>;
  remoteImages: ReadonlyArray<{ original: string; proxied: string }>;
  /** The user asked to show remote images (through the proxy). */
  showRemote: boolean;
  /** The app's origin: signed URLs are made absolute with it and must stay on it. */
  appOrigin: string;
}

export interface MailUrlResolver {
  /** The URL to load for `raw`, or null to drop the reference. */
  resolve(raw: string): string | null;
  /** How many remote references were dropped because images are not shown. */
  blockedCount(): number;
}

const RASTER_DATA = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp)[;,]/i;
const REMOTE = /^(?:https?:)?\/\//i;

function contentIdKey(id: string): string {
  let key = id.trim().replace(/^<|>$/g, '');
  try {
    key = decodeURIComponent(key); // cid: URLs are %-encoded Content-IDs (RFC 2392)
  } catch {
    // a stray % stays as written
  }
  return key.toLowerCase();
}

/** The same URL written two ways (entities decoded, host case, default port) maps to one key. */
function remoteKey(url: string): string {
  try {
    return new URL(url.trim(), 'https://invalid.invalid').href;
  } catch {
    return url.trim();
  }
}

export function makeMailUrlResolver({ inlineImages, remoteImages, showRemote, appOrigin }: MailResources): MailUrlResolver {
  const ours = (url: string): string | null => {
    try {
      const absolute = new URL(url, appOrigin);
      return absolute.origin === appOrigin ? absolute.href : null;
    } catch {
      return null;
    }
  };
  const inline = new Map<string, string>();
  for (const image of inlineImages) {
    const url = ours(image.url);
    if (url) inline.set(contentIdKey(image.contentId), url);
  }
  const proxied = new Map<string, string>();
  for (const image of remoteImages) {
    const url = ours(image.proxied);
    if (url) proxied.set(remoteKey(image.original), url);
  }
  let blocked = 0;
  return {
    resolve(raw) {
      if (/^cid:/i.test(raw)) return inline.get(contentIdKey(raw.slice(4))) ?? null;
      if (RASTER_DATA.test(raw)) return raw;
      if (!REMOTE.test(raw)) return null;
      if (!showRemote) {
        blocked += 1;
        return null;
      }
      return proxied.get(remoteKey(raw.startsWith('//') ? `https:${raw}` : raw)) ?? null;
    },
    blockedCount: () => blocked,
  };
}
