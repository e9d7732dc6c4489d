CREATE TABLE "risk_emergency_plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_emergency_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scenario" text NOT NULL,
	"service_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"steps_zh" text[] DEFAULT '{}'::text[] NOT NULL,
	"steps_en" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "risk_incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_incident_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_incident_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"assignee" text NOT NULL,
	"assignee_id" uuid,
	"description" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"submission_note" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"rejection_reason" text,
	"reminders_sent" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"alert_id" uuid,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"affected_scope" text DEFAULT '' NOT NULL,
	"affected_customers" integer,
	"affected_policies" integer,
	"affected_systems" integer,
	"containment" text DEFAULT '' NOT NULL,
	"handling_plan" text DEFAULT '' NOT NULL,
	"responsible_id" uuid NOT NULL,
	"plan" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"contained_at" timestamp with time zone,
	"contained_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"root_cause" text,
	"lessons_learned" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_emergency_plan_versions" ADD CONSTRAINT "risk_emergency_plan_versions_plan_id_risk_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."risk_emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_emergency_plan_versions" ADD CONSTRAINT "risk_emergency_plan_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_emergency_plans" ADD CONSTRAINT "risk_emergency_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_events" ADD CONSTRAINT "risk_incident_events_incident_id_risk_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."risk_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_events" ADD CONSTRAINT "risk_incident_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_evidence" ADD CONSTRAINT "risk_incident_evidence_task_id_risk_incident_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."risk_incident_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_evidence" ADD CONSTRAINT "risk_incident_evidence_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_evidence" ADD CONSTRAINT "risk_incident_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_tasks" ADD CONSTRAINT "risk_incident_tasks_incident_id_risk_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."risk_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_tasks" ADD CONSTRAINT "risk_incident_tasks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_tasks" ADD CONSTRAINT "risk_incident_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_tasks" ADD CONSTRAINT "risk_incident_tasks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_tasks" ADD CONSTRAINT "risk_incident_tasks_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incident_tasks" ADD CONSTRAINT "risk_incident_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_alert_id_risk_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."risk_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_contained_by_users_id_fk" FOREIGN KEY ("contained_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_emergency_plan_versions_key" ON "risk_emergency_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "risk_incident_events_incident_idx" ON "risk_incident_events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "risk_incident_evidence_task_idx" ON "risk_incident_evidence" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "risk_incident_tasks_incident_idx" ON "risk_incident_tasks" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "risk_incident_tasks_partner_idx" ON "risk_incident_tasks" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "risk_incident_tasks_status_due_idx" ON "risk_incident_tasks" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "risk_incidents_status_opened_idx" ON "risk_incidents" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "risk_incidents_partner_idx" ON "risk_incidents" USING btree ("partner_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_incidents_alert_key" ON "risk_incidents" USING btree ("alert_id");