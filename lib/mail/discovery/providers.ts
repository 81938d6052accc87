import type { DiscoverySource, MailSettings, ProviderInfo, ServerEndpoint } from './types.ts';

/**
 * Big mailbox providers, known by heart so the common case needs no network at all (Thunderbird keeps
 * the same knowledge in its ISPDB). `mx` entries are host-name suffixes: `google.com` matches
 * `aspmx.l.google.com`, which is how a custom domain hosted at Google Workspace is recognised.
 * Settings are the providers' published ones; check them against the provider's help page when touched.
 */
export interface Provider extends ProviderInfo {
  domains: string[];
  mx: string[];
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
}

const ssl = (host: string, port: number): ServerEndpoint => ({ host, port, ssl: true });
const starttls = (host: string, port: number): ServerEndpoint => ({ host, port, ssl: false, starttls: true });

const APP_PASSWORD = 'Use an app password: the normal account password is refused for IMAP and SMTP.';

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'google',
    name: 'Gmail / Google Workspace',
    domains: ['gmail.com', 'googlemail.com'],
    mx: ['google.com', 'googlemail.com'],
    imap: ssl('imap.gmail.com', 993),
    smtp: ssl('smtp.gmail.com', 465),
    hints: [
      'Turn on IMAP in Gmail settings (Forwarding and POP/IMAP) if it is off.',
      'Use an app password (Google Account → Security → 2-Step Verification → App passwords).',
      'Google Workspace: your administrator must allow IMAP access for users.',
    ],
  },
  {
    // Consumer accounts. Microsoft switched off password (Basic) sign-in for them in September 2024.
    id: 'outlook',
    name: 'Outlook.com / Hotmail / Live',
    domains: [
      ...['outlook.com', 'outlook.de', 'outlook.fr', 'msn.com', 'passport.com', 'windowslive.com'],
      ...['hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es'],
      ...['live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl'],
    ],
    mx: ['olc.protection.outlook.com'],
    imap: ssl('outlook.office365.com', 993),
    smtp: starttls('smtp-mail.outlook.com', 587),
    hints: ['Microsoft accounts no longer accept a password over IMAP or SMTP; they need Microsoft sign-in (OAuth2).'],
  },
  {
    id: 'microsoft365',
    name: 'Microsoft 365',
    domains: [],
    mx: ['mail.protection.outlook.com'],
    imap: ssl('outlook.office365.com', 993),
    smtp: starttls('smtp.office365.com', 587),
    hints: [
      'Microsoft 365 turned off password (Basic) sign-in for IMAP; it needs Microsoft sign-in (OAuth2).',
      'Your administrator must allow IMAP and authenticated SMTP for your mailbox.',
    ],
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    domains: [
      'yahoo.com',
      'ymail.com',
      'rocketmail.com',
      'yahoo.co.uk',
      'yahoo.fr',
      'yahoo.de',
      'yahoo.it',
      'yahoo.es',
      'yahoo.ca',
    ],
    mx: ['yahoodns.net'],
    imap: ssl('imap.mail.yahoo.com', 993),
    smtp: ssl('smtp.mail.yahoo.com', 465),
    hints: [APP_PASSWORD + ' Create one under Account security → Generate app password.'],
  },
  {
    // AOL's MX lives under yahoodns.net too; the longer suffix wins (see findProviderByMx).
    id: 'aol',
    name: 'AOL Mail',
    domains: ['aol.com', 'aim.com', 'aol.co.uk', 'aol.de', 'aol.fr', 'verizon.net'],
    mx: ['mx-aol.mail.gm0.yahoodns.net', 'aol.com'],
    imap: ssl('imap.aol.com', 993),
    smtp: ssl('smtp.aol.com', 465),
    hints: [APP_PASSWORD + ' Create one under Account security → Generate app password.'],
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mx: ['mail.icloud.com'],
    imap: ssl('imap.mail.me.com', 993),
    smtp: starttls('smtp.mail.me.com', 587),
    hints: [
      'Use an app-specific password (appleid.apple.com → Sign-In and Security).',
      'If the full address is refused as user name, try only the part before the @.',
    ],
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'messagingengine.com'],
    mx: ['messagingengine.com'],
    imap: ssl('imap.fastmail.com', 993),
    smtp: ssl('smtp.fastmail.com', 465),
    hints: ['Use an app password (Settings → Privacy & Security → Integrations).'],
  },
  {
    id: 'gmx',
    name: 'GMX',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch'],
    mx: ['gmx.net'],
    imap: ssl('imap.gmx.net', 993),
    smtp: starttls('mail.gmx.net', 587),
    hints: ['Turn on POP3/IMAP access in GMX settings (E-Mail → Settings → POP3/IMAP); it is off by default.'],
  },
  {
    id: 'gmx-com',
    name: 'GMX Mail',
    domains: ['gmx.com', 'gmx.us', 'gmx.co.uk', 'gmx.fr', 'gmx.es'],
    mx: ['gmx.com'],
    imap: ssl('imap.gmx.com', 993),
    smtp: starttls('mail.gmx.com', 587),
    hints: ['Turn on POP3/IMAP access in GMX settings; it is off by default.'],
  },
  {
    id: 'webde',
    name: 'WEB.DE',
    domains: ['web.de'],
    mx: ['web.de'],
    imap: ssl('imap.web.de', 993),
    smtp: starttls('smtp.web.de', 587),
    hints: ['Turn on POP3/IMAP access in WEB.DE settings; it is off by default.'],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    mx: ['zoho.com', 'zohomail.com'],
    imap: ssl('imap.zoho.com', 993),
    smtp: ssl('smtp.zoho.com', 465),
    hints: ['Turn on IMAP access in Zoho Mail settings.', 'With two-factor sign-in, use an application-specific password.'],
  },
  {
    id: 'zoho-eu',
    name: 'Zoho Mail (EU)',
    domains: ['zoho.eu', 'zohomail.eu'],
    mx: ['zoho.eu', 'zohomail.eu'],
    imap: ssl('imap.zoho.eu', 993),
    smtp: ssl('smtp.zoho.eu', 465),
    hints: ['Turn on IMAP access in Zoho Mail settings.', 'With two-factor sign-in, use an application-specific password.'],
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    domains: ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua', 'narod.ru'],
    mx: ['yandex.ru', 'yandex.net'],
    imap: ssl('imap.yandex.com', 993),
    smtp: ssl('smtp.yandex.com', 465),
    hints: ['Allow access by mail clients in Yandex Mail settings.', APP_PASSWORD],
  },
  {
    id: 'mailru',
    name: 'Mail.ru',
    domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'],
    mx: ['mail.ru'],
    imap: ssl('imap.mail.ru', 993),
    smtp: ssl('smtp.mail.ru', 465),
    hints: ['Use a password for external applications (Mail.ru settings → Security).'],
  },
  {
    // Proton encrypts end to end; only its Bridge app, running beside this server, speaks IMAP/SMTP.
    id: 'proton',
    name: 'Proton Mail (via Proton Mail Bridge)',
    domains: ['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'],
    mx: ['protonmail.ch'],
    imap: starttls('127.0.0.1', 1143),
    smtp: starttls('127.0.0.1', 1025),
    hints: [
      'Proton Mail works only through Proton Mail Bridge (paid plans), running where this server can reach it.',
      'Use the host, ports, user name and password that Bridge shows, not your Proton password.',
    ],
  },
  {
    id: 'comcast',
    name: 'Xfinity (Comcast)',
    domains: ['comcast.net'],
    mx: ['comcast.net'],
    imap: ssl('imap.comcast.net', 993),
    smtp: starttls('smtp.comcast.net', 587),
    hints: ['Turn on third-party access to your e-mail in Xfinity Connect settings.'],
  },
  {
    id: 'att',
    name: 'AT&T Mail',
    domains: ['att.net', 'sbcglobal.net', 'bellsouth.net'],
    mx: [],
    imap: ssl('imap.mail.att.net', 993),
    smtp: ssl('smtp.mail.att.net', 465),
    hints: ['Use a secure mail key (AT&T profile → Sign-in info) instead of your password.'],
  },
  {
    id: 'mailcom',
    name: 'mail.com',
    domains: ['mail.com', 'email.com', 'usa.com', 'post.com'],
    mx: ['mail.com'],
    imap: ssl('imap.mail.com', 993),
    smtp: starttls('smtp.mail.com', 587),
    hints: ['Turn on POP3/IMAP access in mail.com settings.'],
  },
  {
    id: 't-online',
    name: 'Telekom Mail (t-online.de)',
    domains: ['t-online.de', 'magenta.de'],
    mx: ['t-online.de'],
    imap: ssl('secureimap.t-online.de', 993),
    smtp: ssl('securesmtp.t-online.de', 465),
    hints: ['Use the separate e-mail password set in the Telekom e-mail center, not your Telekom login password.'],
  },
];

const byDomain = new Map(PROVIDERS.flatMap((provider) => provider.domains.map((domain) => [domain, provider] as const)));

/** The provider that hosts addresses `@domain`, by exact domain. */
export function findProviderByDomain(domain: string): Provider | undefined {
  return byDomain.get(normalize(domain));
}

/**
 * The provider whose MX suffix matches, trying hosts in the given order (callers sort by MX preference,
 * RFC 5321 §5.1). Among rules matching one host the longest suffix wins, so AOL beats Yahoo.
 */
export function findProviderByMx(mxHosts: readonly string[]): Provider | undefined {
  for (const raw of mxHosts) {
    const host = normalize(raw);
    let best: { provider: Provider; length: number } | undefined;
    for (const provider of PROVIDERS)
      for (const suffix of provider.mx)
        if ((host === suffix || host.endsWith('.' + suffix)) && suffix.length > (best?.length ?? 0))
          best = { provider, length: suffix.length };
    if (best) return best.provider;
  }
  return undefined;
}

/** Turns a table row into settings for one address; the user name is the full address (all listed providers take it). */
export function providerSettings(provider: Provider, email: string, source: DiscoverySource): MailSettings {
  return {
    imap: { ...provider.imap, username: email },
    smtp: { ...provider.smtp, username: email },
    source,
    provider: { id: provider.id, name: provider.name, hints: [...provider.hints] },
  };
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}
