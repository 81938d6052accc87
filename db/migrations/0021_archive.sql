CREATE TABLE "archive_blobs" (
	"hash" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_links" (
	"document_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"person_id" uuid,
	"company_id" uuid,
	"project_id" uuid,
	"sale_id" uuid,
	"target_id" uuid GENERATED ALWAYS AS (coalesce(person_id, company_id, project_id, sale_id)) STORED NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_links_one_target_check" CHECK (num_nonnulls(person_id, company_id, project_id, sale_id) = 1),
	CONSTRAINT "archive_links_kind_check" CHECK (("archive_links"."target_kind" = 'person' and person_id is not null) or ("archive_links"."target_kind" = 'company' and company_id is not null)
        or ("archive_links"."target_kind" = 'project' and project_id is not null) or ("archive_links"."target_kind" = 'sale' and sale_id is not null))
);
--> statement-breakpoint
CREATE TABLE "archived_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"blob_hash" text NOT NULL,
	"visibility" text NOT NULL,
	"private_to" uuid,
	"category" text,
	"archived_by" uuid,
	"archived_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source_message_id" uuid,
	"message_id_header" text,
	"subject" text DEFAULT '' NOT NULL,
	"from" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dated_at" timestamp with time zone NOT NULL,
	"filename" text,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector",
	CONSTRAINT "archived_documents_source_key" UNIQUE NULLS NOT DISTINCT("tenant_id","blob_hash","private_to"),
	CONSTRAINT "archived_documents_kind_check" CHECK ("archived_documents"."kind" in ('message', 'attachment')),
	CONSTRAINT "archived_documents_visibility_check" CHECK (("archived_documents"."visibility" = 'tenant' and "archived_documents"."private_to" is null) or ("archived_documents"."visibility" = 'private' and "archived_documents"."private_to" is not null))
);
--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_document_id_archived_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."archived_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_links" ADD CONSTRAINT "archive_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_documents" ADD CONSTRAINT "archived_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_documents" ADD CONSTRAINT "archived_documents_blob_hash_archive_blobs_hash_fk" FOREIGN KEY ("blob_hash") REFERENCES "public"."archive_blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_documents" ADD CONSTRAINT "archived_documents_private_to_users_id_fk" FOREIGN KEY ("private_to") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_documents" ADD CONSTRAINT "archived_documents_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_documents" ADD CONSTRAINT "archived_documents_source_message_id_messages_id_fk" FOREIGN KEY ("source_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "archive_links_document_target_idx" ON "archive_links" USING btree ("document_id","target_id");--> statement-breakpoint
CREATE INDEX "archive_links_tenant_target_idx" ON "archive_links" USING btree ("tenant_id","target_id");--> statement-breakpoint
CREATE INDEX "archived_documents_source_message_idx" ON "archived_documents" USING btree ("source_message_id");--> statement-breakpoint
CREATE INDEX "archived_documents_blob_idx" ON "archived_documents" USING btree ("blob_hash");--> statement-breakpoint
CREATE INDEX "archived_documents_search_idx" ON "archived_documents" USING gin ("search_vector");--> statement-breakpoint
-- Archived bytes uncompressed, as message_sources (0007): mail is mostly compressed already
-- (base64 of JPEG, PDF, ZIP), and pglz costs more CPU than it saves space.
ALTER TABLE "archive_blobs" ALTER COLUMN "data" SET STORAGE EXTERNAL;
