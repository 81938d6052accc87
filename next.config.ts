import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// Next only renders pages; the database, mail and GraphQL live in the custom server
// (server.ts). Should a server component ever import them, keep these out of the bundle.
const nextConfig: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'imapflow', 'mailparser', 'nodemailer', '@node-rs/argon2'],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run check` type-checks the whole project once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

// next-intl reads each request's language and catalog from i18n/request.ts (no locale in the URL).
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
