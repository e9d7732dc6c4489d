CREATE TABLE "termination_approvals" (
	"case_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"via" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "termination_approvals_case_id_approver_id_pk" PRIMARY KEY("case_id","approver_id")
);
--> statement-breakpoint
CREATE TABLE "termination_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_id" text,
	"type" text NOT NULL,
	"reason" text NOT NULL,
	"effective_date" date NOT NULL,
	"earliest_allowed_date" date,
	"department_id" uuid,
	"responsible_id" uuid,
	"status" text DEFAULT 'approval' NOT NULL,
	"approver_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"successor_partner_id" uuid,
	"handover_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status_before" text,
	"close_reason" text,
	"requested_by" uuid,
	"opened_by" uuid,
	"approved_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "termination_messages" (
	"case_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"ts" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "termination_messages_case_id_approver_id_pk" PRIMARY KEY("case_id","approver_id")
);
--> statement-breakpoint
CREATE TABLE "termination_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"key" text NOT NULL,
	"side" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"owner_id" uuid,
	"due_date" date NOT NULL,
	"needs_certificate" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"certificate_file_name" text,
	"certificate_content_type" text,
	"certificate_sha256" text,
	"certificate_storage_key" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"reminders_sent" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "termination_approvals" ADD CONSTRAINT "termination_approvals_case_id_termination_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."termination_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_approvals" ADD CONSTRAINT "termination_approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_cases" ADD CONSTRAINT "termination_cases_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_cases" ADD CONSTRAINT "termination_cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_cases" ADD CONSTRAINT "termination_cases_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_cases" ADD CONSTRAINT "termination_cases_successor_partner_id_partners_id_fk" FOREIGN KEY ("successor_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_cases" ADD CONSTRAINT "termination_cases_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_cases" ADD CONSTRAINT "termination_cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_messages" ADD CONSTRAINT "termination_messages_case_id_termination_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."termination_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_messages" ADD CONSTRAINT "termination_messages_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_tasks" ADD CONSTRAINT "termination_tasks_case_id_termination_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."termination_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_tasks" ADD CONSTRAINT "termination_tasks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_tasks" ADD CONSTRAINT "termination_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_tasks" ADD CONSTRAINT "termination_tasks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_tasks" ADD CONSTRAINT "termination_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "termination_cases_partner_idx" ON "termination_cases" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "termination_cases_status_idx" ON "termination_cases" USING btree ("status","effective_date");--> statement-breakpoint
CREATE UNIQUE INDEX "termination_cases_one_open" ON "termination_cases" USING btree ("partner_id") WHERE status in ('requested', 'approval', 'approved');--> statement-breakpoint
CREATE UNIQUE INDEX "termination_tasks_case_key" ON "termination_tasks" USING btree ("case_id","key");--> statement-breakpoint
CREATE INDEX "termination_tasks_partner_idx" ON "termination_tasks" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "termination_tasks_status_due_idx" ON "termination_tasks" USING btree ("status","due_date");