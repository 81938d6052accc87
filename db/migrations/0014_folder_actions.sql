ALTER TABLE "mail_folders" ADD COLUMN "delimiter" text;--> statement-breakpoint
ALTER TABLE "mail_actions" ADD COLUMN "folder_path" text;