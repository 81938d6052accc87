/**
 * Header lines of the corpus: dates in the sender's zone, display names as encoded-words, and
 * the trace and signature headers a delivered message carries (Received, RFC 5321 §4.4; a
 * DKIM-Signature-shaped header, RFC 6376), which make up a good part of a short message's bytes.
 */
import { fitCharset, type Language, type Person } from './corpus-text.ts';
import { encodeHeaderValue, type BenchCharset } from './mime-encode.ts';
import type { Prng } from './prng.ts';

export const MAILERS: Record<Language, string[]> = {
  en: ['Microsoft Outlook 16.0', 'Apple Mail (2.3774.600.62)', ''],
  de: ['Microsoft Outlook 16.0', 'Mozilla Thunderbird 128.5.0', ''],
  fr: ['Microsoft Outlook 16.0', 'Mozilla Thunderbird 128.5.0'],
  es: ['Microsoft Outlook 16.0', ''],
  ru: ['The Bat! (v10.5.4) Professional', 'Mozilla Thunderbird 128.5.0'],
  ja: ['Becky! ver. 2.81.04', 'Microsoft Outlook 16.0'],
};

/** RFC 5322 §3.3 date-time in the sender's zone. */
export function dateHeader(date: Date, utcOffsetMinutes: number): string {
  const local = new Date(date.getTime() + utcOffsetMinutes * 60_000);
  const [weekday, day, month, year, time] = local.toUTCString().replace(',', '').split(' ');
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${weekday}, ${Number(day)} ${month} ${year} ${time} ${zone}`;
}

export function address(p: { name: string; address: string }, charset: BenchCharset): string {
  const name = fitCharset(p.name, charset);
  if (/^[\w .'-]*$/.test(name)) return `${name} <${p.address}>`;
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/"/g, '')}" <${p.address}>`;
  return `${encodeHeaderValue(name, charset)} <${p.address}>`;
}

export function hex(prng: Prng, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += prng.int(0, 255).toString(16).padStart(2, '0');
  return out;
}

/** What the receiving MTA adds: Return-Path, Delivered-To, two Received, a DKIM signature. */
export function traceHeaders(prng: Prng, from: Person, owner: string, internalDate: Date, sentAt: Date): string[] {
  const fromDomain = from.address.split('@')[1]!;
  return [
    `Return-Path: <${from.address}>`,
    `Delivered-To: ${owner}`,
    `Received: from mail.${fromDomain} (mail.${fromDomain} [198.51.100.${prng.int(1, 254)}])\n\tby mx.bench.test (Postfix) with ESMTPS id ${hex(prng, 5).toUpperCase()}\n\tfor <${owner}>; ${dateHeader(internalDate, 0)}`,
    `Received: from [10.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}] by mail.${fromDomain} with ESMTPSA; ${dateHeader(sentAt, from.utcOffset)}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${fromDomain}; s=mail;\n\tt=${Math.floor(sentAt.getTime() / 1000)}; h=from:to:subject:date:message-id:mime-version;\n\tbh=${Buffer.from(hex(prng, 32), 'hex').toString('base64')};\n\tb=${Buffer.from(
      hex(prng, 256),
      'hex',
    )
      .toString('base64')
      .replace(/(.{70})/g, '$1\n\t ')}`,
  ];
}
