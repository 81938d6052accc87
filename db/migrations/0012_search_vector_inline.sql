-- A phrase ("weekly report") is checked on every row holding both words: the GIN index has no
-- positions, so each check reads the row's search vector. Those of most messages are 2-3 kB,
-- which pglz does not shrink, so by default they were moved out of line into TOAST and every
-- check was a TOAST index lookup and two chunk reads. MAIN keeps a vector in the row while the
-- row fits a page (larger ones still go out of line): measured on 100k messages, phrase with
-- negation 101 → 50 ms median (2 cores, loaded). Rows written before keep
-- their storage until their vector is written again.
ALTER TABLE "messages" ALTER COLUMN "search_vector" SET STORAGE MAIN;
