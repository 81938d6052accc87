/** See bundle-server.mjs. */
export function bundleServer(options: { entries: Record<string, string>; outdir: string }): Promise<void>;
