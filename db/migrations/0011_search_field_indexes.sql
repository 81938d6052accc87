-- PostgreSQL 17 and later (PGlite is 18) evaluate index expressions in CREATE INDEX, REINDEX,
-- VACUUM and ANALYZE with search_path = pg_catalog, pg_temp: search_terms must name search_fold
-- with its schema, or the indexes below fail to build (and later to analyze). Same function else.
CREATE OR REPLACE FUNCTION search_terms(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple'::regconfig, f) || to_tsvector('english'::regconfig, f) || to_tsvector('dutch'::regconfig, f)
  FROM (SELECT public.search_fold(t) || repeat(' qxzsearchgapqxz', 8) AS f) AS folded
$$;
--> statement-breakpoint
-- subject: and from: by index (bench:search, 100k messages: subject:offerte is:flagged took 204 ms
-- checking the subject of every message with "offerte" anywhere; a field check is three
-- to_tsvector, ≈ 40 µs a row). The expressions are the field checks of
-- db/queries/search-conditions.ts, character for character, so the planner can use them. Partial:
-- a row gets its entries when its search document is written (the extraction worker), not at the import's
-- insert; about 3 MB each per 100k messages.
CREATE INDEX "messages_subject_search_idx" ON "messages" USING gin (search_terms(left("subject", 1000))) WHERE "messages"."search_vector" is not null;--> statement-breakpoint
CREATE INDEX "messages_from_search_idx" ON "messages" USING gin (search_terms(search_addresses("from"))) WHERE "messages"."search_vector" is not null;
