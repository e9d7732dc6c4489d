CREATE TABLE "management_report_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quarter" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"generated_at" timestamp with time zone,
	"headline" jsonb,
	"error" text,
	CONSTRAINT "management_reports_quarter_format" CHECK ("management_reports"."quarter" ~ '^[0-9]{4}-Q[1-4]$')
);
--> statement-breakpoint
ALTER TABLE "management_report_files" ADD CONSTRAINT "management_report_files_report_id_management_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."management_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reports" ADD CONSTRAINT "management_reports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "management_report_files_key" ON "management_report_files" USING btree ("report_id","locale","format");--> statement-breakpoint
CREATE UNIQUE INDEX "management_reports_quarter_key" ON "management_reports" USING btree ("quarter");--> statement-breakpoint
CREATE INDEX "management_reports_status_idx" ON "management_reports" USING btree ("status");--> statement-breakpoint
-- A generated report file never changes (decision record 051): its row, and so its SHA-256 and
-- storage key, are refused any update or delete, like the audit log and service events.
CREATE OR REPLACE FUNCTION management_report_files_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'management_report_files are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER management_report_files_no_change BEFORE UPDATE OR DELETE ON management_report_files
  FOR EACH ROW EXECUTE FUNCTION management_report_files_immutable();
