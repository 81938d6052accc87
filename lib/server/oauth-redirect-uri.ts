export const OAUTH_CALLBACK_PATH = '/api/oauth/callback';

/**
 * The redirect URI a sign-in sends the provider, which must be one the operator registered with it
 * (issue 13). With `PUBLIC_URL` set it is always `<PUBLIC_URL>/api/oauth/callback`: behind a
 * reverse proxy the `Host` header may be the proxy's upstream name, and a forged one must not choose
 * where the provider sends the code. Without it, the origin the browser used (its Host header;
 * `https` when the cookie is `Secure`), as before.
 */
export function oauthRedirectUri(request: {
  publicUrl: string | undefined;
  secure: boolean;
  host: string | undefined;
  port: number;
}): string {
  const origin = request.publicUrl ?? `${request.secure ? 'https' : 'http'}://${request.host ?? `localhost:${request.port}`}`;
  return new URL(OAUTH_CALLBACK_PATH, origin).href;
}
