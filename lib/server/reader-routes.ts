import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../app-services.ts';
import { serveImageProxy } from './image-proxy-route.ts';
import { serveInlineImage } from './inline-image-route.ts';
import { serveMessageSource } from './message-source-route.ts';

/**
 * The reader's routes (issue 10): the .eml source, inline `cid:` images and the image proxy.
 * Returns false when `url` is none of them.
 */
export async function serveReaderRoute(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  return (
    (await serveMessageSource(services, req, res, url)) ||
    (await serveInlineImage(services, req, res, url)) ||
    (await serveImageProxy(services, req, res, url))
  );
}
