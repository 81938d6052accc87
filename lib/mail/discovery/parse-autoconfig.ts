import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseServerAddress } from '../server-address/parse-server-address.ts';
import type { ServerSettings } from './types.ts';

/** IMAP and SMTP settings without a source yet: the caller knows where the document came from. */
export interface DiscoveredServers {
  imap: ServerSettings;
  smtp: ServerSettings;
}

/** A config file is a few KB; anything much bigger is not one. */
export const MAX_AUTOCONFIG_CHARS = 256 * 1024;

const MAX_USERNAME_CHARS = 254;

const LISTS = new Set(['emailProvider', 'incomingServer', 'outgoingServer']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false, // keep "0993" and "%EMAILADDRESS%" as written
  processEntities: true, // the five predefined XML entities only: DOCTYPEs are refused below
  isArray: (name) => LISTS.has(name),
});

/** Implicit TLS, then STARTTLS, then plain (RFC 8314 §5.1: prefer implicit TLS). */
const SOCKET_RANK: Record<string, number> = { ssl: 0, starttls: 1, plain: 2 };

type XmlNode = Record<string, unknown>;

/**
 * Reads a Thunderbird autoconfig document (`config-v1.1.xml`, the format Thunderbird's ISPDB and
 * providers' `autoconfig.<domain>` hosts serve) for one address. Pure.
 *
 * - Of several `incomingServer`s only IMAP ones count (this product reads mail over IMAP; POP3 is
 *   skipped), best socket type first; likewise `outgoingServer type="smtp"`.
 * - `%EMAILADDRESS%`, `%EMAILLOCALPART%` and `%EMAILDOMAIN%` are filled in host names and user names.
 * - Malformed XML, a DOCTYPE (entity-expansion attacks), or a document without both an IMAP and an
 *   SMTP server give `null`, never a throw.
 */
export function parseAutoconfig(xml: string, email: string): DiscoveredServers | null {
  if (xml.length > MAX_AUTOCONFIG_CHARS || /<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  if (XMLValidator.validate(xml) !== true) return null;
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch {
    return null;
  }
  const provider = asList(asNode(document.clientConfig)?.emailProvider)[0];
  if (!provider) return null;
  const imap = pickServer(asList(provider.incomingServer), 'imap', email);
  const smtp = pickServer(asList(provider.outgoingServer), 'smtp', email);
  return imap && smtp ? { imap, smtp } : null;
}

function pickServer(nodes: XmlNode[], kind: 'imap' | 'smtp', email: string): ServerSettings | null {
  const candidates = nodes
    .filter((node) => text(node['@_type']).toLowerCase() === kind)
    .map((node) => readServer(node, kind, email))
    .filter((server) => server !== null);
  // Array.prototype.sort is stable: equal socket types keep the document's order.
  candidates.sort((a, b) => a.rank - b.rank);
  return candidates[0]?.server ?? null;
}

function readServer(node: XmlNode, kind: 'imap' | 'smtp', email: string): { server: ServerSettings; rank: number } | null {
  const socket = text(node.socketType).toLowerCase() || 'plain';
  const rank = SOCKET_RANK[socket];
  if (rank === undefined) return null;
  const ssl = socket === 'ssl';
  const host = substitute(text(node.hostname), email);
  const portText = text(node.port);
  const address = parseServerAddress(portText ? `${host}:${portText}` : host, kind, ssl);
  if (!address.ok || host.includes(':')) return null;
  const username = substitute(text(node.username), email) || email;
  // A user name is at most an address (RFC 5321 §4.5.3.1.3: 254 characters in practice) and has
  // no control characters; anything else is not a setting but text to be shown, and is dropped.
  if (username.length > MAX_USERNAME_CHARS || /\p{Cc}/u.test(username)) return null;
  return { server: { host: address.host, port: address.port, ssl, starttls: socket === 'starttls', username }, rank };
}

/** Thunderbird's placeholders (see its `replaceVariables`), filled from the address being set up. */
function substitute(value: string, email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return value
    .replace(/%EMAILADDRESS%/g, email)
    .replace(/%EMAILLOCALPART%/g, local)
    .replace(/%EMAILDOMAIN%/g, domain);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  const node = asNode(value);
  return node ? text(node['#text']) : '';
}

function asNode(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function asList(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : [value]).map(asNode).filter((node) => node !== undefined);
}
