DROP INDEX "messages_unindexed_idx";--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "blob_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "ordinal" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "extracted_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_extract_todo_idx" ON "messages" USING btree ("extracted_version","internal_date" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "messages"."body_state" = 'done';--> statement-breakpoint
-- Source first (issue 9): body_state now says whether the source is stored, extracted_version
-- whether the snippet, bodies, attachment index and search document were derived from it. Rows
-- the earlier import parsed keep what it extracted (version 1, the current extractor's). Those
-- whose source was never kept go back to 'pending': the sync fetches their sources in the
-- background, and they are not parsed again. A damaged message whose source was kept is 'done'.
-- A row the earlier search indexer had not reached yet (no search document) is extracted again.
UPDATE "messages" SET "extracted_version" = 1 WHERE "body_state" = 'done' AND "search_vector" IS NOT NULL;
--> statement-breakpoint
UPDATE "messages" SET "body_state" = 'done', "extracted_version" = CASE WHEN "search_vector" IS NULL THEN 0 ELSE 1 END
  WHERE "body_state" = 'error' AND EXISTS (SELECT 1 FROM "message_sources" s WHERE s."message_id" = "messages"."id");
--> statement-breakpoint
UPDATE "messages" SET "body_state" = 'pending'
  WHERE "body_state" <> 'pending' AND NOT EXISTS (SELECT 1 FROM "message_sources" s WHERE s."message_id" = "messages"."id");
--> statement-breakpoint
-- Attachment bytes stored before were addressed by the SHA-256 of their content.
UPDATE "attachments" SET "content_hash" = "blob_hash" WHERE "content_hash" IS NULL;
