import { domainToASCII } from 'node:url';
import { ipLiteral } from '../network/resolve-and-check.ts';
import { AppError } from '../../errors.ts';
import { fetchAutoconfig } from './autoconfig.ts';
import type { DiscoveryDeps } from './deps.ts';
import { firstByPriority, type Lookup } from './first-by-priority.ts';
import { lookupMx } from './mx.ts';
import type { DiscoveredServers } from './parse-autoconfig.ts';
import { guessServers, type ProbeOptions } from './probe.ts';
import { findProviderByDomain, providerSettings } from './providers.ts';
import { lookupSrv } from './srv.ts';
import type { DiscoverySource, MailSettings } from './types.ts';
import { withTimeout } from './with-timeout.ts';

export interface DiscoveryOptions extends ProbeOptions {
  /** Bound for each step: autoconfig, SRV and MX run side by side within it, then the guess gets as long. @default 6000 */
  timeoutMs?: number;
  /** Stops everything; discovery then answers `null`. */
  signal?: AbortSignal;
}

/**
 * Finds IMAP and SMTP settings for an address the way Thunderbird does, best source first:
 *
 * 1. the built-in provider table, by the address's domain (no network);
 * 2. the domain's autoconfig file, 3. its RFC 6186 SRV records, 4. its MX records (a known hoster,
 *    or the MX domain's autoconfig) — these three start together, each bounded by `timeoutMs`, and
 *    a lower one's answer is used only once every higher one has come back empty or timed out;
 * 5. if all are empty: guessing common host names and probing them (see `guessServers`).
 *
 * User names default to the address as typed. Returns `null` when nothing was found.
 * @throws AppError `BAD_USER_INPUT` (field `email`) when the address has no usable domain, and
 *   `MAIL_DOMAIN_IS_ADDRESS` when its domain is an IP address in any spelling (`x@127.0.0.1`,
 *   `x@[::1]`, `x@2130706433`, `x@0x7f.1`): discovery would fetch `https://<that address>/…`.
 */
export async function discoverMailSettings(
  email: string,
  deps: DiscoveryDeps,
  options: DiscoveryOptions = {},
): Promise<MailSettings | null> {
  const { address, domain } = splitAddress(email);
  const { timeoutMs = 6000, signal = new AbortController().signal } = options;

  const known = findProviderByDomain(domain);
  if (known) return providerSettings(known, address, 'provider');

  const step = (source: DiscoverySource, lookup: Lookup<DiscoveredServers>): Lookup<MailSettings> =>
    withTimeout(async (stepSignal) => {
      const servers = await lookup(stepSignal);
      return servers && (await connectable(servers, deps)) ? { ...servers, source } : null;
    }, timeoutMs);

  const found = await firstByPriority(
    [
      step('autoconfig', (s) => fetchAutoconfig(domain, address, deps.fetchText, s)),
      step('srv', () => lookupSrv(domain, address, deps.dns)),
      withTimeout(async (s) => {
        const settings = await lookupMx(domain, address, deps, s);
        return settings && (await connectable(settings, deps)) ? settings : null;
      }, timeoutMs),
    ],
    signal,
  );
  if (found || signal.aborted) return found;
  // Probing opens connections, so it waits until the cheap lookups have all come back empty.
  return step('guess', (s) => guessServers(domain, address, deps, options, s))(signal);
}

/**
 * An answer from the network (autoconfig, SRV, MX) names servers an outsider chose: one this
 * deployment may not connect to (a private address, online) is not an answer, and is dropped
 * whole, so its text reaches the person neither as settings nor in a verification error.
 */
async function connectable(servers: DiscoveredServers, deps: DiscoveryDeps): Promise<boolean> {
  if (!deps.acceptServer) return true;
  const { imap, smtp } = servers;
  const verdicts = await Promise.all([deps.acceptServer(imap.host, imap.port), deps.acceptServer(smtp.host, smtp.port)]);
  return verdicts.every(Boolean);
}

/** The trimmed address and its domain in lower-case ASCII (IDNA), which is what DNS and URLs need. */
function splitAddress(email: string): { address: string; domain: string } {
  const address = email.trim();
  const at = address.lastIndexOf('@');
  const raw = at > 0 ? address.slice(at + 1).replace(/\.$/, '') : '';
  // RFC 5321 §4.1.3 address literals (`[127.0.0.1]`, `[IPv6:::1]`) and whatever the WHATWG host
  // parser (which `domainToASCII` and every URL use) would turn into an IPv4 address.
  if (raw.startsWith('[') || ipLiteral(raw)) throw new AppError('MAIL_DOMAIN_IS_ADDRESS', { field: 'email' });
  const domain = raw ? domainToASCII(raw) : '';
  if (/\s/.test(address) || !domain.includes('.'))
    throw new AppError('BAD_USER_INPUT', { field: 'email', message: 'Enter a valid e-mail address.' });
  return { address, domain };
}
