/** What an RFC 7662 introspection answer says about a token, as far as the test servers care. */
export interface Introspection {
  active: boolean;
  /** The test server's subject: the mailbox address. */
  sub?: string;
}

/**
 * Asks the test authorization server about an access token (RFC 7662 §2.1: POST `token=…`, the
 * caller authenticated with HTTP Basic), as Dovecot's oauth2 passdb does: the SMTP relay's check
 * for XOAUTH2. Test infrastructure, so the plain global fetch.
 */
export async function introspectToken(
  server: { introspectionUrl: string; introspector: { clientId: string; clientSecret: string } },
  token: string,
): Promise<Introspection> {
  const { clientId, clientSecret } = server.introspector;
  const res = await fetch(server.introspectionUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
  });
  if (!res.ok) throw new Error(`introspection: HTTP ${res.status}`);
  const body = (await res.json()) as { active?: unknown; sub?: unknown };
  return { active: body.active === true, ...(typeof body.sub === 'string' ? { sub: body.sub } : {}) };
}
