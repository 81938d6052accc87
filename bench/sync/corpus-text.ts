/**
 * What the corpus's mail says: business correspondence of a small company with customers in
 * several languages, each language written in the charsets mail clients really use for it
 * (German and French in ISO-8859-1 and windows-1252, Russian in KOI8-R, Japanese in ISO-2022-JP
 * and Shift_JIS, everything in UTF-8). The words matter little; the bytes and the mix do.
 */
import type { BenchCharset } from './mime-encode.ts';
import type { Prng } from './prng.ts';

export type Language = 'en' | 'de' | 'fr' | 'es' | 'ru' | 'ja';

export interface Person {
  name: string;
  address: string;
  language: Language;
  /** Minutes east of UTC, for the Date header. */
  utcOffset: number;
}

interface LanguageBank {
  greetings: string[];
  sentences: string[];
  closings: string[];
  subjects: string[];
  replyPrefix: string;
  names: string[];
  companies: Array<[company: string, domain: string]>;
  utcOffsets: number[];
}

const BANKS: Record<Language, LanguageBank> = {
  en: {
    greetings: ['Hi {name},', 'Hello {name},', 'Dear {name},', 'Good morning {name},'],
    sentences: [
      'Thanks for getting back to me so quickly.',
      'Please find the updated quote attached.',
      'Could you confirm the delivery address before we ship?',
      'We are happy to extend the trial by another two weeks.',
      'The invoice {n} is now overdue by ten days.',
      'Let me know which time works best for a short call on Thursday.',
      'Our support team has reproduced the issue and is working on a fix.',
      'I have copied our accounts department so they can update the records.',
      'The contract renewal is due at the end of next month.',
      'We noticed a discrepancy between the order and the delivery note.',
      'Attached you will find the minutes of yesterday’s meeting.',
      'The new pricing applies to all orders placed after the first of the month.',
      'Can you send us the signed purchase order by Friday?',
      'We would love to hear your feedback on the onboarding process.',
    ],
    closings: ['Best regards,', 'Kind regards,', 'Thanks,', 'Cheers,', 'All the best,'],
    subjects: [
      'Quote {n} for the annual licence',
      'Invoice {n}',
      'Meeting next Thursday',
      'Your order {n} has shipped',
      'Support ticket #{n}: login fails after update',
      'Contract renewal {year}',
      'Question about the delivery schedule',
      'Follow-up on our call',
      'Product update: what is new in {month}',
    ],
    replyPrefix: 'Re: ',
    names: ['Sarah Miller', 'James Carter', 'Emily Chen', 'Michael O’Brien', 'Olivia Brown', 'David Smith', 'Priya Patel'],
    companies: [
      ['Northwind Traders', 'northwind.example'],
      ['Contoso Ltd', 'contoso.example'],
      ['Globex Corporation', 'globex.example'],
    ],
    utcOffsets: [-300, -240, 0, 60],
  },
  de: {
    greetings: ['Sehr geehrte Damen und Herren,', 'Hallo {name},', 'Guten Tag {name},', 'Liebe Frau {name},'],
    sentences: [
      'vielen Dank für Ihre Anfrage vom Dienstag.',
      'Anbei erhalten Sie unser Angebot über die gewünschten Artikel.',
      'Bitte prüfen Sie die Unterlagen und geben Sie uns bis Freitag Bescheid.',
      'Die Lieferung erfolgt voraussichtlich in der nächsten Woche.',
      'Der Gesamtbetrag beläuft sich auf 1.250,00 € zzgl. MwSt.',
      'Für Rückfragen stehe ich Ihnen gern zur Verfügung.',
      'Leider können wir den Termin am Montag nicht wahrnehmen – wäre Mittwoch möglich?',
      'Das „Premium“-Paket enthält zusätzlich den Telefonsupport.',
      'Die Rechnung {n} ist seit zwei Wochen fällig.',
      'Wir haben die Änderungen übernommen und die Präsentation überarbeitet…',
      'Größere Bestellungen über 5.000 € erhalten 3 % Skonto.',
    ],
    closings: ['Mit freundlichen Grüßen', 'Viele Grüße', 'Beste Grüße'],
    subjects: [
      'Angebot Nr. {n} – Ihre Anfrage',
      'Rechnung {n}',
      'Terminbestätigung für Donnerstag',
      'Rückfrage zur Lieferung',
      'Änderungen am Vertrag {year}',
      'Bestellbestätigung {n}',
    ],
    replyPrefix: 'AW: ',
    names: ['Jürgen Müller', 'Anna Schäfer', 'Klaus Weiß', 'Sabine Köhler', 'Thomas Groß'],
    companies: [
      ['Müller & Söhne GmbH', 'mueller-soehne.example'],
      ['Bäckerei Schäfer', 'baeckerei-schaefer.example'],
    ],
    utcOffsets: [60, 120],
  },
  fr: {
    greetings: ['Bonjour {name},', 'Madame, Monsieur,', 'Cher {name},'],
    sentences: [
      'Je vous remercie pour votre réponse rapide.',
      'Veuillez trouver ci-joint la facture {n} correspondante.',
      'N’hésitez pas à me contacter si vous avez des questions.',
      'Nous avons bien reçu votre commande et la préparons dès aujourd’hui.',
      'La réunion est déplacée à jeudi, 14 h, dans nos locaux à Lyon.',
      'Le montant total s’élève à 980,00 € TTC.',
      'Pourriez-vous nous faire parvenir le bon de commande signé ?',
      'Notre équipe technique a identifié l’origine du problème.',
      'Les délais de livraison sont d’environ trois semaines.',
    ],
    closings: ['Cordialement,', 'Bien à vous,', 'Meilleures salutations,'],
    subjects: [
      'Devis n° {n}',
      'Facture {n} – relance',
      'Réunion de suivi',
      'Question concernant la livraison',
      'Votre commande {n}',
    ],
    replyPrefix: 'RE: ',
    names: ['Amélie Dubois', 'François Lefèvre', 'Hélène Girard', 'Jérôme Bœuf'],
    companies: [['Société Générale des Élévateurs', 'sge-elevateurs.example']],
    utcOffsets: [60, 120],
  },
  es: {
    greetings: ['Estimado {name}:', 'Hola {name},', 'Buenos días:'],
    sentences: [
      'Le agradecemos su interés en nuestros servicios.',
      'Adjunto encontrará el presupuesto solicitado.',
      '¿Podría confirmarnos la fecha de la reunión?',
      'El pedido {n} saldrá de nuestro almacén el próximo lunes.',
      'Quedamos a su disposición para cualquier aclaración.',
      'La factura incluye el descuento acordado del 5 %.',
    ],
    closings: ['Un cordial saludo,', 'Atentamente,', 'Saludos,'],
    subjects: ['Presupuesto {n}', 'Reunión del jueves', 'Pedido {n} enviado', 'Consulta sobre la factura {n}'],
    replyPrefix: 'RE: ',
    names: ['José Martínez', 'María Fernández', 'Íñigo Núñez'],
    companies: [['Distribuciones Peñalara', 'penalara.example']],
    utcOffsets: [60, 120, -180],
  },
  ru: {
    greetings: ['Добрый день!', 'Здравствуйте, {name}!', 'Уважаемые коллеги,'],
    sentences: [
      'Благодарим вас за обращение в нашу компанию.',
      'Направляю вам счёт на оплату по договору {n}.',
      'Просим подтвердить получение этого письма.',
      'Срок поставки составляет две недели с момента оплаты.',
      'Если у вас возникнут вопросы, пожалуйста, свяжитесь с нами.',
      'Встреча переносится на четверг, на 15 часов.',
      'Во вложении коммерческое предложение и прайс-лист.',
    ],
    closings: ['С уважением,', 'Спасибо,', 'Всего доброго,'],
    subjects: ['Счёт на оплату {n}', 'Коммерческое предложение', 'Встреча в четверг', 'Вопрос по поставке {n}', 'Договор {n}'],
    replyPrefix: 'Re: ',
    names: ['Иван Петров', 'Ольга Смирнова', 'Сергей Кузнецов', 'Алёна Соколова'],
    companies: [['ООО Вектор', 'vektor.example']],
    utcOffsets: [180],
  },
  ja: {
    greetings: ['{name}様', 'いつもお世話になっております。', 'ご担当者様'],
    sentences: [
      '株式会社サンプルの田中です。',
      '先日はお打ち合わせのお時間をいただき、ありがとうございました。',
      'お見積書を添付いたしましたので、ご確認のほどよろしくお願いいたします。',
      '納期につきましては、来週中を予定しております。',
      'ご不明な点がございましたら、お気軽にお問い合わせください。',
      '請求書番号{n}のお支払い期日が過ぎております。',
      '次回の会議は木曜日の午後三時からでいかがでしょうか。',
    ],
    closings: ['何卒よろしくお願い申し上げます。', 'よろしくお願いいたします。'],
    subjects: [
      'お見積りの件（{n}）',
      '打ち合わせ日程のご相談',
      '請求書送付のご案内',
      '納期についてのご連絡',
      'ご注文{n}の発送について',
    ],
    replyPrefix: 'Re: ',
    names: ['田中 太郎', '佐藤 花子', '鈴木 一郎', '高橋 美咲'],
    companies: [['株式会社サンプル', 'sample-kk.example']],
    utcOffsets: [540],
  },
};

/** Which languages a charset can carry, as clients in the wild pick them. */
export const CHARSET_LANGUAGES: Record<BenchCharset, Language[]> = {
  'utf-8': ['en', 'en', 'en', 'de', 'fr', 'es', 'ru', 'ja'],
  'us-ascii': ['en'],
  'iso-8859-1': ['de', 'fr', 'es'],
  'windows-1252': ['de', 'fr', 'es', 'en'],
  'koi8-r': ['ru'],
  shift_jis: ['ja'],
  'iso-2022-jp': ['ja'],
};

/**
 * Makes `text` fit a narrower charset the way a mail client would: typographic quotes and
 * dashes become ASCII, '€' becomes 'EUR' (ISO-8859-1, KOI8-R and JIS X 0208 have no euro sign
 * and no en dash; windows-1252 has both).
 */
export function fitCharset(text: string, charset: BenchCharset): string {
  if (charset === 'utf-8' || charset === 'windows-1252') return text;
  let fitted = text
    .replace(/[‘’]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/€/g, 'EUR')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE');
  // eslint-disable-next-line no-control-regex
  if (charset === 'us-ascii') fitted = fitted.normalize('NFD').replace(/[^\x00-\x7f]/g, '');
  return fitted;
}

export function person(prng: Prng, language: Language): Person {
  const bank = BANKS[language];
  const name = prng.pick(bank.names);
  const [, domain] = prng.pick(bank.companies);
  const local = `contact${prng.int(1, 40)}`;
  return { name, address: `${local}@${domain}`, language, utcOffset: prng.pick(bank.utcOffsets) };
}

export function companyOf(p: Person): string {
  const domain = p.address.split('@')[1];
  return BANKS[p.language].companies.find(([, d]) => d === domain)?.[0] ?? domain!;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function fill(template: string, prng: Prng, date: Date, name: string): string {
  return template
    .replace('{n}', String(prng.int(1000, 99999)))
    .replace('{year}', String(date.getUTCFullYear()))
    .replace('{month}', MONTHS[date.getUTCMonth()]!)
    .replace('{name}', name.split(' ')[0]!);
}

export function subjectFor(prng: Prng, language: Language, date: Date): string {
  return fill(prng.pick(BANKS[language].subjects), prng, date, '');
}

export function replyPrefix(language: Language): string {
  return BANKS[language].replyPrefix;
}

/** Greeting, 1–4 paragraphs of 1–4 sentences, closing and signature; LF line ends. */
export function bodyParagraphs(prng: Prng, language: Language, date: Date, to: Person, from: Person): string[] {
  const bank = BANKS[language];
  const paragraphs = [fill(prng.pick(bank.greetings), prng, date, to.name)];
  const count = prng.int(1, 4);
  const spacer = language === 'ja' ? '' : ' ';
  for (let p = 0; p < count; p++) {
    const sentences = Array.from({ length: prng.int(1, 4) }, () => fill(prng.pick(bank.sentences), prng, date, to.name));
    paragraphs.push(sentences.join(spacer));
  }
  paragraphs.push(`${prng.pick(bank.closings)}\n${from.name}\n${companyOf(from)}`);
  return paragraphs;
}
