ALTER TABLE "outbox_messages" ADD COLUMN "archive" jsonb;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "archived_at" timestamp with time zone;