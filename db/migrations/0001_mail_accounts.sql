CREATE TABLE "mail_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text NOT NULL,
	"settings_source" text NOT NULL,
	"imap_host" text NOT NULL,
	"imap_port" integer NOT NULL,
	"imap_ssl" boolean NOT NULL,
	"imap_username" text NOT NULL,
	"imap_password_sealed" text NOT NULL,
	"imap_password_key_id" text NOT NULL,
	"imap_trusted_fingerprint" text,
	"smtp_host" text NOT NULL,
	"smtp_port" integer NOT NULL,
	"smtp_ssl" boolean NOT NULL,
	"smtp_username" text NOT NULL,
	"smtp_password_sealed" text NOT NULL,
	"smtp_password_key_id" text NOT NULL,
	"smtp_trusted_fingerprint" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'connected' NOT NULL,
	"last_error_code" text,
	"last_error_message" text,
	"last_verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_accounts_status_check" CHECK ("mail_accounts"."status" in ('connected', 'reconnect_required', 'error'))
);
--> statement-breakpoint
CREATE TABLE "mail_folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"path" text NOT NULL,
	"name" text NOT NULL,
	"special_use" text,
	"uid_validity" bigint,
	"uid_next" bigint,
	"highest_modseq" text,
	"last_synced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD CONSTRAINT "mail_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD CONSTRAINT "mail_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_folders" ADD CONSTRAINT "mail_folders_account_id_mail_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."mail_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_accounts_user_email_idx" ON "mail_accounts" USING btree ("user_id","email");--> statement-breakpoint
CREATE INDEX "mail_accounts_tenant_idx" ON "mail_accounts" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_folders_account_path_idx" ON "mail_folders" USING btree ("account_id","path");