/**
 * Plays the browser on the test authorization server with plain HTTP, for service tests without
 * Chromium: opens the authorization URL, signs in on the login page, answers the consent page, and
 * follows the redirects (with the server's cookies) until the one back to the app's redirect URI,
 * which it returns without requesting it. Playwright journeys fill the same pages by label instead.
 */
export interface ConsentAnswer {
  email: string;
  password: string;
  /** `false` presses Cancel on the consent page. @default true */
  allow?: boolean;
}

export async function driveConsent(authorizationUrl: string, answer: ConsentAnswer): Promise<string> {
  const issuerOrigin = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      ...(body ? { body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      // An expired cookie is how the server deletes one.
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== issuerOrigin) return next.href;
      [url, method, body] = [next.href, 'GET', undefined];
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`authorization server: HTTP ${res.status} at ${url}: ${html.slice(0, 300)}`);
    if (/<p role="alert">/.test(html) && method === 'POST')
      throw new Error(`sign-in refused: ${/role="alert">([^<]*)/.exec(html)?.[1]}`);
    const actions = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!);
    const login = actions.find((a) => a.endsWith('/login'));
    const next = login ?? actions.find((a) => a.endsWith(answer.allow === false ? '/abort' : '/confirm'));
    if (!next) throw new Error(`no sign-in or consent form at ${url}: ${html.slice(0, 300)}`);
    [url, method] = [new URL(next, url).href, 'POST'];
    body = login ? new URLSearchParams({ email: answer.email, password: answer.password }) : new URLSearchParams();
  }
  throw new Error('authorization server: too many steps');
}
