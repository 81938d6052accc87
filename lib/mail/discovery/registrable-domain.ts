/**
 * Public suffixes of more than one label that mail hosts commonly sit under. A deliberately small
 * stand-in for the Public Suffix List (which Thunderbird consults through `Services.eTLD`): getting
 * one wrong costs only a wasted autoconfig request, never a wrong answer.
 */
const MULTI_LABEL_SUFFIXES = new Set([
  ...['co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk'],
  ...['com.au', 'net.au', 'org.au', 'edu.au', 'co.nz', 'net.nz', 'org.nz'],
  ...['co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.kr', 'co.in', 'net.in', 'org.in', 'co.za', 'co.il'],
  ...['com.br', 'net.br', 'com.ar', 'com.mx', 'com.tr', 'com.cn', 'net.cn', 'com.tw', 'com.hk', 'com.sg', 'com.my'],
  ...['com.pl', 'net.pl', 'co.at', 'or.at', 'com.ua', 'com.ru'],
]);

/**
 * The domain someone registered, e.g. `mx1.mail.hoster.co.uk` → `hoster.co.uk`. Used to turn an MX
 * host into the domain whose autoconfig file to try (Thunderbird does the same with the MX's base domain).
 */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.+$/, '').split('.').filter(Boolean);
  const keep = labels.length >= 3 && MULTI_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
