ALTER TABLE "mail_accounts" RENAME COLUMN "imap_password_sealed" TO "imap_secret_sealed";--> statement-breakpoint
ALTER TABLE "mail_accounts" RENAME COLUMN "imap_password_key_id" TO "imap_secret_key_id";--> statement-breakpoint
ALTER TABLE "mail_accounts" RENAME COLUMN "smtp_password_sealed" TO "smtp_secret_sealed";--> statement-breakpoint
ALTER TABLE "mail_accounts" RENAME COLUMN "smtp_password_key_id" TO "smtp_secret_key_id";--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "imap_auth_kind" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "imap_oauth_provider" text;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "smtp_auth_kind" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "smtp_oauth_provider" text;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD CONSTRAINT "mail_accounts_imap_auth_check" CHECK (("mail_accounts"."imap_auth_kind" = 'password' and "mail_accounts"."imap_oauth_provider" is null) or ("mail_accounts"."imap_auth_kind" = 'oauth2' and "mail_accounts"."imap_oauth_provider" is not null));--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD CONSTRAINT "mail_accounts_smtp_auth_check" CHECK (("mail_accounts"."smtp_auth_kind" = 'password' and "mail_accounts"."smtp_oauth_provider" is null) or ("mail_accounts"."smtp_auth_kind" = 'oauth2' and "mail_accounts"."smtp_oauth_provider" is not null));