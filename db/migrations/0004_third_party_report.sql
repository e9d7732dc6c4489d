ALTER TABLE "assessments" ADD COLUMN "third_party_report_file_name" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "third_party_report_content_type" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "third_party_report_size_bytes" bigint;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "third_party_report_sha256" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "third_party_report_storage_key" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "third_party_report_uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "third_party_report_uploaded_by" uuid;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_third_party_report_uploaded_by_users_id_fk" FOREIGN KEY ("third_party_report_uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;