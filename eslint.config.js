import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.next',
      '.data',
      '.bench-data',
      '.test-data',
      'test-results',
      'playwright-report',
      'next-env.d.ts',
      'dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // House rule 4: the core knows no transport.
    files: ['lib/**/*.ts', 'db/**/*.ts'],
    ignores: ['lib/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'react', 'react-dom', 'graphql', 'graphql-ws', '@apollo/*', '**/graphql/**', '**/app/**'],
              message: 'lib/ and db/ know no transport or UI (STYLE.md rule 4).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pages get data through Apollo Client only: no SQL, no IMAP, no server modules in app/.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // lib/errors is the one table of error codes (remedies included), plain data without
              // imports (lib/errors.test.ts keeps it so): the page reads it rather than a copy.
              // lib/compose/parse-mailto is pure parsing (nodemailer's addressparser, no I/O) that
              // the composer runs in the browser for /compose?mailto= and pasted address lists;
              // lib/compose/attachment-limit is the size math the composer and the outbox share.
              group: [
                '**/db/**',
                '**/lib/**',
                '!**/lib/errors',
                '!**/lib/compose',
                '**/lib/compose/*',
                '!**/lib/compose/parse-mailto',
                '!**/lib/compose/attachment-limit',
                'imapflow',
                'postgres',
                '@electric-sql/*',
                'nodemailer',
              ],
              message: 'app/ renders pages; data comes through GraphQL.',
            },
          ],
        },
      ],
    },
  },
);
