import type { SimpleParserOptions } from 'mailparser';

/**
 * How every stored source is parsed: by the extraction worker (snippet, bodies, attachment index)
 * and by the attachment download, which finds an attachment by its position (`attachments.ordinal`)
 * among the ones mailparser returns with these options — so both must use the same ones.
 * The reader shows HTML (sanitized) or text; mailparser's conversions between them are the most
 * expensive part of parsing and nobody reads their output.
 */
export const MAIL_PARSER_OPTIONS: SimpleParserOptions = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  checksumAlgo: 'sha256',
};
