/**
 * The benchmark corpus: a deterministic, seeded stream of raw RFC 5322 messages that looks like
 * half a year of a sales/support mailbox. Same seed and anchor, same bytes.
 *
 * The mix (by message): plain text 20 %, multipart/alternative 42 %, HTML newsletters 6 %,
 * inline images (multipart/related inside alternative) 12 %, a 50–500 KB attachment 10 %, a small
 * (< 50 KB) attachment 10 %. Charsets: UTF-8 50 %, US-ASCII 8 %, ISO-8859-1 10 %, windows-1252
 * 12 %, KOI8-R 9 %, ISO-2022-JP 6 %, Shift_JIS 5 %, in bodies, subjects, display names and file
 * names. About a third are replies (In-Reply-To/References, quoted text), INTERNALDATEs follow
 * office hours over the span, ~15 % go to Sent.
 */
import {
  bodyParagraphs,
  CHARSET_LANGUAGES,
  fitCharset,
  person,
  replyPrefix,
  subjectFor,
  type Language,
  type Person,
} from './corpus-text.ts';
import {
  attachmentBytes,
  filePart,
  htmlFor,
  multipart,
  newsletterHtml,
  renderPart,
  textPart,
  type AttachmentKind,
  type MimePart,
} from './corpus-mime.ts';
import { address, dateHeader, hex, MAILERS, traceHeaders } from './corpus-headers.ts';
import { encodeHeaderValue, type BenchCharset } from './mime-encode.ts';
import { createPrng, type Prng } from './prng.ts';

/** Bump when the generator's output changes, so a kept corpus is rebuilt. */
export const CORPUS_VERSION = 1;

export interface CorpusOptions {
  seed: number;
  count: number;
  /** INTERNALDATEs fall in (anchor − spanDays, anchor]. */
  spanDays: number;
  anchor: Date;
  /** The mailbox owner: To of INBOX mail, From of Sent mail. */
  owner: { name: string; address: string };
  /** @default 0.15 */
  sentShare?: number;
}

export type Structure = 'plain' | 'alternative' | 'newsletter' | 'inline-images' | 'big-attachment' | 'small-attachment';

export interface CorpusMessage {
  index: number;
  folder: 'INBOX' | 'Sent';
  internalDate: Date;
  /** IMAP system flags (RFC 3501 §2.3.2). */
  flags: string[];
  raw: Buffer;
  charset: BenchCharset;
  structure: Structure;
  /** Decoded bytes of attachments and inline images. */
  attachmentBytes: number;
}

const CHARSETS: ReadonlyArray<readonly [BenchCharset, number]> = [
  ['utf-8', 50],
  ['us-ascii', 8],
  ['iso-8859-1', 10],
  ['windows-1252', 12],
  ['koi8-r', 9],
  ['iso-2022-jp', 6],
  ['shift_jis', 5],
];

const STRUCTURES: ReadonlyArray<readonly [Structure, number]> = [
  ['plain', 20],
  ['alternative', 42],
  ['newsletter', 6],
  ['inline-images', 12],
  ['big-attachment', 10],
  ['small-attachment', 10],
];

const FILE_NAMES: Record<Language, Array<[string, AttachmentKind]>> = {
  en: [
    ['Quote-{n}.pdf', 'pdf'],
    ['Invoice_{n}.pdf', 'pdf'],
    ['IMG_{n}.jpg', 'jpg'],
    ['Report Q3.xlsx', 'xlsx'],
    ['Contract {n}.docx', 'docx'],
    ['logs-{n}.zip', 'zip'],
    ['export-{n}.csv', 'csv'],
  ],
  de: [
    ['Angebot_{n}.pdf', 'pdf'],
    ['Rechnung {n}.pdf', 'pdf'],
    ['Übersicht Bestellungen.xlsx', 'xlsx'],
    ['Vertragsänderung {n}.docx', 'docx'],
    ['Foto_{n}.jpg', 'jpg'],
  ],
  fr: [
    ['Facture_{n}.pdf', 'pdf'],
    ['Devis n°{n}.pdf', 'pdf'],
    ['Récapitulatif.xlsx', 'xlsx'],
    ['photo_{n}.jpg', 'jpg'],
  ],
  es: [
    ['Presupuesto_{n}.pdf', 'pdf'],
    ['Factura_{n}.pdf', 'pdf'],
    ['Catálogo.zip', 'zip'],
  ],
  ru: [
    ['Счёт_{n}.pdf', 'pdf'],
    ['Договор_{n}.docx', 'docx'],
    ['Прайс-лист.xlsx', 'xlsx'],
    ['Фото_{n}.jpg', 'jpg'],
  ],
  ja: [
    ['見積書_{n}.pdf', 'pdf'],
    ['請求書_{n}.pdf', 'pdf'],
    ['資料.zip', 'zip'],
    ['写真_{n}.jpg', 'jpg'],
  ],
};

interface Sent {
  messageId: string;
  references: string[];
  subject: string;
  folder: 'INBOX' | 'Sent';
  customer: Person;
  charset: BenchCharset;
  firstParagraph: string;
  date: Date;
}

/** INTERNALDATEs, oldest first: mostly weekdays, mostly office hours in UTC. */
function arrivalTimes(prng: Prng, options: CorpusOptions): Date[] {
  const DAY = 86_400_000;
  const newest = options.anchor.getTime() - 60_000;
  const times: number[] = [];
  while (times.length < options.count) {
    const day = Math.floor(prng.next() * options.spanDays);
    const midnight = Math.floor((newest - day * DAY) / DAY) * DAY;
    const weekday = new Date(midnight).getUTCDay();
    if ((weekday === 0 || weekday === 6) && prng.chance(0.7)) continue;
    const hour = prng.chance(0.85) ? prng.int(7, 18) : prng.int(0, 23);
    const t = midnight + hour * 3_600_000 + prng.int(0, 3_599_999);
    if (t > newest || t <= options.anchor.getTime() - options.spanDays * DAY) continue;
    times.push(t);
  }
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}

export function* generateCorpus(options: CorpusOptions): Generator<CorpusMessage> {
  const prng = createPrng(options.seed);
  const owner: Person = { ...options.owner, language: 'en', utcOffset: 60 };
  const recent: Sent[] = [];
  const times = arrivalTimes(prng, options);

  for (let index = 0; index < options.count; index++) {
    const internalDate = times[index]!;
    const folder = prng.chance(options.sentShare ?? 0.15) ? 'Sent' : 'INBOX';
    // Sent mail mostly answers what came in; incoming mail sometimes answers what we sent.
    const candidates = recent.filter((m) => m.folder !== folder);
    const parent =
      candidates.length && prng.chance(folder === 'Sent' ? 0.7 : 0.25) ? prng.pick(candidates.slice(-60)) : undefined;
    let structure = prng.weighted(STRUCTURES);
    if (structure === 'newsletter' && (folder === 'Sent' || parent)) structure = 'alternative';
    // A reply keeps the thread's charset, or switches to UTF-8 (which holds every language).
    const charset = parent ? (prng.chance(0.85) ? parent.charset : 'utf-8') : prng.weighted(CHARSETS);
    const language = parent?.customer.language ?? prng.pick(CHARSET_LANGUAGES[charset]);
    const customer = parent?.customer ?? person(prng, language);
    const [from, to] = folder === 'Sent' ? [owner, customer] : [customer, owner];

    const fit = (text: string) => fitCharset(text, charset);
    let subject = fit(
      parent ? replyPrefix(language) + parent.subject.replace(/^(Re|AW|RE): /, '') : subjectFor(prng, language, internalDate),
    );
    if (structure === 'newsletter') subject = fit(`Product news – ${internalDate.toISOString().slice(0, 7)}`);
    const paragraphs = bodyParagraphs(prng, language, internalDate, to, from).map(fit);
    let text = paragraphs.join('\n\n') + '\n';
    if (parent) {
      const quoted = parent.firstParagraph.split('\n').map((line) => `> ${line}`);
      text += `\n${dateHeader(parent.date, 0)}, ${fit(parent.customer.name)}:\n${quoted.join('\n')}\n`;
    }

    let attachmentTotal = 0;
    const plain = () => textPart(prng, text, charset, 'plain');
    const alternative = () =>
      multipart(prng, 'alternative', [plain(), textPart(prng, htmlFor(paragraphs, charset), charset, 'html')]);
    const attachment = (size: number) => {
      const [template, kind] = prng.pick(FILE_NAMES[language]);
      const name = fit(template.replace('{n}', String(prng.int(1000, 99999))));
      attachmentTotal += size;
      return filePart(prng, attachmentBytes(prng, kind, size), kind, name, charset);
    };
    let top: MimePart;
    switch (structure) {
      case 'plain':
        top = plain();
        break;
      case 'alternative':
        top = alternative();
        break;
      case 'newsletter':
        top = multipart(prng, 'alternative', [
          plain(),
          textPart(prng, newsletterHtml(prng, paragraphs, charset), charset, 'html'),
        ]);
        break;
      case 'inline-images': {
        // Signature logos and pasted screenshots: 1–2 images of 2–24 KB.
        const images = Array.from({ length: prng.int(1, 2) }, (_, i) => {
          const kind = prng.pick(['png', 'jpg', 'gif'] as const);
          const size = prng.int(2, 24) * 1024;
          attachmentTotal += size;
          return { id: `image00${i + 1}.${kind}@01DB${hex(prng, 6).toUpperCase()}`, kind, size, name: `image00${i + 1}.${kind}` };
        });
        const html = textPart(
          prng,
          htmlFor(
            paragraphs,
            charset,
            images.map((image) => image.id),
          ),
          charset,
          'html',
        );
        const parts = images.map((image) =>
          filePart(prng, attachmentBytes(prng, image.kind, image.size), image.kind, image.name, charset, {
            inline: true,
            contentId: image.id,
          }),
        );
        top = multipart(prng, 'alternative', [plain(), multipart(prng, 'related', [html, ...parts])]);
        break;
      }
      case 'big-attachment': {
        // 50–500 KB in all, log-uniform (file sizes are roughly log-normal: many small PDFs, few
        // large scans; mean ≈ 195 KB), sometimes split over two files.
        const total = Math.round(50 * 1024 * Math.pow(10, prng.next()));
        const sizes =
          total > 150 * 1024 && prng.chance(0.25) ? [Math.floor(total * 0.6), total - Math.floor(total * 0.6)] : [total];
        top = multipart(prng, 'mixed', [prng.chance(0.7) ? alternative() : plain(), ...sizes.map(attachment)]);
        break;
      }
      case 'small-attachment':
        top = multipart(prng, 'mixed', [prng.chance(0.7) ? alternative() : plain(), attachment(prng.int(1, 40) * 1024)]);
        break;
    }

    const fromDomain = from.address.split('@')[1]!;
    const messageId = `${hex(prng, 8)}.${index}@${structure === 'newsletter' ? 'news.' + fromDomain : fromDomain}`;
    const references = parent ? [...parent.references, parent.messageId].slice(-10) : [];
    const sentAt = new Date(internalDate.getTime() - prng.int(2, 120) * 1000);
    const headers: string[] = [];
    if (folder === 'INBOX') headers.push(...traceHeaders(prng, from, owner.address, internalDate, sentAt));
    headers.push(`Date: ${dateHeader(sentAt, from.utcOffset)}`, `From: ${address(from, charset)}`, `To: ${address(to, charset)}`);
    if (prng.chance(0.2)) headers.push(`Cc: ${address(person(prng, language), charset)}`);
    headers.push(`Subject: ${encodeHeaderValue(subject, charset)}`, `Message-ID: <${messageId}>`);
    if (parent) headers.push(`In-Reply-To: <${parent.messageId}>`, `References: ${references.map((r) => `<${r}>`).join('\n ')}`);
    if (structure === 'newsletter') headers.push(`List-Unsubscribe: <https://news.${fromDomain}/unsubscribe/${hex(prng, 8)}>`);
    const mailer = prng.pick(MAILERS[language]);
    if (mailer) headers.push(`X-Mailer: ${mailer}`);
    headers.push('MIME-Version: 1.0');

    const ageDays = (options.anchor.getTime() - internalDate.getTime()) / 86_400_000;
    const flags = folder === 'Sent' || prng.chance(ageDays > 2 ? 0.92 : 0.4) ? ['\\Seen'] : [];
    if (folder === 'INBOX' && flags.length && prng.chance(0.15)) flags.push('\\Answered');
    if (prng.chance(0.03)) flags.push('\\Flagged');

    recent.push({
      messageId,
      references,
      subject,
      folder,
      customer,
      charset,
      firstParagraph: paragraphs[1] ?? '',
      date: internalDate,
    });
    if (recent.length > 400) recent.shift();
    yield {
      index,
      folder,
      internalDate,
      flags,
      raw: renderPart(top, headers),
      charset,
      structure,
      attachmentBytes: attachmentTotal,
    };
  }
}
