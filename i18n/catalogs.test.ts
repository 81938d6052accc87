// The catalogs (issue 10, "Everyone, everywhere"): Dutch and English say the same things, every
// message is valid ICU, every key the code asks for exists, every error code is translated.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createTranslator } from 'next-intl';
import { ERROR_CODES } from '../lib/errors';
import en from '../messages/en.json' with { type: 'json' };
import nl from '../messages/nl.json' with { type: 'json' };
import { chooseErrorText } from '../app/client/error-text';
import { missingFolderMessage, type MissingFolderRole } from '../lib/mail-folders/missing-folder';

const root = fileURLToPath(new URL('..', import.meta.url));
type Tree = { [key: string]: string | Tree };
const catalogs = { en: en as Tree, nl: nl as Tree };

/** `a.b.c` → message, for every leaf. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}
const flat = { en: flatten(catalogs.en), nl: flatten(catalogs.nl) };

/**
 * The argument and tag names a message uses (`{days, plural, …}` → days, `<strong>` → <strong>),
 * read by the ICU parser next-intl itself formats with (through intl-messageformat).
 */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.tag) {
        names.add(`<${element.value}>`);
        walk(element.children);
      } else if (
        element.type === TYPE.argument ||
        element.type === TYPE.number ||
        element.type === TYPE.date ||
        element.type === TYPE.time
      ) {
        names.add(element.value);
      } else if (element.type === TYPE.select || element.type === TYPE.plural) {
        names.add(element.value);
        for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

test('English and Dutch have exactly the same keys, and no empty message', () => {
  assert.deepEqual([...flat.nl.keys()].sort(), [...flat.en.keys()].sort());
  for (const [locale, messages] of Object.entries(flat))
    for (const [key, message] of messages) assert.ok(message.trim(), `${locale}: ${key} is empty`);
});

test('every message is valid ICU and takes the same arguments in both languages', () => {
  for (const [key, message] of flat.en) {
    assert.deepEqual(argumentsOf(flat.nl.get(key)!), argumentsOf(message), `arguments of ${key}`);
    for (const locale of ['en', 'nl'] as const) {
      // A translator that reports instead of falling back: a broken message fails here, not on a page.
      const t = createTranslator({
        locale,
        messages: catalogs[locale],
        onError: (error) => assert.fail(`${locale}: ${key}: ${error.message}`),
      });
      const args = Object.fromEntries(argumentsOf(message).map((a) => (a.startsWith('<') ? [a, ''] : [a, 1])));
      if (/<[A-Za-z]+>/.test(message)) {
        const tags = Object.fromEntries(
          argumentsOf(message)
            .filter((a) => a.startsWith('<'))
            .map((a) => [a.slice(1, -1), (c: unknown) => c]),
        );
        t.rich(key as never, { ...args, ...tags } as never);
      } else t(key as never, args as never);
    }
  }
});

test('plurals and numbers follow the language: "1 day" / "3,200" in English, "1 dag" / "3.200" in Dutch', () => {
  const summary = { source: 'tenant', strong: (chunks: unknown) => chunks } as never;
  const tEn = createTranslator({ locale: 'en', messages: catalogs.en as never, namespace: 'admin' as never });
  const tNl = createTranslator({ locale: 'nl', messages: catalogs.nl as never, namespace: 'admin' as never });
  const text = (rich: unknown) => (Array.isArray(rich) ? rich.flat(3).join('') : String(rich));
  assert.match(
    text(tEn.rich('downloadDays.summary' as never, { ...(summary as object), days: 1 } as never)),
    /last 1 day of mail/,
  );
  assert.match(text(tEn.rich('downloadDays.summary' as never, { ...(summary as object), days: 180 } as never)), /last 180 days/);
  assert.match(text(tNl.rich('downloadDays.summary' as never, { ...(summary as object), days: 1 } as never)), /afgelopen 1 dag /);
  assert.match(
    text(tNl.rich('downloadDays.summary' as never, { ...(summary as object), days: 30 } as never)),
    /afgelopen 30 dagen/,
  );
  const counts = { stored: 3200, messages: 10000, failed: 0 } as never;
  assert.equal(tEn('mailAccounts.imported' as never, counts), '3,200 of 10,000 fully imported;');
  assert.equal(tNl('mailAccounts.imported' as never, counts), '3.200 van 10.000 volledig geïmporteerd;');
});

test('the inbox: unread counts as numbers of the language, special-use folders by their Dutch names', () => {
  const tEn = createTranslator({ locale: 'en', messages: catalogs.en as never, namespace: 'mailbox' as never });
  const tNl = createTranslator({ locale: 'nl', messages: catalogs.nl as never, namespace: 'mailbox' as never });
  assert.equal(tEn('unread' as never, { count: 2000 } as never), '2,000 unread');
  assert.equal(tNl('unread' as never, { count: 2000 } as never), '2.000 ongelezen');
  const folder = (t: typeof tNl, use: string) => t('folderName' as never, { use, name: 'Sent Items' } as never);
  assert.deepEqual(
    ['Inbox', 'Sent', 'Drafts', 'Archive', 'Junk', 'Trash'].map((use) => folder(tNl, use)),
    ['Inbox', 'Verzonden', 'Concepten', 'Archief', 'Ongewenst', 'Prullenbak'],
  );
  assert.equal(folder(tEn, 'Sent'), 'Sent');
  assert.equal(folder(tNl, 'other'), 'Sent Items', 'other folders keep the server’s name');
});

test('every error code of the one table has a message in both catalogs; the English one is the table’s', () => {
  const t = createTranslator({ locale: 'en', messages: catalogs.en as never, namespace: 'errors' as never });
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    assert.ok(flat.nl.has(`errors.${code}`), `nl: errors.${code}`);
    assert.equal(t(code as never), info.userMessage, `en: errors.${code} drifted from lib/errors.ts`);
  }
});

test('errors: an English page shows the server’s words, a Dutch page the catalog’s, unknown codes the server’s', () => {
  const catalogFor = (locale: 'en' | 'nl') => {
    const t = createTranslator({ locale, messages: catalogs[locale] as never, namespace: 'errors' as never });
    return { has: (code: string) => t.has(code as never), text: (code: string) => t(code as never) };
  };
  const refused = { code: 'MAIL_AUTH_FAILED', message: 'Incoming mail server (IMAP): the username or password was not accepted' };
  assert.equal(chooseErrorText(refused, 'en', catalogFor('en')), refused.message);
  assert.equal(chooseErrorText(refused, 'nl', catalogFor('nl')), flat.nl.get('errors.MAIL_AUTH_FAILED'));
  const newer = { code: 'SOME_FUTURE_CODE', message: 'Something only a newer server knows.' };
  assert.equal(chooseErrorText(newer, 'nl', catalogFor('nl')), newer.message);
  assert.equal(chooseErrorText({ code: 'NETWORK' }, 'nl', catalogFor('nl')), flat.nl.get('errors.NETWORK'));
  assert.equal(chooseErrorText({ code: 'NETWORK' }, 'en', catalogFor('en')), flat.en.get('errors.NETWORK'));
  const short = { code: 'BAD_USER_INPUT', field: 'password', message: 'Use at least 8 characters.' };
  assert.equal(chooseErrorText(short, 'nl', catalogFor('nl')), flat.nl.get('errors.BAD_USER_INPUT_FIELD'));
});

test('a missing folder is named by its role: Sent or Drafts as well as Trash or Junk, in English and Dutch', () => {
  const catalogFor = (locale: 'en' | 'nl') => {
    const t = createTranslator({ locale, messages: catalogs[locale] as never, namespace: 'errors' as never });
    return {
      has: (code: string) => t.has(code as never),
      text: (code: string, values?: Record<string, string>) => t(code as never, values as never),
    };
  };
  const roles: MissingFolderRole[] = ['Sent', 'Drafts', 'Junk', 'Trash'];
  const nl = roles.map((role) =>
    chooseErrorText({ code: 'MAIL_FOLDER_MISSING', role, message: missingFolderMessage(role) }, 'nl', catalogFor('nl')),
  );
  assert.deepEqual(nl, [
    'Deze mailbox heeft op de mailserver geen map Verzonden.',
    'Deze mailbox heeft op de mailserver geen map Concepten.',
    'Deze mailbox heeft op de mailserver geen map Ongewenst.',
    'Deze mailbox heeft op de mailserver geen map Prullenbak.',
  ]);
  for (const role of roles) {
    // The server's English words and the English catalog's say the same, whichever the page shows.
    const problem = { code: 'MAIL_FOLDER_MISSING', role };
    assert.equal(chooseErrorText(problem, 'en', catalogFor('en')), missingFolderMessage(role));
    assert.equal(
      chooseErrorText({ ...problem, message: missingFolderMessage(role) }, 'en', catalogFor('en')),
      missingFolderMessage(role),
    );
  }
  assert.match(missingFolderMessage('Sent'), /no Sent folder/);
  // Without a role (an older server) the generic text, which names no folder it cannot know.
  assert.equal(
    chooseErrorText({ code: 'MAIL_FOLDER_MISSING' }, 'nl', catalogFor('nl')),
    flat.nl.get('errors.MAIL_FOLDER_MISSING'),
  );
  assert.doesNotMatch(flat.en.get('errors.MAIL_FOLDER_MISSING')!, /Trash|Junk/);
});

/** Source files that render text: everything under app/, the inbox and the reader included. */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test('every key the code asks for exists (t, t.rich and t.has calls under their namespace)', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const file of sourceFiles('app')) {
    const text = fs.readFileSync(file, 'utf8');
    // The namespaces this file opens; `serverFields.${kind}` stands for every child of serverFields.
    const namespaces = [...text.matchAll(/(?:useTranslations|getTranslations)\(\s*['`]([^'`]*)['`]\s*\)/g)].flatMap(([, ns]) => {
      const dynamic = /^(.*)\.\$\{[^}]+\}$/.exec(ns!);
      if (!dynamic) return [ns!];
      return [...flat.en.keys()]
        .filter((k) => k.startsWith(`${dynamic[1]}.`))
        .map((k) => k.slice(0, k.indexOf('.', dynamic[1]!.length + 1)));
    });
    if (!namespaces.length) continue;
    for (const [, key] of text.matchAll(/\bt(?:\.rich|\.has)?\(\s*'([^']+)'/g)) {
      checked++;
      if (!namespaces.some((ns) => flat.en.has(`${ns}.${key}`) || (ns === '' && flat.en.has(key!))))
        missing.push(`${path.relative(root, file)}: ${key} (in ${[...new Set(namespaces)].join(', ')})`);
    }
  }
  assert.ok(checked > 100, `the scan found the calls (${checked})`);
  assert.deepEqual(missing, []);
});
