DROP INDEX "messages_folder_date_idx";--> statement-breakpoint
CREATE INDEX "messages_folder_date_idx" ON "messages" USING btree ("folder_id","internal_date" DESC NULLS FIRST,"id" DESC NULLS FIRST);