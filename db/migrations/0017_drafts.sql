CREATE TABLE "draft_attachments" (
	"draft_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"message_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"synced_version" integer DEFAULT 0 NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correspondents" (
	"user_id" uuid NOT NULL,
	"address" text NOT NULL,
	"name" text,
	"times" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "correspondents_user_id_address_pk" PRIMARY KEY("user_id","address")
);
--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "files_sent_mail" boolean;--> statement-breakpoint
ALTER TABLE "mail_actions" ADD COLUMN "outbox_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_actions" ADD COLUMN "draft_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_actions" ADD COLUMN "message_id_header" text;--> statement-breakpoint
ALTER TABLE "draft_attachments" ADD CONSTRAINT "draft_attachments_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_account_id_mail_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."mail_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondents" ADD CONSTRAINT "correspondents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_attachments_idx" ON "draft_attachments" USING btree ("draft_id","ordinal");--> statement-breakpoint
CREATE INDEX "drafts_user_idx" ON "drafts" USING btree ("user_id","saved_at");--> statement-breakpoint
CREATE INDEX "mail_actions_outbox_idx" ON "mail_actions" USING btree ("outbox_id") WHERE "mail_actions"."outbox_id" is not null;--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model functions or triggers): keep when regenerating.
-- addressSuggestions' derived table (db/schema/correspondents.ts), kept by one set-based upsert per
-- statement that inserts messages (transition table `added`): the senders of received mail, the
-- To and Cc of mail in the \Sent folder (RFC 6154); the account's own address left out.
CREATE FUNCTION "correspondents_from_messages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "correspondents" AS c ("user_id", "address", "name", "times", "last_at")
	SELECT a."user_id", lower(e->>'address'),
		(array_agg(e->>'name' ORDER BY coalesce(m."sent_at", m."internal_date") DESC) FILTER (WHERE coalesce(e->>'name', '') <> ''))[1],
		count(*)::integer, max(coalesce(m."sent_at", m."internal_date"))
	FROM added m
	JOIN "mail_folders" f ON f."id" = m."folder_id"
	JOIN "mail_accounts" a ON a."id" = m."account_id"
	CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN f."special_use" = '\Sent' THEN m."to" || m."cc" ELSE m."from" END) e
	WHERE length(coalesce(e->>'address', '')) BETWEEN 3 AND 320 AND lower(e->>'address') <> lower(a."email")
	GROUP BY a."user_id", lower(e->>'address')
	ON CONFLICT ("user_id", "address") DO UPDATE SET
		"times" = c."times" + excluded."times",
		"name" = CASE WHEN excluded."last_at" >= c."last_at" THEN coalesce(excluded."name", c."name") ELSE coalesce(c."name", excluded."name") END,
		"last_at" = greatest(c."last_at", excluded."last_at");
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "messages_correspondents" AFTER INSERT ON "messages" REFERENCING NEW TABLE AS added
	FOR EACH STATEMENT EXECUTE FUNCTION "correspondents_from_messages"();
--> statement-breakpoint
-- The mail stored before this migration, once.
INSERT INTO "correspondents" ("user_id", "address", "name", "times", "last_at")
SELECT a."user_id", lower(e->>'address'),
	(array_agg(e->>'name' ORDER BY coalesce(m."sent_at", m."internal_date") DESC) FILTER (WHERE coalesce(e->>'name', '') <> ''))[1],
	count(*)::integer, max(coalesce(m."sent_at", m."internal_date"))
FROM "messages" m
JOIN "mail_folders" f ON f."id" = m."folder_id"
JOIN "mail_accounts" a ON a."id" = m."account_id"
CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN f."special_use" = '\Sent' THEN m."to" || m."cc" ELSE m."from" END) e
WHERE length(coalesce(e->>'address', '')) BETWEEN 3 AND 320 AND lower(e->>'address') <> lower(a."email")
GROUP BY a."user_id", lower(e->>'address');
