/**
 * The raster image type of a file from its first bytes (PNG, JPEG, GIF, WebP), or null. Inline
 * images are sent as `cid:` parts that mail clients render without asking: the type is taken
 * from the bytes, never from what the uploader claimed, so an SVG (scripts) or an HTML file
 * cannot travel as an "image".
 */
export function rasterImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif'; // "GIF8" (87a and 89a)
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF….WEBP
  return null;
}
