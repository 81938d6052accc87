CREATE TABLE "mail_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message_ids" uuid[] NOT NULL,
	"target_folder_id" uuid,
	"changed_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error_code" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "hidden_by" uuid;--> statement-breakpoint
ALTER TABLE "mail_actions" ADD CONSTRAINT "mail_actions_account_id_mail_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."mail_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_actions_open_idx" ON "mail_actions" USING btree ("account_id","created_at") WHERE "mail_actions"."state" in ('pending', 'running');--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_hidden_by_mail_actions_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."mail_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_hidden_by_idx" ON "messages" USING btree ("hidden_by") WHERE "messages"."hidden_by" is not null;