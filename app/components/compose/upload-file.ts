/** An upload as POST /api/uploads answers it (issue 11 API contract). */
export interface UploadedFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export type UploadFailure = { code: 'ATTACHMENT_TOO_LARGE'; limit?: number } | { code: 'UPLOAD_FAILED' } | { code: 'ABORTED' };

const UPLOADS_PATH = '/api/uploads';

/**
 * Sends one file's bytes to the uploads route, reporting progress (XMLHttpRequest, because fetch
 * has no upload progress in browsers yet). The same CSRF header as Apollo's requests
 * (apollo-client.ts) marks it as not a plain form post; the name travels percent-encoded
 * (headers are Latin-1). Rejects with an UploadFailure.
 */
export function uploadFile(
  file: File,
  accountId: string,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    // The account it will be sent from: the server refuses a file over that SMTP server's SIZE.
    xhr.open('POST', accountId ? `${UPLOADS_PATH}?accountId=${encodeURIComponent(accountId)}` : UPLOADS_PATH);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('apollo-require-preflight', 'true');
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported as a failed upload below
      }
      if (xhr.status === 201 && body && typeof (body as UploadedFile).id === 'string') return resolve(body as UploadedFile);
      if (xhr.status === 413) {
        const limit = (body as { errors?: Array<{ extensions?: { details?: { limit?: unknown } } }> } | null)?.errors?.[0]
          ?.extensions?.details?.limit;
        return reject({ code: 'ATTACHMENT_TOO_LARGE', limit: typeof limit === 'number' ? limit : undefined });
      }
      reject({ code: 'UPLOAD_FAILED' });
    };
    xhr.onerror = () => reject({ code: 'UPLOAD_FAILED' });
    xhr.onabort = () => reject({ code: 'ABORTED' });
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Where the viewer's uploaded image is shown from (the route serves raster images only). */
export function uploadUrl(id: string): string {
  return `${UPLOADS_PATH}/${encodeURIComponent(id)}`;
}

/** Removes an upload the person took off again (best effort: the server expires unsent uploads). */
export function deleteUpload(id: string): void {
  void fetch(`${UPLOADS_PATH}/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
    headers: { 'apollo-require-preflight': 'true' },
  }).catch(() => {});
}
