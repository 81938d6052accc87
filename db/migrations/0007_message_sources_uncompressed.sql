-- Every message's source is now kept (issue 9), so this column takes every byte the sync
-- fetches. PostgreSQL's default pglz pass over each value > 2 kB is the import's most expensive
-- step after parsing: streaming 400 MB of sources by binary COPY took 7.8 s with pglz against
-- 2.9 s with STORAGE EXTERNAL or lz4 (STACK-NOTES, 2 cores). lz4 would also save disk, but PGlite
-- (and PostgreSQL built without it) refuses it ("compression method lz4 not supported"), and a
-- migration must run on both engines. EXTERNAL keeps the bytes out of line in TOAST, uncompressed;
-- a deployment on a server with lz4 may run `ALTER TABLE message_sources ALTER COLUMN bytes SET
-- STORAGE EXTENDED, ALTER COLUMN bytes SET COMPRESSION lz4` (new rows only).
ALTER TABLE "message_sources" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
