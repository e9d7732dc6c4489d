CREATE TABLE "training_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"target" text NOT NULL,
	"partner_id" uuid,
	"service_category" text,
	"person_id" uuid,
	"due_date" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_assignments_target_shape" CHECK (("training_assignments"."target" = 'partner' and "training_assignments"."partner_id" is not null)
        or ("training_assignments"."target" = 'category' and "training_assignments"."service_category" is not null)
        or ("training_assignments"."target" = 'person' and "training_assignments"."person_id" is not null and "training_assignments"."partner_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"course_version_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_completions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"source" text NOT NULL,
	"course_id" uuid,
	"course_version_id" uuid,
	"attempt_id" uuid,
	"category" text NOT NULL,
	"minutes" integer NOT NULL,
	"completed_on" date NOT NULL,
	"certificate_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_completions_minutes" CHECK ("training_completions"."minutes" between 1 and 6000)
);
--> statement-breakpoint
CREATE TABLE "training_course_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"video_url" text,
	"credit_minutes" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"pass_mark" integer NOT NULL,
	"attempt_limit" integer NOT NULL,
	"shuffle" boolean DEFAULT false NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_course_versions_pass_mark" CHECK ("training_course_versions"."pass_mark" between 0 and 100),
	CONSTRAINT "training_course_versions_attempt_limit" CHECK ("training_course_versions"."attempt_limit" between 1 and 20),
	CONSTRAINT "training_course_versions_credit" CHECK ("training_course_versions"."credit_minutes" between 1 and 6000)
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"current_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"staff_number" text NOT NULL,
	"job_role" text NOT NULL,
	"service_category" text NOT NULL,
	"start_date" date NOT NULL,
	"user_id" uuid,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_requirements" (
	"service_category" text PRIMARY KEY NOT NULL,
	"total_minutes" integer NOT NULL,
	"category_minutes" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_monthly_rollups" ADD COLUMN "training_people" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_monthly_rollups" ADD COLUMN "training_met" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_course_version_id_training_course_versions_id_fk" FOREIGN KEY ("course_version_id") REFERENCES "public"."training_course_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_course_version_id_training_course_versions_id_fk" FOREIGN KEY ("course_version_id") REFERENCES "public"."training_course_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_attempt_id_training_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."training_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course_versions" ADD CONSTRAINT "training_course_versions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course_versions" ADD CONSTRAINT "training_course_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_people" ADD CONSTRAINT "training_people_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_people" ADD CONSTRAINT "training_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_requirements" ADD CONSTRAINT "training_requirements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_assignments_course_idx" ON "training_assignments" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attempts_person_course_attempt_key" ON "training_attempts" USING btree ("person_id","course_id","attempt");--> statement-breakpoint
CREATE INDEX "training_attempts_partner_idx" ON "training_attempts" USING btree ("partner_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_completions_certificate_key" ON "training_completions" USING btree ("certificate_code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_completions_person_course_key" ON "training_completions" USING btree ("person_id","course_id") WHERE "training_completions"."course_id" is not null;--> statement-breakpoint
CREATE INDEX "training_completions_partner_idx" ON "training_completions" USING btree ("partner_id","completed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_course_versions_course_version_key" ON "training_course_versions" USING btree ("course_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "training_people_partner_number_key" ON "training_people" USING btree ("partner_id","staff_number") WHERE "training_people"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "training_people_user_idx" ON "training_people" USING btree ("user_id");