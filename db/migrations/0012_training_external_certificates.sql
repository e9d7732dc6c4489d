CREATE TABLE "training_external_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"completed_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"category" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reject_reason" text,
	"completion_id" uuid,
	"uploaded_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_external_certificates_minutes" CHECK ("training_external_certificates"."minutes" between 1 and 6000)
);
--> statement-breakpoint
ALTER TABLE "training_course_versions" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "training_external_certificates" ADD CONSTRAINT "training_external_certificates_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_external_certificates" ADD CONSTRAINT "training_external_certificates_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_external_certificates" ADD CONSTRAINT "training_external_certificates_completion_id_training_completions_id_fk" FOREIGN KEY ("completion_id") REFERENCES "public"."training_completions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_external_certificates" ADD CONSTRAINT "training_external_certificates_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_external_certificates" ADD CONSTRAINT "training_external_certificates_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_external_certificates_status_idx" ON "training_external_certificates" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "training_external_certificates_partner_idx" ON "training_external_certificates" USING btree ("partner_id","created_at");