/**
 * The extractor's version: raise it when parsing changes what is derived from a source (a
 * mailparser fix, a better snippet, a new search field). The extraction worker then re-parses
 * every stored message from its source in the background, newest first, after any message never
 * extracted (messages.extracted_version < this). Migration 0010 counts the earlier import's
 * parse as version 1.
 */
export const EXTRACT_VERSION = 1;
