ALTER TABLE "messages" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "messages_unindexed_idx" ON "messages" USING btree ("id") WHERE "messages"."search_vector" is null and "messages"."body_state" <> 'pending';--> statement-breakpoint
-- Full-text search (issue 9). Everything below runs the same on PostgreSQL 15 and PGlite: no
-- extension (PGlite has no unaccent), only the built-in configurations simple, english and dutch.
-- Accents are folded by normalize(NFD) and dropping the combining marks (U+0300–U+036F), plus the
-- letters NFD does not split; lib/search/fold-search-text.ts is the same fold in TypeScript.
CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(
    translate(regexp_replace(normalize(lower(coalesce(t, '')), NFD), '[\u0300-\u036f]', '', 'g'), 'øđłı', 'odli'),
    'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe')
$$;
--> statement-breakpoint
-- A text as lexemes of the three configurations: the exact word (simple) and its English and Dutch
-- stems, so "running" finds "run" and "fietsen" finds "fiets". Each part keeps its own positions;
-- concatenated tsvectors continue each other's positions, so every part ends with 8 filler words
-- (a word no stemmer changes) that message_search_vector deletes again: a phrase (<->, or <N>
-- over stop words) never runs from one part or field into the next.
CREATE FUNCTION search_terms(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple'::regconfig, f) || to_tsvector('english'::regconfig, f) || to_tsvector('dutch'::regconfig, f)
  FROM (SELECT search_fold(t) || repeat(' qxzsearchgapqxz', 8) AS f) AS folded
$$;
--> statement-breakpoint
-- The query side of search_terms: a word (or, with phrase, a phrase) in any of the three forms.
CREATE FUNCTION search_query(t text, phrase boolean) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN phrase
    THEN phraseto_tsquery('simple'::regconfig, f) || phraseto_tsquery('english'::regconfig, f) || phraseto_tsquery('dutch'::regconfig, f)
    ELSE plainto_tsquery('simple'::regconfig, f) || plainto_tsquery('english'::regconfig, f) || plainto_tsquery('dutch'::regconfig, f)
  END
  FROM (SELECT search_fold(t) AS f) AS folded
$$;
--> statement-breakpoint
-- Names and addresses of a from/to/cc list ([{name, address}]), the address also as its domain and
-- split at @ and dots, so that "example.nl" and "example" find jan@example.nl.
CREATE FUNCTION search_addresses(list jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(coalesce(string_agg(concat_ws(' ', e->>'name', e->>'address', split_part(e->>'address', '@', 2),
    translate(e->>'address', '@.', '  ')), ' '), ''), 5000)
  FROM jsonb_array_elements(coalesce(list, '[]'::jsonb)) AS e
$$;
--> statement-breakpoint
-- The search document of one message. Bounded so that no message can fail its write: a tsvector
-- holds at most 1 MB and 16,383 positions, and every character may become a lexeme of three
-- configurations. So at most 1,000 characters of the subject, 5,000 of names and addresses,
-- 20,000 of the body text and 5,000 of attachment names count (those also split at dots, dashes
-- and underscores: "agenda" finds agenda-q4.pdf): ≈ 12,000 words at worst, about 650 kB.
CREATE FUNCTION message_search_vector(subject text, sender jsonb, recipients jsonb, cc jsonb, bcc jsonb, body text, attachment_names text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ts_delete(search_terms(left(subject, 1000))
    || search_terms(left(search_addresses(sender) || ' ' || search_addresses(recipients) || ' ' || search_addresses(cc) || ' ' || search_addresses(bcc), 5000))
    || search_terms(left(body, 20000))
    || search_terms(left(attachment_names, 5000) || ' ' || translate(left(attachment_names, 5000), '._-', '   ')),
    'qxzsearchgapqxz')
$$;
-- Messages stored before are indexed by the background indexer (lib/search/search-indexer.ts),
-- like new ones: a large store does not hold the start-up migration for minutes.
